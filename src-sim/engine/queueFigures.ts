/**
 * Closed-form figures of a queue scenario, for the command line's `model` object and for the
 * theory drawn over the charts: fluid growth, time to OOM, M/M/1 and M/D/1 when stable, and the
 * watermark cycle. Pure functions of the scenario (DOMAIN.md section 7).
 */
import type { Scenario } from "../scenario/params";
import type { ModelFigures } from "./model";

/** Figures of the queue strategies. Rates in events/s, times in s, sizes in events or bytes. */
export function queueFigures(s: Scenario): ModelFigures {
  const lambda = s.producer;
  const mu = s.consumer;
  const rho = lambda / mu;
  const growth = lambda - mu;
  const eventsToOom = Math.floor((s.memory - s.baseline) / s.eventBytes);
  const unbounded = s.strategy === "unbounded";
  const figures: ModelFigures = {
    rho,
    fluidGrowthPerSec: growth,
    eventsAtMemoryLimit: eventsToOom,
    // t_OOM = (limit - used) / ((lambda - mu) x bytes per event), from an empty queue.
    fluidTimeToOomSec: unbounded && growth > 0 ? (s.memory - s.baseline) / (growth * s.eventBytes) : null,
    // Every queued event is queueing delay: depth / mu.
    fluidLatencyAtOomSec: unbounded && growth > 0 ? eventsToOom / mu : null,
  };
  if (rho < 1) {
    figures.mm1MeanInSystem = rho / (1 - rho);
    figures.mm1MeanSojournSec = 1 / (mu - lambda);
    figures.mm1MeanQueued = (rho * rho) / (1 - rho);
    figures.md1MeanQueued = (rho * rho) / (2 * (1 - rho));
  }
  if (s.strategy === "watermark" && growth > 0) {
    const band = s.high - s.low;
    // With no signal delay and constant rates: fill LOW -> HIGH at lambda - mu, drain at mu.
    const fillSec = band / growth;
    const drainSec = band / mu;
    figures.watermarkFillSec = fillSec;
    figures.watermarkDrainSec = drainSec;
    figures.watermarkCycleSec = fillSec + drainSec;
    figures.watermarkSignalsPerSec = fillSec + drainSec > 0 ? 2 / (fillSec + drainSec) : null;
    figures.watermarkOvershootEvents = growth * s.signalDelay;
    figures.watermarkOverflows = s.high + growth * s.signalDelay > s.capacity;
  }
  if (s.strategy !== "unbounded" && s.strategy !== "watermark" && growth > 0) {
    figures.steadyDropRatePerSec = s.strategy === "block" ? 0 : growth;
    figures.steadyLatencySec = (s.capacity + 1) / mu;
  }
  return figures;
}
