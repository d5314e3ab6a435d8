/**
 * Closed-form queueing figures drawn over the simulation and printed by the command line's
 * `model`: utilisation, the fluid line, time to out-of-memory, drain times, the steady state of
 * M/M/1, M/D/1, D/M/1 and D/D/1 queues, M/M/1/K loss, and the watermark cycle.
 *
 * Pure functions of rates (events/s), counts (events), bytes and seconds; no engine state. Where
 * a figure does not exist (no steady state when rho >= 1, no OOM when the queue does not grow)
 * the functions return null or Infinity rather than a misleading number. See DOMAIN.md section 7.
 */
import type { Scenario } from "./scenario/params";

/** Utilisation rho = lambda / mu (dimensionless); >= 1 means the queue has no steady state. */
export function utilization(lambdaPerSec: number, muPerSec: number): number {
  return lambdaPerSec / muPerSec;
}

/**
 * Growth rate of the fluid queue, events/s: lambda - mu. An overloaded queue grows along
 * Q(t) = (lambda - mu) t (exactly, for constant rates: the D/D/1 line).
 */
export function fluidGrowthPerSec(lambdaPerSec: number, muPerSec: number): number {
  return lambdaPerSec - muPerSec;
}

/** The fluid queue at `tSec` starting empty, events: max(0, (lambda - mu) t). */
export function fluidQueue(lambdaPerSec: number, muPerSec: number, tSec: number): number {
  return Math.max(0, (lambdaPerSec - muPerSec) * tSec);
}

/**
 * Seconds until the consumer passes its memory limit:
 * t = (limit - used) / ((lambda - mu) x bytesPerEvent). Infinity when the queue does not grow;
 * 0 when the limit is already passed.
 */
export function timeToOomSec(
  limitBytes: number,
  usedBytes: number,
  lambdaPerSec: number,
  muPerSec: number,
  bytesPerEvent: number,
): number {
  const growthBytesPerSec = (lambdaPerSec - muPerSec) * bytesPerEvent;
  if (!(growthBytesPerSec > 0)) return Infinity;
  return Math.max(0, (limitBytes - usedBytes) / growthBytesPerSec);
}

/**
 * Seconds to empty a backlog of `queued` events while the producer goes on at lambda:
 * queued / (mu - lambda); Infinity when mu <= lambda. With the producer stopped, pass lambda 0.
 */
export function drainTimeSec(queued: number, lambdaPerSec: number, muPerSec: number): number {
  if (queued <= 0) return 0;
  const net = muPerSec - lambdaPerSec;
  return net > 0 ? queued / net : Infinity;
}

/** Steady-state figures of a single-server queue (rho < 1). */
export interface QueueFigures {
  /** Utilisation lambda / mu. */
  rho: number;
  /** Mean number in system (waiting + in service), events. */
  L: number;
  /** Mean number waiting, events. */
  Lq: number;
  /** Mean time in system (sojourn: wait + service), s. */
  W: number;
  /** Mean wait before service, s. */
  Wq: number;
}

/** Builds the figures from Wq (s) by Little's law (L = lambda W, Lq = lambda Wq). */
function fromWq(lambdaPerSec: number, muPerSec: number, wqSec: number): QueueFigures {
  const W = wqSec + 1 / muPerSec;
  return { rho: lambdaPerSec / muPerSec, L: lambdaPerSec * W, Lq: lambdaPerSec * wqSec, W, Wq: wqSec };
}

/**
 * M/M/1 (Poisson arrivals, exponential service), rho < 1: L = rho / (1 - rho),
 * W = 1 / (mu - lambda), Lq = rho^2 / (1 - rho). Null when rho >= 1.
 */
export function mm1(lambdaPerSec: number, muPerSec: number): QueueFigures | null {
  const rho = lambdaPerSec / muPerSec;
  if (!(rho < 1) || !(rho >= 0)) return null;
  return fromWq(lambdaPerSec, muPerSec, rho / (muPerSec - lambdaPerSec));
}

