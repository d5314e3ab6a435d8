/**
 * The kinds of notable events a run logs, with what each event's value means: part of a run's
 * schema, like its columns (columns.ts), so the strategy table can say which kinds each strategy
 * produces and the engine, the exports and the page's lane agree on the names.
 */

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
