/**
 * Public data shapes of the simulation engine: sample columns, the event log and the summary.
 *
 * Everything here is plain data (numbers, strings, typed arrays) so it crosses a worker boundary
 * with structured clone, and typed arrays can go in a transfer list.
 */

import type { SampleColumn } from "../scenario/columns";

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

/** Kinds of notable events in the event log. */
export const EVENT_KINDS = [
  /** The consumer told the producer to pause (watermark HIGH reached). */
  "pause",
  /** The consumer told the producer to resume (watermark LOW reached). */
  "resume",
  /** Drops started (value: events dropped in the burst so far, 0 at start). */
  "drop-start",
  /** Drops stopped (value: events dropped in the burst). */
  "drop-stop",
  /** The consumer ran out of memory (value: events lost with it). */
  "oom",
  /** The consumer process started again after a crash, with an empty queue. */
  "restart",
  /** The queue reached its capacity (value: the capacity). */
  "queue-full",
  /** The producer's own buffer ran out of memory (value: events lost with it). */
  "producer-oom",
  /** The producer was blocked by a full queue (strategy block). */
  "blocked",
  /** The producer was unblocked (strategy block). */
  "unblocked",
  /** TCP: the receiver advertised a zero window (the sender must stop). */
  "zero-window",
  /** TCP: the receiver sent a window update (value: the window, bytes). */
  "window-update",
  /** TCP: the sender's persist timer sent a window probe (value: the wait before the next one, s; 0 when data went out). */
  "probe",
  /** Kafka: the consumer was evicted for exceeding max.poll.interval (value: the gap, s). */
  "eviction",
  /** Kafka: the group rebalanced; consumption resumes at the committed offset (value: it, -1 if none). */
  "rebalance",
  /** Kafka: retention deleted records the consumer had not read (value: records lost). */
  "retention-loss",
  /** Reactive Streams: the subscriber called request(n) (value: n). */
  "request",
  /** Reactive Streams: a bounded overflow buffer overflowed and the stream failed. */
  "overflow-error",
  /** Kafka: a group with no committed offset started at auto.offset.reset (value: the offset). */
  "offset-reset",
] as const;

/** An event-log kind. */
export type EventKind = (typeof EVENT_KINDS)[number];

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
