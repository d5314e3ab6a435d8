import fc from "fast-check";
import { windowTicks } from "../web/charts/timeAxis";
import { describe, expect, it } from "vitest";
import { decimateBand, decimateMinMax } from "../web/charts/decimate";

/** Pixel column of sample i, as the decimator computes it. */
const colOf = (i: number, pxPerSample: number, offset: number) => Math.floor(offset + i * pxPerSample);

describe("decimateMinMax", () => {
  it("decimateMinMax keeps each pixel column's min and max (property)", () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.double({ min: -1e9, max: 1e9, noNaN: true }), fc.constant(NaN)), {
          minLength: 1,
          maxLength: 3000,
        }),
        fc.double({ min: 0.001, max: 2, noNaN: true }),
        fc.double({ min: 0, max: 50, noNaN: true }),
        (values, pxPerSample, offset) => {
          const { indices, count } = decimateMinMax(values, 0, values.length, pxPerSample, offset);
          const kept = Array.from(indices.subarray(0, count));
          // Increasing, unique, in range.
          for (let k = 1; k < kept.length; k++) expect(kept[k]).toBeGreaterThan(kept[k - 1]);
          // Per column: the kept min/max equal the true min/max, and first and last are kept.
          const cols = new Map<number, number[]>();
          values.forEach((_, i) => {
            const c = colOf(i, pxPerSample, offset);
            cols.set(c, [...(cols.get(c) ?? []), i]);
          });
          for (const [c, idx] of cols) {
            const finite = idx.map((i) => values[i]).filter((v) => !Number.isNaN(v));
            const keptHere = kept.filter((i) => colOf(i, pxPerSample, offset) === c);
            expect(keptHere).toContain(idx[0]);
            expect(keptHere).toContain(idx[idx.length - 1]);
            expect(keptHere.length).toBeLessThanOrEqual(5);
            if (finite.length > 0) {
              const keptFinite = keptHere.map((i) => values[i]).filter((v) => !Number.isNaN(v));
              expect(Math.min(...keptFinite)).toBe(Math.min(...finite));
              expect(Math.max(...keptFinite)).toBe(Math.max(...finite));
            }
            if (finite.length < idx.length) expect(keptHere.some((i) => Number.isNaN(values[i]))).toBe(true);
          }
        },
      ),
      { seed: 20241129, numRuns: 200 },
    );
  });

  it("decimateMinMax of a one-sample spike in 100,000 samples over 500 px keeps the spike", () => {
    const values = new Float64Array(100_000);
    values[61_234] = 1e6;
    const { indices, count } = decimateMinMax(values, 0, values.length, 500 / 100_000);
    expect(Array.from(indices.subarray(0, count))).toContain(61_234);
    expect(count).toBeLessThanOrEqual(500 * 4 + 4);
  });

  it("decimateMinMax over [from, to) only picks indices inside it", () => {
    const values = Array.from({ length: 100 }, (_, i) => Math.sin(i));
    const { indices, count } = decimateMinMax(values, 20, 60, 0.1);
    for (const i of indices.subarray(0, count)) {
      expect(i).toBeGreaterThanOrEqual(20);
      expect(i).toBeLessThan(60);
    }
  });
});

describe("decimateBand", () => {
  it("keeps, per pixel column, the lowest min and the highest max, so a band keeps its extent", () => {
    const n = 10_000;
    const lo = new Float64Array(n).map((_, i) => 2000 + (i % 7));
    const hi = new Float64Array(n).map((_, i) => 8000 - (i % 5));
    lo[4321] = 1500;
    hi[9876] = 9000;
    const d = decimateBand(lo, hi, 0, n, 0.05);
    expect(d.count).toBeLessThanOrEqual(Math.floor(n * 0.05) + 2);
    expect(Math.min(...d.lo.subarray(0, d.count))).toBe(1500);
    expect(Math.max(...d.hi.subarray(0, d.count))).toBe(9000);
    for (let k = 0; k < d.count; k++) expect(d.lo[k]).toBeLessThanOrEqual(d.hi[k]);
  });

  it("leaves a gap where a column holds only NaN", () => {
    const lo = new Float64Array([1, 1, NaN, NaN, 2, 2]);
    const hi = new Float64Array([3, 3, NaN, NaN, 4, 4]);
    const d = decimateBand(lo, hi, 0, 6, 0.5);
    expect(Array.from(d.lo.subarray(0, d.count))).toEqual([1, NaN, 2]);
    expect(Array.from(d.hi.subarray(0, d.count))).toEqual([3, NaN, 4]);
  });
});

describe("windowTicks (zoomed time axis)", () => {
  it("labels every tick differently, down to milliseconds", () => {
    for (const [from, to] of [
      [29.5, 30.5],
      [30, 30.005],
      [119.6, 120.4],
      [0.001, 0.003],
    ]) {
      const t = windowTicks(from, to, 8);
      const labels = t.values.map(t.format);
      expect(t.values.length).toBeGreaterThanOrEqual(2);
      expect(new Set(labels).size).toBe(labels.length);
      for (const v of t.values) expect(v >= from - 1e-12 && v <= to + 1e-12).toBe(true);
    }
  });
});

describe("windowTicks on a narrow plot", () => {
  it("puts at least two ticks in any window, even when only two fit", () => {
    for (const [from, to] of [
      [119.6, 120.4],
      [30, 30.005],
      [29.5, 30.5],
    ]) {
      const t = windowTicks(from, to, 2);
      expect(t.values.length, `${from}..${to}`).toBeGreaterThanOrEqual(2);
      expect(t.values.length).toBeLessThanOrEqual(3);
    }
    expect(windowTicks(29.5, 30.5, 10).values.length).toBeGreaterThanOrEqual(5);
  });
});
