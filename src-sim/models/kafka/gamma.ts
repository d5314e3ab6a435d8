/**
 * The time a consumer takes for a batch of records with exponential service: the sum of `n`
 * independent exponential times, a gamma(n, rate) variate, drawn in O(1) (Marsaglia and Tsang,
 * "A simple method for generating gamma variables", 2000) instead of n draws.
 */
import { detExp, detLog } from "../../scenario/detMath";
import { nextExponential, nextNormal, nextUniform, type RngState } from "../../engine/rng";

/** Below this many records, summing exponentials is as cheap and exact. */
const SUM_BELOW = 8;

/** Sum of `n` (>= 1, integer) exponential times of rate `ratePerSec`, s. */
export function nextGammaSum(rng: RngState, n: number, ratePerSec: number): number {
  if (n < SUM_BELOW) {
    let t = 0;
    for (let i = 0; i < n; i++) t += nextExponential(rng, ratePerSec);
    return t;
  }
  const d = n - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = nextNormal(rng);
    const v0 = 1 + c * x;
    if (v0 <= 0) continue;
    const v = v0 * v0 * v0;
    const u = nextUniform(rng);
    const x2 = x * x;
    if (u < 1 - 0.0331 * x2 * x2 || detLog(u) < 0.5 * x2 + d * (1 - v + detLog(v))) return (d * v) / ratePerSec;
  }
}

/**
 * P(sum of n exponential times of rate mu > tSec) = P(Poisson(mu t) < n): the chance that a batch
 * of n records outlasts tSec (evaluated in log space; n up to millions).
 */
export function gammaSumExceeds(n: number, ratePerSec: number, tSec: number): number {
  const x = ratePerSec * tSec;
  if (!(x > 0)) return 1;
  // Sum the Poisson(x) probabilities of k = 0 .. n - 1 around their peak, in log space.
  let logTerm = -x; // k = 0
  let logMax = logTerm;
  const logs: number[] = [logTerm];
  for (let k = 1; k < n; k++) {
    logTerm += detLog(x / k);
    logs.push(logTerm);
    if (logTerm > logMax) logMax = logTerm;
    if (k > x && logTerm < logMax - 50) break;
  }
  let sum = 0;
  for (const l of logs) sum += detExp(l - logMax);
  return Math.min(1, detExp(logMax + detLog(sum)));
}
