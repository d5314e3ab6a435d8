/**
 * Vertical domains that move in coarse steps: the top of a chart snaps to 1, 1.2, 1.5, 2 ... 8 x 10^k,
 * so as a series grows the axis (SVG) is redrawn a handful of times, not on every frame.
 */

const NICE = [1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** The smallest "nice" m x 10^k (m in 1, 1.2, 1.5, 2, 2.5, 3, 4, 5, 6, 8) at or above `x`; 1 for x <= 0. */
export function niceCeil(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return 1;
  const p = Math.pow(10, Math.floor(Math.log10(x)));
  for (const m of NICE) {
    if (m * p >= x * (1 - 1e-12)) return m * p;
  }
  return 10 * p;
}

/** A linear domain [0, top] holding `values` with some headroom. */
export function linearDomain(max: number, minTop = 1): [number, number] {
  return [0, Math.max(minTop, niceCeil(max * 1.08))];
}

/** A log domain [1, 10^k] holding `max` (values below 1 are drawn on the bottom edge). */
export function logDomain(max: number): [number, number] {
  const top = Math.max(10, Math.pow(10, Math.ceil(Math.log10(Math.max(1, max) * 1.5))));
  return [1, top];
}

/** Largest finite value of samples [from, to) of each column; 0 when there is none. */
export function maxOf(columns: ArrayLike<number>[], from: number, to: number): number {
  let max = 0;
  for (const col of columns) {
    for (let i = from; i < to; i++) {
      const v = col[i];
      if (v > max && v !== Infinity) max = v;
    }
  }
  return max;
}
