import { describe, expect, it } from "vitest";
import { PARAMS, type NumberParam } from "../src-sim/scenario/params";
import { formatParamValue } from "../web/format/paramFormat";
import { parseHumanNumber } from "../web/format/parse";
import {
  formatBinaryBytes,
  formatBitRate,
  formatBytes,
  formatClock,
  formatCount,
  formatDuration,
  formatPercent,
  formatRate,
  formatShares,
} from "../web/format/numbers";

describe("formatCount", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [5000, "5.0K"],
    [50_000, "50K"],
    [500_000, "500K"],
    [999_700, "1.0M"],
    [3_000_000, "3.0M"],
    [6_000_001, "6.0M"],
    [12_400_000, "12M"],
    [2.5e9, "2.5B"],
    [NaN, "–"],
    [2.5, "2.5"],
  ])("formatCount(%s) is %s", (n, text) => expect(formatCount(n)).toBe(text));
  it("formatRate(100000) is 100K/s", () => expect(formatRate(100_000)).toBe("100K/s"));
});

describe("formatBytes", () => {
  it.each([
    [6e9, "6 GB"],
    [1.5e9, "1.5 GB"],
    [500e6, "500 MB"],
    [980, "980 B"],
    [10_000, "10 KB"],
    [0, "0 B"],
  ])("formatBytes(%s) is %s", (b, text) => expect(formatBytes(b)).toBe(text));
});

describe("formatDuration", () => {
  it.each([
    [0.12, "120 ms"],
    [0.00085, "850 µs"],
    [1.5, "1.5 s"],
    [45, "45 s"],
    [110, "110 s"],
    [1800, "30 min"],
    [86_400, "24.0 h"],
    [NaN, "–"],
    [Infinity, "∞"],
  ])("formatDuration(%s) is %s", (s, text) => expect(formatDuration(s)).toBe(text));
});

describe("formatShares", () => {
  const sum = (xs: string[]) => xs.reduce((a, x) => a + Number(x.replace(/[<%]/g, "")), 0);
  it("thirds add up to 100.0%, not 99.9%", () => {
    expect(formatShares([1, 1, 1])).toEqual(["33.4%", "33.3%", "33.3%"]);
  });
  it("one big share beside small ones (each rounded alone: 100% + 0.2% + 0.2%) adds up to 100.0%", () => {
    const values = [0.9965, 0.00165, 0.00185];
    expect(sum(values.map((v) => formatPercent(v)))).toBeCloseTo(100.4, 6);
    expect(formatShares(values)).toEqual(["99.6%", "0.2%", "0.2%"]);
    expect(sum(formatShares(values))).toBeCloseTo(100, 6);
  });
  it("any shares add up to 100.0% with one decimal each", () => {
    for (let seed = 1; seed < 200; seed++) {
      let x = seed;
      const values = Array.from({ length: 1 + (seed % 5) }, () => ((x = (x * 16807) % 2147483647) / 2147483647) ** 3);
      const shares = formatShares(values);
      expect(shares.every((s) => /^(<0\.1|\d+\.\d)%$/.test(s))).toBe(true);
      if (!shares.some((s) => s.startsWith("<"))) expect(sum(shares)).toBeCloseTo(100, 6);
    }
  });
  it("nothing to share: a dash each", () => {
    expect(formatShares([0, 0])).toEqual(["–", "–"]);
    expect(formatShares([NaN, 1])).toEqual(["0.0%", "100.0%"]);
  });
});

describe("formatPercent and formatClock", () => {
  it("formatPercent(0.5) is 50%", () => expect(formatPercent(0.5)).toBe("50%"));
  it("formatPercent(0.025) is 2.5%", () => expect(formatPercent(0.025)).toBe("2.5%"));
  it("formatPercent(0.0001) is <0.1%", () => expect(formatPercent(0.0001)).toBe("<0.1%"));
  it("formatClock(60.00000001) is 60.0 s", () => expect(formatClock(60.00000001)).toBe("60.0 s"));
});

describe("formatBinaryBytes (the TCP keys' unit)", () => {
  it.each([
    [131_072, "128 KiB"],
    [1460, "1460 B"],
    [9000, "9000 B"],
    [4096, "4 KiB"],
    [4 * 2 ** 20, "4 MiB"],
    [65_535, "64 KiB"],
    [200_000, "195 KiB"],
    [3 * 2 ** 19, "1.5 MiB"],
    [0, "0 B"],
    [NaN, "–"],
  ])("formatBinaryBytes(%s) is %s", (b, text) => expect(formatBinaryBytes(b)).toBe(text));
});

describe("formatBitRate", () => {
  it.each([
    [1e9, "1 Gbit/s"],
    [2.5e9, "2.5 Gbit/s"],
    [1e6, "1 Mbit/s"],
    [5.2e6, "5.2 Mbit/s"],
    [1e11, "100 Gbit/s"],
    [640, "640 bit/s"],
  ])("formatBitRate(%s) is %s", (b, text) => expect(formatBitRate(b)).toBe(text));
});

describe("parameter values read in the table's unit", () => {
  const param = (key: string) => PARAMS.find((p) => p.key === key) as NumberParam;
  it.each([
    ["link", 1e9, "1 Gbit/s"],
    ["mss", 1460, "1460 B"],
    ["rcvBuf", 131_072, "128 KiB"],
    ["sndBuf", 16_384, "16 KiB"],
    ["memory", 6e9, "6 GB"],
    ["eventBytes", 1000, "1 KB"],
  ])("%s = %s reads %s", (key, value, text) => expect(formatParamValue(param(key), value)).toBe(text));

  it("what the boxes show parses back to the same value", () => {
    expect(parseHumanNumber("128 KiB", "bytes")).toBe(131_072);
    expect(parseHumanNumber("1460 B", "bytes")).toBe(1460);
    expect(parseHumanNumber("1 Gbit/s", "bits/s")).toBe(1e9);
    expect(parseHumanNumber("6 GB", "bytes")).toBe(6e9);
  });
});
