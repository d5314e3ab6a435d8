/**
 * Number text is read in one pass (issue 12, item 2): the old patterns `\d+\.?\d*` backtracked
 * quadratically, so 80,000 digits and a letter took about 10 s. These inputs of 200,000 digits
 * would take about a minute with the old patterns; the timeouts are generous for a linear scan
 * on a busy machine and only fail when parsing is superlinear again.
 */
import { describe, expect, it } from "vitest";
import { parseArgs } from "../src-sim/cli/args";
import { decodeScenario } from "../src-sim/scenario/codec";
import { MAX_NUMBER_TEXT, parseDecimal, scanDecimal } from "../src-sim/scenario/numberText";
import { parseHumanNumber } from "../web/format/parse";

const LONG = "9".repeat(200_000);
const GENEROUS_MS = 5_000;

describe("scanDecimal(text, from)", () => {
  it("returns the end of the longest decimal number at `from`, or -1", () => {
    const cases: Array<[string, number]> = [
      ["12", 2],
      ["12.", 3],
      ["12.5", 4],
      [".5", 2],
      [".", -1],
      ["", -1],
      ["e5", -1],
      ["1e5", 3],
      ["1E+05", 5],
      ["1e-3x", 4],
      ["1e", 1],
      ["1e+", 1],
      ["2.5k", 3],
      ["-3", 2],
      ["+.5e2", 5],
      ["--3", -1],
      ["1.2.3", 3],
    ];
    for (const [text, end] of cases) expect(scanDecimal(text, 0), text).toBe(end);
  });

  it("scanDecimal(text, from, false) refuses a sign", () => {
    expect(scanDecimal("-3", 0, false)).toBe(-1);
    expect(scanDecimal("a12b", 1, false)).toBe(3);
  });
});

describe("parseDecimal(text)", () => {
  it("reads whole decimal or scientific numbers and nothing else", () => {
    expect(parseDecimal("1e5")).toBe(1e5);
    expect(parseDecimal("-0.25")).toBe(-0.25);
    expect(parseDecimal("1e999")).toBe(Infinity);
    for (const bad of ["", " ", "0x10", "1e", "1 2", "Infinity", "NaN", "1,000", "5s"]) {
      expect(parseDecimal(bad), bad).toBeNaN();
    }
    expect(parseDecimal("-1", false)).toBeNaN();
  });

  it("is NaN past MAX_NUMBER_TEXT characters", () => {
    expect(parseDecimal("1".repeat(MAX_NUMBER_TEXT))).toBeGreaterThan(0);
    expect(parseDecimal("1".repeat(MAX_NUMBER_TEXT + 1))).toBeNaN();
  });
});

describe("number text in linear time", () => {
  it(
    "the codec reads 200,000 digits and a letter at once, and says the value is too long",
    () => {
      const r = decodeScenario(`producer=${LONG}x&consumer=${LONG}`);
      expect(r.scenario.producer).toBe(100_000);
      expect(r.scenario.consumer).toBe(50_000);
      const producer = r.warnings.find((w) => w.key === "producer")!;
      expect(producer.message).toMatch(/too long/);
      expect(r.warnings.find((w) => w.key === "consumer")!.message).toMatch(/too long/);
    },
    GENEROUS_MS,
  );

  it(
    "the command line reads --until with 200,000 digits and a letter at once",
    () => {
      const r = parseArgs(["--until", `${LONG}x`]);
      expect(r.kind).toBe("error");
    },
    GENEROUS_MS,
  );

  it(
    "the page's number box reads 200,000 digits and a letter at once",
    () => {
      expect(parseHumanNumber(`${LONG}x`, "events/s")).toBeNaN();
      expect(parseHumanNumber(`${LONG}`, "events/s")).toBeNaN();
    },
    GENEROUS_MS,
  );
});
