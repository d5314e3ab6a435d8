/**
 * Reactive Streams demand arithmetic (spec 1.0.4) and Reactor's limitRate replenishment.
 *
 * Demand is a count of items held in a float64: exact up to 2^53. A request that takes it to
 * Long.MAX_VALUE (2^63 - 1) or beyond saturates it there and never overflows (Rule 3.17); the
 * publisher then treats it as unbounded and onNext no longer decrements it, as Reactor does.
 * Between 2^53 and 2^63 sums are rounded to the nearest float64 (the model's own requests never
 * get near: prefetch is at most 1,000,000).
 */

/** Long.MAX_VALUE: demand at or above it is unbounded (Rule 3.17). */
export const LONG_MAX = 2n ** 63n - 1n;

/** Long.MAX_VALUE as the nearest float64 (2^63): what saturated demand reads as. */
export const UNBOUNDED_DEMAND = Number(LONG_MAX);

/** Rule 3.9: a request must ask for a positive whole number of items. */
export function isValidRequest(n: number): boolean {
  return Number.isInteger(n) && n > 0;
}

/** True when `demand` is saturated (unbounded). */
export function isUnbounded(demand: number): boolean {
  return demand >= UNBOUNDED_DEMAND;
}

/**
 * demand + n, saturating at Long.MAX_VALUE (Rule 3.17). Both are whole numbers of items; the
 * saturation test is exact (BigInt) wherever float64 addition could round.
 */
export function addDemand(demand: number, n: number): number {
  const sum = demand + n;
  if (sum < 2 ** 53) return sum;
  return BigInt(demand) + BigInt(n) >= LONG_MAX ? UNBOUNDED_DEMAND : sum;
}

/**
 * The amount a limitRate subscriber re-requests, items: prefetch - floor(prefetch x (1 -
 * lowTide)), so 0.75 gives Reactor's prefetch - floor(prefetch / 4) (128 -> 96). It asks for
 * that much each time it has consumed that much. At least 1 and at most prefetch; the floor is
 * guarded against float64 noise (0.8 x 5 must give 4, not 3.9999999999999996).
 */
export function replenishAmount(prefetch: number, lowTide: number): number {
  const kept = prefetch * (1 - lowTide);
  const r = prefetch - Math.floor(kept + 1e-9 * Math.max(1, kept));
  return Math.min(prefetch, Math.max(1, r));
}
