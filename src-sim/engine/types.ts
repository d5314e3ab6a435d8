/**
 * Public data shapes of the simulation engine: sample columns, the event log and the summary.
 *
 * Everything here is plain data (numbers, strings, typed arrays) so it crosses a worker boundary
 * with structured clone, and typed arrays can go in a transfer list.
 */

import type { SampleColumn } from "../scenario/columns";
import type { EventKind } from "../scenario/eventKinds";

// The column schema (names, units, kinds, which model writes which) lives with the scenario
// table; the engine re-exports the names it stores.
export { SAMPLE_COLUMNS, type SampleColumn } from "../scenario/columns";

/** A batch of consecutive samples, one Float64Array per column, all of length `count`. */
export interface SampleBatch {
  /** Index of the first sample in the run (0 is t = 0). */
  start: number;
  count: number;
  columns: Record<SampleColumn, Float64Array>;
}

// The event kinds, like the columns, are part of a run's schema (src-sim/scenario/eventKinds.ts).
export { EVENT_KINDS, type EventKind } from "../scenario/eventKinds";

/** One entry of the event log. */
export interface SimEvent {
  timeSec: number;
  kind: EventKind;
  /** A number whose meaning depends on the kind (see {@link EVENT_KINDS}). */
  value: number;
}

/** Latency statistics of finished events, s. NaN where no event finished. */
export interface LatencyStats {
  mean: number;
  p50: number;
  p99: number;
  max: number;
}

/** What a run did up to `until`: the `summary` object of the command line's JSON. */
export interface Summary {
  until: number;
  produced: number;
  consumed: number;
  dropped: number;
  lost: number;
  /** Events waiting in the queue at `until`. */
  queued: number;
  /** Events in service at `until` (0 or 1). */
  inService: number;
  /** Events in the producer's own buffer at `until`. */
  upstreamQueued: number;
  maxQueued: number;
  peakMemoryBytes: number;
  /** Time of the first out-of-memory crash, s, or null. */
  oomAt: number | null;
  /** Number of out-of-memory crashes (more than one in a crash loop). */
  oomCount: number;
  latency: LatencyStats;
  /** Simulated seconds the producer spent paused or blocked. */
  producerPausedSeconds: number;
  signals: { pause: number; resume: number };
  /** Time-averaged number in the system (queued + in service) over [0, until], events. */
  meanInSystem: number;
  /** Events processed by the engine one at a time, versus in bulk (for benchmarks). */
  work: { perEventSteps: number; bulkSteps: number };
}
