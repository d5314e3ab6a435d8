/**
 * Closed-form figures of a Reactive Streams scenario for the command line's `model` object and
 * the readouts: request sizes and rates, throughput, how a hot publisher's overflow behaves (drop
 * rate, buffer growth, time to OOM, time to an overflow error). Rates in items/s, times in s,
 * sizes in items or bytes. Fluid figures of the steady state; see each field.
 */
import type { ModelFigures } from "../../engine/model";
import type { Scenario } from "../../scenario/params";
import { timeToOomSec } from "../../theory";
import { replenishAmount } from "./demand";

/** The most items the overflow strategy can hold (Infinity for the unbounded buffer). */
export function overflowBound(s: Scenario): number {
  if (s.publisher === "cold") return 0;
  switch (s.overflow) {
    case "buffer":
      return Infinity;
    case "drop":
      return 0;
    case "latest":
      return 1;
    default:
      return s.capacity;
  }
}

/**
 * Seconds until the consumer passes its memory limit at the current rates, from `memoryBytes` in
 * use now; Infinity when it cannot (what it can hold, prefetch + overflow bound, fits) or when
 * nothing accumulates.
 */
export function reactiveTimeToOomSec(s: Scenario, memoryBytes: number): number {
  const mostHeld = s.prefetch + overflowBound(s);
  if (s.baseline + mostHeld * s.eventBytes <= s.memory) return Infinity;
  // Past the subscriber's prefetch only a hot publisher's buffer grows, at lambda - mu.
  const into = s.publisher === "hot" ? s.producer : Math.min(s.producer, s.consumer);
  return timeToOomSec(s.memory, memoryBytes, into, s.consumer, s.eventBytes);
}

/** The `model` figures of a reactive scenario. */
export function reactiveFigures(s: Scenario): ModelFigures {
  const lambda = s.producer;
  const mu = s.consumer;
  const p = s.prefetch;
  const r = replenishAmount(p, s.lowTide);
  const throughput = Math.min(lambda, mu);
  const excess = Math.max(0, lambda - mu);
  const figures: ModelFigures = {
    mechanism: "reactive",
    publisher: s.publisher,
    rho: lambda / mu,
    /** limitRate: the first request(n). */
    firstRequest: p,
    /** Every later request(n): prefetch - floor(prefetch x (1 - lowTide)). */
    replenishRequest: r,
    /** Items consumed between two requests (the replenish amount). */
    consumedPerRequest: r,
    /** Delivered and consumed in the steady state: min(producer, consumer). */
    throughputPerSec: throughput,
    /** request(n) calls per second in the steady state. */
    requestRatePerSec: throughput / r,
    /** Time between requests in the steady state. */
    requestIntervalSec: r / throughput,
    /** The subscriber never holds more than it requested: prefetch items. */
    subscriberQueueMax: p,
  };
  const bound = overflowBound(s);
  figures.memoryBoundBytes = Number.isFinite(bound) ? s.baseline + (p + bound) * s.eventBytes : null;
  if (s.publisher === "cold") {
    figures.producerEffectiveRatePerSec = throughput;
    // Paused = no demand. Faster than its consumer, the source emits r items per cycle of r / mu
    // and waits from its last emission to the next request; slower, it waits only when r =
    // prefetch, through the service of every r-th item.
    figures.producerPausedFraction = lambda > mu ? 1 - ((r - 1) / r) * (mu / lambda) : r === p ? lambda / (r * mu) : 0;
    return figures;
  }
  figures.overflow = s.overflow;
  figures.overflowBound = Number.isFinite(bound) ? bound : null;
  if (s.overflow === "buffer") {
    figures.bufferGrowthPerSec = excess;
    const oom = timeToOomSec(s.memory, s.baseline, lambda, mu, s.eventBytes);
    figures.timeToOomSec = Number.isFinite(oom) ? oom : null;
  } else if (s.overflow === "error") {
    // The buffer fills at lambda - mu once the subscriber holds its prefetch; the failure comes
    // at the first tick that finds it full: between (K + p - r) and (K + p) / (lambda - mu).
    figures.overflowErrorWindowSec = excess > 0 ? [(s.capacity + p - r) / excess, (s.capacity + p) / excess] : null;
    figures.overflowErrorAtSec = excess > 0 ? (s.capacity + p - r / 2) / excess : null;
  } else {
    figures.dropRatePerSec = excess;
    figures.dropFraction = lambda > 0 ? excess / lambda : 0;
  }
  return figures;
}