/** M/D/1 (Poisson arrivals, constant service), rho < 1: Lq = rho^2 / (2 (1 - rho)). Null when rho >= 1. */
export function md1(lambdaPerSec: number, muPerSec: number): QueueFigures | null {
  const rho = lambdaPerSec / muPerSec;
  if (!(rho < 1) || !(rho >= 0)) return null;
  const lq = (rho * rho) / (2 * (1 - rho));
  return fromWq(lambdaPerSec, muPerSec, lambdaPerSec > 0 ? lq / lambdaPerSec : 0);
}

/**
 * D/M/1 (evenly spaced arrivals, exponential service), rho < 1: Wq = sigma / (mu (1 - sigma)),
 * where sigma in (0, 1) solves sigma = exp(-(1 - sigma) / rho) (the G/M/1 root). Null when rho >= 1.
 */
export function dm1(lambdaPerSec: number, muPerSec: number): QueueFigures | null {
  const rho = lambdaPerSec / muPerSec;
  if (!(rho < 1) || !(rho > 0)) return null;
  // The iteration from 0 climbs monotonically to the smallest root, which is < 1 when rho < 1.
  let sigma = 0;
  for (let i = 0; i < 10_000; i++) {
    const next = Math.exp(-(1 - sigma) / rho);
    if (Math.abs(next - sigma) < 1e-15) break;
    sigma = next;
  }
  return fromWq(lambdaPerSec, muPerSec, sigma / (muPerSec * (1 - sigma)));
}

/**
 * D/D/1 (constant arrivals and service), rho < 1: no event ever waits; the server is busy a
 * fraction rho of the time, so L = rho and W = 1 / mu. Null when rho >= 1.
 */
export function dd1(lambdaPerSec: number, muPerSec: number): QueueFigures | null {
  const rho = lambdaPerSec / muPerSec;
  if (!(rho < 1) || !(rho >= 0)) return null;
  return fromWq(lambdaPerSec, muPerSec, 0);
}

/**
 * M/M/1/K: at most K events in the system (K - 1 waiting + 1 in service); arrivals that find it
 * full are lost. p_n = (1 - rho) rho^n / (1 - rho^(K+1)); returns the loss probability p_K and the
 * mean number in system L. Valid for every rho (the state space is finite); written so that
 * neither rho^K overflows for rho > 1 nor 1 - rho^(K+1) cancels at rho = 1.
 */
export function mm1k(lambdaPerSec: number, muPerSec: number, K: number): { loss: number; L: number } {
  const rho = lambdaPerSec / muPerSec;
  if (Math.abs(rho - 1) < 1e-12) return { loss: 1 / (K + 1), L: K / 2 };
  // For rho > 1 count from the full end: p_(K-m) is proportional to (1/rho)^m.
  const r = rho < 1 ? rho : 1 / rho;
  const rK1 = Math.pow(r, K + 1);
  const edge = ((1 - r) * Math.pow(r, K)) / (1 - rK1); // probability of the far end (m = K)
  const near = (1 - r) / (1 - rK1); // probability of the near end (m = 0)
  const meanFromNear = r / (1 - r) - ((K + 1) * rK1) / (1 - rK1);
  return rho < 1 ? { loss: edge, L: meanFromNear } : { loss: near, L: K - meanFromNear };
}

/** The watermark cycle for delay 0 and constant rates (lambda > mu, HIGH >= LOW). */
export interface WatermarkCycle {
  /** Seconds to fill from LOW to HIGH at lambda - mu. */
  fillSec: number;
  /** Seconds to drain from HIGH to LOW at mu (producer paused). */
  drainSec: number;
  /** fillSec + drainSec, s. */
  periodSec: number;
  /** Pause signals per second (each cycle sends one pause and one resume). */
  flapsPerSec: number;
}

