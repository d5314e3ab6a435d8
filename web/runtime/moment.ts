/**
 * One truth per instant: the figures of the run at one sample, read the same way by the readout
 * cards, the chart legends and the crosshair. Every figure comes from the sample columns the
 * charts draw (never from a second source such as the worker's live state at another instant),
 * and interval statistics that are empty in a sample (no event finished) fall back by one rule,
 * {@link valueAt}, for everyone.
 */
import { COLUMN_BY_NAME, type SampleColumn } from "../../src-sim/scenario/columns";

/** What the moment reads of the samples (SeriesStore has it). */
export interface SampleSource {
  readonly length: number;
  readonly sampleIntervalSec: number;
  column(name: SampleColumn): Float64Array;
}

/**
 * How far back an interval statistic (the latency columns) may come from when the sample's own
 * interval finished nothing, s. A slow consumer finishes nothing in most intervals; showing the
 * latest figure of the last few seconds reads better than a dash that flickers.
 */
export const INTERVAL_LOOKBACK_SEC = 5;

/**
 * A column's value as shown at sample `index`: the sample's own value, except for interval
 * statistics (kind `latency`), which take the latest number at or before it within
 * {@link INTERVAL_LOOKBACK_SEC}. NaN when `index` is outside the samples or nothing qualifies.
 */
export function valueAt(series: SampleSource, name: SampleColumn, index: number): number {
  if (index < 0 || index >= series.length) return NaN;
  const col = series.column(name);
  if (COLUMN_BY_NAME[name].kind !== "latency") return col[index];
  const lookback = Math.round(INTERVAL_LOOKBACK_SEC / series.sampleIntervalSec);
  for (let i = index; i >= Math.max(0, index - lookback); i--) {
    if (!Number.isNaN(col[i])) return col[i];
  }
  return NaN;
}

/** The run's figures at one sample. */
export interface Moment {
  /** The sample's index (sample k is at k x the sample interval). */
  index: number;
  timeSec: number;
  queued: number;
  memoryBytes: number;
  /** p99 latency by {@link valueAt}'s rule, s (NaN when none in the lookback). */
  p99Sec: number;
  oldestAgeSec: number;
  dropped: number;
  lost: number;
  /** 0 running, 1 paused, 2 blocked. */
  producerState: number;
  consumerUp: boolean;
  /** Deepest the queue has been up to this sample, events. */
  peakQueued: number;
  /** Pause and resume signals sent up to this sample. */
  pauseSignals: number;
  resumeSignals: number;
  /** Pause and resume signals per second over the interval ending at this sample. */
  signalsPerSec: number;
}

/** The figures at sample `index`, or null when there is no such sample. */
export function momentAt(series: SampleSource, index: number): Moment | null {
  if (index < 0 || index >= series.length) return null;
  const at = (name: SampleColumn) => valueAt(series, name, index);
  const queued = series.column("queued");
  let peak = 0;
  for (let i = 0; i <= index; i++) if (queued[i] > peak) peak = queued[i];
  const pause = at("pauseSignals");
  const resume = at("resumeSignals");
  const signalsPerSec =
    index > 0
      ? (pause - valueAt(series, "pauseSignals", index - 1) + resume - valueAt(series, "resumeSignals", index - 1)) /
        series.sampleIntervalSec
      : 0;
  return {
    index,
    timeSec: at("timeSec"),
    queued: at("queued"),
    memoryBytes: at("memoryBytes"),
    p99Sec: at("latencyP99"),
    oldestAgeSec: at("oldestAgeSec"),
    dropped: at("dropped"),
    lost: at("lost"),
    producerState: at("producerState"),
    consumerUp: at("consumerUp") !== 0,
    peakQueued: peak,
    pauseSignals: pause,
    resumeSignals: resume,
    signalsPerSec,
  };
}
