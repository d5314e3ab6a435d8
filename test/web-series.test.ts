/** The page's sample columns: the readouts' look-back over intervals in which nothing finished. */
import { describe, expect, it } from "vitest";
import { SAMPLE_COLUMNS, type SampleColumn } from "../src-sim/engine/types";
import { SeriesStore } from "../web/runtime/seriesStore";

function rows(values: number[]): Record<SampleColumn, Float64Array> {
  const cols = {} as Record<SampleColumn, Float64Array>;
  for (const name of SAMPLE_COLUMNS) cols[name] = Float64Array.from(values);
  return cols;
}

describe("SeriesStore.lastFinite(column, lookback)", () => {
  it("skips trailing NaN intervals to the latest value within the look-back", () => {
    const s = new SeriesStore();
    s.apply(0, 5, rows([1, 2, 3, NaN, NaN]));
    expect(s.last("latencyP99")).toBeNaN();
    expect(s.lastFinite("latencyP99", 3)).toBe(3);
  });

  it("is NaN when nothing finished within the look-back, or when empty", () => {
    const s = new SeriesStore();
    expect(s.lastFinite("latencyP99", 10)).toBeNaN();
    s.apply(0, 5, rows([1, NaN, NaN, NaN, NaN]));
    expect(s.lastFinite("latencyP99", 4)).toBeNaN();
    expect(s.lastFinite("latencyP99", 5)).toBe(1);
  });
});
