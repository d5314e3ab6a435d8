/**
 * The kit every model uses for closed-form stretches: counting the points of a constant-rate
 * process inside a window exactly as the per-event path would place them. (Random windows and
 * horizon sizing are below as they join the kit.)
 */

/** Number of points `origin + k / rate` (k >= index) at or before `tSec` (completions come first at a tie). */
export function countConstantThrough(origin: number, index: number, rate: number, tSec: number): number {
  let n = countConstant(origin, index, rate, tSec);
  while (origin + (index + n) / rate <= tSec) n++;
  return n;
}

/**
 * Number of points `origin + k / rate` (k >= index) strictly before `endSec`, evaluated with the
 * same expression the per-event path uses, so bulk and per-event counts agree exactly.
 */
export function countConstant(origin: number, index: number, rate: number, endSec: number): number {
  let k = Math.max(index, Math.floor((endSec - origin) * rate));
  while (k > index && origin + (k - 1) / rate >= endSec) k--;
  while (origin + k / rate < endSec) k++;
  return k - index;
}