/**
 * The watermark cycle with no signal delay: fill LOW -> HIGH at (lambda - mu), drain HIGH -> LOW
 * at mu. With HIGH = LOW the band is one event wide (pause at HIGH, resume after one completion).
 * Null when the producer is not faster than the consumer (the queue never reaches HIGH for good).
 */
export function watermarkCycle(
  lambdaPerSec: number,
  muPerSec: number,
  high: number,
  low: number,
): WatermarkCycle | null {
  if (!(lambdaPerSec > muPerSec) || !(high >= low)) return null;
  const band = Math.max(1, high - low);
  const fillSec = band / (lambdaPerSec - muPerSec);
  const drainSec = band / muPerSec;
  const periodSec = fillSec + drainSec;
  return { fillSec, drainSec, periodSec, flapsPerSec: 1 / periodSec };
}

/** The watermark cycle with the signal's delay: how far past the marks the queue goes, and the period. */
export interface DelayedWatermarkCycle extends WatermarkCycle {
  /** Deepest the queue gets: HIGH + (lambda - mu) x delay, at most the capacity, events. */
  peak: number;
  /** Shallowest: LOW - mu x delay, at least 0, events. */
  trough: number;
  /** peak - HIGH: events that arrive while the pause travels (what a slow signal costs), events. */
  overshoot: number;
  /** LOW - trough: how far the queue drains while the resume travels, events. */
  undershoot: number;
}

/**
 * The watermark cycle when each signal takes `delaySec` to reach the producer (constant rates,
 * lambda > mu). The pause leaves at HIGH and lands (lambda - mu) x delay later, so the queue peaks
 * at HIGH + (lambda - mu) x delay (a full queue of `capacity` drops the rest); the resume leaves at
 * LOW and lands mu x delay later (an empty queue idles the consumer). One cycle is the fill from
 * the trough to HIGH at lambda - mu, the pause's trip, the drain from the peak to LOW at mu and the
 * resume's trip: period = (HIGH - trough) / (lambda - mu) + (peak - LOW) / mu + 2 x delay.
 * With no delay it is {@link watermarkCycle}. Null where that is null.
 */
export function watermarkCycleWithDelay(
  lambdaPerSec: number,
  muPerSec: number,
  high: number,
  low: number,
  delaySec: number,
  capacity: number,
): DelayedWatermarkCycle | null {
  const base = watermarkCycle(lambdaPerSec, muPerSec, high, low);
  if (!base) return null;
  const delay = Math.max(0, delaySec);
  if (delay === 0) return { ...base, peak: high, trough: low, overshoot: 0, undershoot: 0 };
  const peak = Math.min(Math.max(high, capacity), high + (lambdaPerSec - muPerSec) * delay);
  const trough = Math.max(0, low - muPerSec * delay);
  const fillSec = (high - trough) / (lambdaPerSec - muPerSec) + delay;
  const drainSec = (peak - low) / muPerSec + delay;
  const periodSec = fillSec + drainSec;
  return {
    fillSec,
    drainSec,
    periodSec,
    flapsPerSec: 1 / periodSec,
    peak,
    trough,
    overshoot: peak - high,
    undershoot: low - trough,
  };
}

/** Little's law: mean number in system = arrival (throughput) rate x mean time in system. */
export function littleL(throughputPerSec: number, meanSojournSec: number): number {
  return throughputPerSec * meanSojournSec;
}

/** The figures theory gives for a scenario (the command line's `model`). */
export interface ScenarioModel {
  /** Which queue model applies: Kendall notation of arrivals/service. */
  kendall: "D/D/1" | "M/D/1" | "D/M/1" | "M/M/1";
  rho: number;
  /** lambda - mu, events/s. */
  fluidGrowthPerSec: number;
  /** Seconds from an empty queue to the consumer's OOM, unbounded queue; null when it never happens. */
  timeToOomSec: number | null;
  /** Events the consumer holds at its memory limit: floor((memory - baseline) / eventBytes). */
  oomQueueEvents: number;
  /** Steady state (rho < 1), else null. */
  steadyState: QueueFigures | null;
  /** M/M/1/K-style loss for bounded drop strategies with Poisson/exponential processes, else null. */
  bounded: { systemCapacity: number; lossProbability: number } | null;
  /** Watermark cycle when the strategy is watermark with delay 0 and the producer is faster. */
  watermark: WatermarkCycle | null;
}

