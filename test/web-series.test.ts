/**
 * One truth per instant: the figures of a sample as cards, legends and the crosshair read them
 * (web/runtime/moment.ts), including the look-back over intervals in which nothing finished.
 */
import { describe, expect, it } from "vitest";
import { SAMPLE_COLUMNS, type SampleColumn } from "../src-sim/engine/types";
import { INTERVAL_LOOKBACK_SEC, momentAt, valueAt } from "../web/runtime/moment";
import { SeriesStore } from "../web/runtime/seriesStore";

function rows(values: number[]): Record<SampleColumn, Float64Array> {
  const cols = {} as Record<SampleColumn, Float64Array>;
  for (const name of SAMPLE_COLUMNS) cols[name] = Float64Array.from(values);
  return cols;
}

/** A store whose samples are `interval` apart, every column holding `values`. */
function store(values: number[], interval = 1): SeriesStore {
  const s = new SeriesStore();
  s.sampleIntervalSec = interval;
  s.apply(0, values.length, rows(values));
  return s;
}

describe("valueAt(series, column, index)", () => {
  it("reads a level column at the sample itself, NaN included", () => {
    const s = store([1, 2, NaN]);
    expect(valueAt(s, "queued", 1)).toBe(2);
    expect(valueAt(s, "queued", 2)).toBeNaN();
  });

  it("takes a latency column's latest number at or before the sample, within the look-back", () => {
    const s = store([1, 2, 3, NaN, NaN]);
    expect(s.last("latencyP99")).toBeNaN();
    expect(valueAt(s, "latencyP99", 4)).toBe(3);
    expect(valueAt(s, "latencyP99", 1)).toBe(2);
  });

  it("is NaN for a latency column when nothing finished within the look-back, or out of range", () => {
    const n = INTERVAL_LOOKBACK_SEC + 2;
    const s = store([1, ...new Array<number>(n - 1).fill(NaN)]);
    expect(valueAt(s, "latencyP99", INTERVAL_LOOKBACK_SEC)).toBe(1);
    expect(valueAt(s, "latencyP99", INTERVAL_LOOKBACK_SEC + 1)).toBeNaN();
    expect(valueAt(s, "latencyP99", -1)).toBeNaN();
    expect(valueAt(new SeriesStore(), "queued", 0)).toBeNaN();
  });
});

describe("momentAt(series, index)", () => {
  it("reads every figure of the same sample, the peak up to it and the signal rate into it", () => {
    const s = store([0, 5, 9, 4], 0.5);
    const m = momentAt(s, 3)!;
    expect(m.index).toBe(3);
    expect(m.queued).toBe(4);
    expect(m.peakQueued).toBe(9);
    expect(m.pauseSignals).toBe(4);
    // (4 - 9) pause + (4 - 9) resume over 0.5 s; the columns are all equal here.
    expect(m.signalsPerSec).toBe(-20);
    expect(momentAt(s, 1)!.peakQueued).toBe(5);
    expect(momentAt(s, 0)!.signalsPerSec).toBe(0);
    expect(momentAt(s, 4)).toBeNull();
  });
});
