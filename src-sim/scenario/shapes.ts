/**
 * Workload shapes: the producer's rate over time, lambda(t), given by the scenario's `shape` keys.
 *
 * - constant: `producer` throughout (no breakpoints: the run is what it always was).
 * - step: `producer` until `shapeAt`, then `shapeRate`.
 * - burst: from `shapeAt`, every `shapePeriod`, `shapeRate` for `shapeDuty x shapePeriod`, then
 *   `producer` until the next burst.
 * - ramp: `producer` until `shapeAt`, then linearly to `shapeRate` over `shapePeriod`, then held.
 * - sine: from `shapeAt`, between `producer` (trough) and `shapeRate` (peak) with period
 *   `shapePeriod`: producer + (shapeRate - producer) (1 - cos(2 pi (t - shapeAt) / period)) / 2.
 *
 * The engine runs a shape as a staircase: the rate is constant between breakpoints, and at each
 * breakpoint the model receives the new rate as a parameter change. Step and burst are
 * piecewise constant, so their staircase is exact; ramp and sine are cut into
 * {@link STEPS_PER_PERIOD} pieces per period, each at the rate of its midpoint (the count of
 * arrivals over a piece then matches the integral of lambda to second order). Every model's
 * closed-form stretches assume a constant rate; they stay exact because no stretch crosses a
 * breakpoint. Poisson arrivals draw a fresh exponential gap at each breakpoint (memoryless), which
 * makes them a non-homogeneous Poisson process with the staircase rate.
 */
import { detCosTurns } from "./detMath";
import type { Scenario } from "./params";

/** Pieces per period of a continuous shape (ramp, sine). */
export const STEPS_PER_PERIOD = 100;

/** The shortest piece of a continuous shape, s (bounds the work of very short periods). */
export const MIN_STEP_SEC = 0.01;

/** Whether the scenario's producer rate varies over time. */
export function isShaped(s: Scenario): boolean {
  return s.shape !== "constant";
}

/** The exact rate lambda(t), events/s (for theory and tests; the engine uses {@link stairRate}). */
export function shapeRate(s: Scenario, tSec: number): number {
  const base = s.producer;
  const other = s.shapeRate;
  const since = tSec - s.shapeAt;
  switch (s.shape) {
    case "constant":
      return base;
    case "step":
      return since >= 0 ? other : base;
    case "burst": {
      if (since < 0) return base;
      const phase = since - Math.floor(since / s.shapePeriod) * s.shapePeriod;
      return phase < s.shapeDuty * s.shapePeriod ? other : base;
    }
    case "ramp":
      if (since < 0) return base;
      if (since >= s.shapePeriod) return other;
      return base + ((other - base) * since) / s.shapePeriod;
    case "sine":
      if (since < 0) return base;
      // cos from detMath: the same rate in every JavaScript engine (SEMANTICS.md, "Same run everywhere").
      return base + ((other - base) * (1 - detCosTurns(since / s.shapePeriod))) / 2;
  }
}

/** Length of one piece of a continuous shape, s. */
function stepSec(s: Scenario): number {
  return Math.max(MIN_STEP_SEC, s.shapePeriod / STEPS_PER_PERIOD);
}

/**
 * The first breakpoint strictly after `tSec`, s (Infinity when the rate never changes again).
 * Breakpoints depend on the scenario only, never on where a caller stops the run.
 */
export function nextBreakSec(s: Scenario, tSec: number): number {
  const at = s.shapeAt;
  if (s.shape === "constant") return Infinity;
  if (tSec < at) return at;
  const since = tSec - at;
  switch (s.shape) {
    case "step":
      return Infinity;
    case "burst": {
      const period = s.shapePeriod;
      const on = s.shapeDuty * period;
      if (on >= period) return Infinity;
      const k = Math.floor(since / period);
      const start = at + k * period;
      const end = start + on;
      return tSec < end ? end : start + period;
    }
    case "ramp": {
      if (since >= s.shapePeriod) return Infinity;
      const step = stepSec(s);
      const next = at + (Math.floor(since / step + 1e-9) + 1) * step;
      return Math.min(next, at + s.shapePeriod);
    }
    case "sine": {
      const step = stepSec(s);
      return at + (Math.floor(since / step + 1e-9) + 1) * step;
    }
  }
}

/**
 * The staircase rate in force from `tSec` (a breakpoint, or any time) to the next breakpoint,
 * events/s, at least 1: the exact rate for step and burst, the rate at the piece's midpoint for
 * ramp and sine.
 */
export function stairRate(s: Scenario, tSec: number): number {
  let rate: number;
  if (s.shape === "ramp" || s.shape === "sine") {
    const end = nextBreakSec(s, tSec);
    if (tSec < s.shapeAt || !Number.isFinite(end)) rate = shapeRate(s, tSec);
    else {
      // The piece containing tSec starts one step before its end (or at the shape's start).
      const start = Math.max(s.shapeAt, end - stepSec(s));
      rate = shapeRate(s, (start + end) / 2);
    }
  } else {
    rate = shapeRate(s, tSec);
  }
  return Math.max(1, Math.round(rate * 1e6) / 1e6);
}

/** The scenario a model runs at `tSec`: the shaped producer rate in force then (constant: `s`). */
export function effectiveScenario(s: Scenario, tSec: number): Scenario {
  if (s.shape === "constant") return s;
  return { ...s, producer: stairRate(s, tSec) };
}

/** The integral of the exact rate over [fromSec, toSec], events (midpoint rule, fine steps). */
export function expectedArrivals(s: Scenario, fromSec: number, toSec: number, pieces = 2000): number {
  const h = (toSec - fromSec) / pieces;
  let sum = 0;
  for (let i = 0; i < pieces; i++) sum += shapeRate(s, fromSec + (i + 0.5) * h);
  return sum * h;
}
