/**
 * Min/max-per-pixel decimation (uPlot's habit, the "M4" method): when a series has more points
 * than the plot has pixel columns, keep for each column its first, lowest, highest and last point,
 * plus the first gap (NaN). The line drawn through the kept points covers exactly the pixels the
 * full line would: spikes survive, however long the run.
 */

/** Indices chosen for drawing, in increasing order: `indices[0 .. count)`. */
export interface Decimation {
  indices: Uint32Array;
  count: number;
}

/** Decimate once a series has more than this many points per pixel column. */
export const DECIMATE_ABOVE_POINTS_PER_PIXEL = 2;

/**
 * Picks the indices of samples [from, to) of `values` to draw, where sample i falls in pixel
 * column `floor(offsetPx + i * pxPerSample)`. Keeps, per column, the first and last sample, the
 * minimum and maximum (ignoring NaN), and the first NaN (so gaps stay gaps).
 * `out` is reused when large enough.
 */
export function decimateMinMax(
  values: ArrayLike<number>,
  from: number,
  to: number,
  pxPerSample: number,
  offsetPx = 0,
  out?: Uint32Array,
): Decimation {
  const n = Math.max(0, to - from);
  // At most five kept points per column, and never more than the points themselves.
  const columns = Math.floor(Math.abs(n * pxPerSample)) + 2;
  const capacity = Math.min(n, columns * 5);
  const indices = out && out.length >= capacity ? out : new Uint32Array(capacity);
  let count = 0;
  let i = from;
  while (i < to) {
    const col = Math.floor(offsetPx + i * pxPerSample);
    const first = i;
    let minI = -1;
    let maxI = -1;
    let nanI = -1;
    let last = i;
    for (; i < to && Math.floor(offsetPx + i * pxPerSample) === col; i++) {
      const v = values[i];
      last = i;
      if (v !== v) {
        if (nanI < 0) nanI = i;
        continue;
      }
      if (minI < 0 || v < values[minI]) minI = i;
      if (maxI < 0 || v > values[maxI]) maxI = i;
    }
    // Emit the (up to five) picks in index order, without repeats.
    const picks = [first, minI, maxI, nanI, last];
    picks.sort((a, b) => a - b);
    let prev = -1;
    for (const p of picks) {
      if (p >= 0 && p !== prev) {
        indices[count++] = p;
        prev = p;
      }
    }
  }
  return { indices, count };
}

/** A band decimated to pixel columns: for column k, its x and the lowest and highest value. */
export interface BandColumns {
  x: Float64Array;
  lo: Float64Array;
  hi: Float64Array;
  count: number;
}

/**
 * Decimates a min-max band (samples [from, to) of `lo` and `hi`, sample i at
 * `offsetPx + i * pxPerSample`) to one entry per pixel column: the lowest `lo` and the highest
 * `hi` of the samples in it, at the column's first sample. So a band keeps its full extent at any
 * density, as min/max decimation keeps a line's spikes. A column with only NaN is a gap (NaN).
 */
export function decimateBand(
  lo: ArrayLike<number>,
  hi: ArrayLike<number>,
  from: number,
  to: number,
  pxPerSample: number,
  offsetPx = 0,
): BandColumns {
  const n = Math.max(0, to - from);
  const capacity = Math.min(n, Math.floor(Math.abs(n * pxPerSample)) + 2);
  const out: BandColumns = {
    x: new Float64Array(capacity),
    lo: new Float64Array(capacity),
    hi: new Float64Array(capacity),
    count: 0,
  };
  let i = from;
  while (i < to) {
    const col = Math.floor(offsetPx + i * pxPerSample);
    const x = offsetPx + i * pxPerSample;
    let a = NaN;
    let b = NaN;
    for (; i < to && Math.floor(offsetPx + i * pxPerSample) === col; i++) {
      const l = lo[i];
      const h = hi[i];
      if (l === l && !(l >= a)) a = l;
      if (h === h && !(h <= b)) b = h;
    }
    out.x[out.count] = x;
    out.lo[out.count] = a;
    out.hi[out.count] = b;
    out.count++;
  }
  return out;
}