/** The theory figures for a scenario (unbounded-queue growth, steady state, mechanism figures). */
export function scenarioModel(s: Scenario): ScenarioModel {
  const lambda = s.producer;
  const mu = s.consumer;
  const poissonIn = s.arrivals === "poisson";
  const expOut = s.service === "exponential";
  const kendall = poissonIn ? (expOut ? "M/M/1" : "M/D/1") : expOut ? "D/M/1" : "D/D/1";
  const steady = { "M/M/1": mm1, "M/D/1": md1, "D/M/1": dm1, "D/D/1": dd1 }[kendall](lambda, mu);
  const oom = timeToOomSec(s.memory, s.baseline, lambda, mu, s.eventBytes);
  const dropping = s.strategy === "drop-newest" || s.strategy === "drop-oldest";
  return {
    kendall,
    rho: utilization(lambda, mu),
    fluidGrowthPerSec: fluidGrowthPerSec(lambda, mu),
    timeToOomSec: Number.isFinite(oom) ? oom : null,
    oomQueueEvents: Math.max(0, Math.floor((s.memory - s.baseline) / s.eventBytes)),
    steadyState: steady,
    bounded:
      dropping && kendall === "M/M/1"
        ? { systemCapacity: s.capacity + 1, lossProbability: mm1k(lambda, mu, s.capacity + 1).loss }
        : null,
    watermark: s.strategy === "watermark" && s.signalDelay === 0 ? watermarkCycle(lambda, mu, s.high, s.low) : null,
  };
}

/** What the fluid model says of a workload shape (src-sim/scenario/shapes.ts). */
export interface ShapeFigures {
  shape: Scenario["shape"];
  /** Length of one burst, s (burst only). */
  burstSec?: number;
  /** Backlog a burst leaves, events: (lambda_b - mu) b, from an empty queue (0 if mu keeps up). */
  burstBacklog?: number;
  /** Time to drain that backlog at the base rate: backlog / (mu - lambda); Infinity if it never drains. */
  drainSec?: number;
  /** Whether the backlog drains before the next burst (a buffer absorbs it) or keeps growing. */
  absorbed?: boolean;
  /** Net growth per period when bursts come too often, events (burst only; 0 when absorbed). */
  growthPerPeriod?: number;
  /** Growth rate after a step (or at the end of a ramp), events/s: shapeRate - mu. */
  growthAfterPerSec?: number;
  /** The mean producer rate over a period (burst, sine), events/s. */
  meanRatePerSec?: number;
}

/** The closed forms that apply to the scenario's shape; null for a constant workload. */
export function shapeFigures(s: Scenario): ShapeFigures | null {
  const mu = s.consumer;
  const base = s.producer;
  const peak = s.shapeRate;
  switch (s.shape) {
    case "constant":
      return null;
    case "step":
    case "ramp":
      return { shape: s.shape, growthAfterPerSec: fluidGrowthPerSec(peak, mu) };
    case "sine":
      return { shape: s.shape, meanRatePerSec: (base + peak) / 2 };
    case "burst": {
      const b = s.shapeDuty * s.shapePeriod;
      const backlog = Math.max(0, (peak - mu) * b);
      const drain = drainTimeSec(backlog, base, mu);
      const absorbed = drain <= s.shapePeriod - b;
      return {
        shape: "burst",
        burstSec: b,
        burstBacklog: backlog,
        drainSec: drain,
        absorbed,
        growthPerPeriod: absorbed ? 0 : backlog - (mu - base) * (s.shapePeriod - b),
        meanRatePerSec: peak * s.shapeDuty + base * (1 - s.shapeDuty),
      };
    }
  }
}
