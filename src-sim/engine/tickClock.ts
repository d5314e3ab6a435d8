/**
 * The producer's tick clock, shared by every model: constant ticks fall at
 * `origin + index / rate` (computed, never summed, so there is no drift); Poisson ticks are
 * exponential gaps from the seeded generator. These are the clock's two rules that every model
 * applies the same way (src-sim/models/queue/SEMANTICS.md, Producer).
 */
import type { Scenario } from "../scenario/params";
import { nextExponential, type RngState } from "./rng";

/** Where the producer's clock stands: constant ticks at origin + index / rate; `nextSec` is due. */
export interface TickSchedule {
  originSec: number;
  index: number;
  nextSec: number;
}

/** The first tick of a producer that starts at `startSec`: at once (constant), or one gap later. */
export function firstTick(s: Scenario, startSec: number, rng: RngState): TickSchedule {
  const nextSec = s.arrivals === "constant" ? startSec : startSec + nextExponential(rng, s.producer);
  return { originSec: startSec, index: 0, nextSec };
}

/**
 * The clock after the producer's rate or arrival process changed at `nowSec`, or null when
 * nothing changes (same rate and process, or a stopped clock). The tick already due keeps its
 * time and the new rate applies from it; a Poisson clock draws a fresh gap (memoryless).
 */
export function retimedTicks(
  prev: Scenario,
  next: Scenario,
  current: TickSchedule,
  nowSec: number,
  rng: RngState,
): TickSchedule | null {
  if (next.producer === prev.producer && next.arrivals === prev.arrivals) return null;
  if (!Number.isFinite(current.nextSec)) return null;
  if (next.arrivals === "constant") {
    const originSec = prev.arrivals === "constant" ? current.nextSec : nowSec;
    return { originSec, index: 0, nextSec: originSec };
  }
  return { originSec: current.originSec, index: current.index, nextSec: nowSec + nextExponential(rng, next.producer) };
}

/**
 * When the tick after one at `nowSec` falls: tick `index` of the constant run that started at
 * `originSec`, or one exponential gap later. Returns a number (no allocation): every model calls
 * it once per producer tick.
 */
export function followingTickSec(s: Scenario, originSec: number, index: number, nowSec: number, rng: RngState): number {
  return s.arrivals === "constant" ? originSec + index / s.producer : nowSec + nextExponential(rng, s.producer);
}
