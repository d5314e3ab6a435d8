import { describe, expect, it } from "vitest";
import { PARAMS, PARAM_BY_KEY, type NumberParam } from "../src-sim/scenario/params";
import { SLIDER_STEPS, fromPosition, roundSignificant, toPosition } from "../web/components/sliderScale";
import { formatTyped, parseHumanNumber } from "../web/format/parse";

const producer = PARAM_BY_KEY.producer as NumberParam;
const numeric = PARAMS.filter((p): p is NumberParam => p.kind === "number");

describe("slider scale", () => {
  it("fromPosition(producer, 0) and (producer, max) are the range ends", () => {
    expect(fromPosition(producer, 0)).toBe(producer.min);
    expect(fromPosition(producer, SLIDER_STEPS)).toBe(producer.max);
  });
  it("a log slider puts 100K events/s at 5/7 of the way", () => {
    expect(toPosition(producer, 100_000)).toBe(Math.round((5 / 7) * SLIDER_STEPS));
  });
  it("every numeric parameter round-trips a slider position to within 12 positions of 1000 (2 for small integer ranges): values keep two significant digits", () => {
    for (const p of numeric) {
      for (const pos of [0, 1, 137, 500, 999, 1000]) {
        const back = toPosition(p, fromPosition(p, pos));
        expect(Math.abs(back - pos), `${p.key} at ${pos}`).toBeLessThanOrEqual(
          p.step >= 1 && p.max - p.min < SLIDER_STEPS ? 2 : 12,
        );
      }
    }
  });
  it("slider values stay inside the parameter's range", () => {
    for (const p of numeric) {
      for (let pos = 0; pos <= SLIDER_STEPS; pos += 50) {
        const v = fromPosition(p, pos);
        expect(v).toBeGreaterThanOrEqual(p.min);
        expect(v).toBeLessThanOrEqual(p.max);
      }
    }
  });
  it("roundSignificant(123456, 2) is 120000", () => expect(roundSignificant(123_456, 2)).toBe(120_000));
});

describe("parseHumanNumber", () => {
  it.each([
    ["100000", "events/s", 100_000],
    ["100,000", "events/s", 100_000],
    ["1e5", "events/s", 100_000],
    ["100K", "events/s", 100_000],
    ["1.5M", "events", 1_500_000],
    ["6 GB", "bytes", 6e9],
    ["250 ms", "s", 0.25],
    ["2 min", "s", 120],
    ["100K events/s", "events/s", 100_000],
    ["abc", "events/s", NaN],
    ["", "s", NaN],
  ])("parseHumanNumber(%j, %s) is %s", (text, unit, value) => expect(parseHumanNumber(text, unit)).toBe(value));
  it("formatTyped(6e9) groups digits", () => expect(formatTyped(6e9)).toBe("6,000,000,000"));
});
