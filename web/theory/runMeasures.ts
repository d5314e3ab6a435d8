/**
 * What the run so far measured, for comparing with theory: time-averaged number in the system
 * (L), mean latency of finished events (W) and throughput (X), so that Little's law L = X W can be
 * checked on the page. Pure functions of the sample columns.
 */
import type { SeriesStore } from "../runtime/seriesStore";

/** Run-wide measures from samples [1, n): each sample describes the interval that ends at it. */
export interface RunMeasures {
  /** Simulated time covered, s. */
  timeSec: number;
  /** Time-averaged events in the system (waiting + in service), events. */
  meanInSystem: number;
  /** Mean latency (emit to finish) of the events finished, s; NaN if none finished. */
  meanLatencySec: number;
  /** Events finished per second. */
  throughputPerSec: number;
  /** Events emitted per second (the offered load). */
  producedPerSec: number;
  /** Events in the system at the last sample. */
  endInSystem: number;
}

/** Measures the run held in `series`; null before two samples exist. */
export function measureRun(series: SeriesStore): RunMeasures | null {
  const n = series.length;
  if (n < 2) return null;
  const time = series.column("timeSec");
  const queued = series.column("queued");
  const inService = series.column("inService");
  const consumedRate = series.column("consumedRate");
  const latencyMean = series.column("latencyMean");
  const intervalSec = time[1] - time[0];
  let inSystem = 0;
  let finished = 0;
  let latencySum = 0;
  for (let i = 1; i < n; i++) {
    inSystem += queued[i] + inService[i];
    const done = consumedRate[i] * intervalSec;
    if (done > 0 && !Number.isNaN(latencyMean[i])) {
      finished += done;
      latencySum += done * latencyMean[i];
    }
  }
  const timeSec = time[n - 1] - time[0];
  return {
    timeSec,
    meanInSystem: inSystem / (n - 1),
    meanLatencySec: finished > 0 ? latencySum / finished : NaN,
    throughputPerSec: timeSec > 0 ? (consumedRate.subarray(1).reduce((a, r) => a + r, 0) * intervalSec) / timeSec : 0,
    producedPerSec: timeSec > 0 ? (series.column("produced")[n - 1] - series.column("produced")[0]) / timeSec : 0,
    endInSystem: queued[n - 1] + inService[n - 1],
  };
}
