/**
 * Public data shapes of the simulation engine: sample columns, the event log and the summary.
 *
 * Everything here is plain data (numbers, strings, typed arrays) so it crosses a worker boundary
 * with structured clone, and typed arrays can go in a transfer list.
 */

/**
 * Names of the per-sample columns, in a fixed order. Sample k describes the instant
 * `k * sampleIntervalSec` (the state after every event strictly before it) and, for the
 * `*Rate` and latency columns, the interval that ends there.
 */
export const SAMPLE_COLUMNS = [
  /** Simulated time of the sample, s. */
  "timeSec",
  /** Events waiting in the queue (not counting the one being served), events. */
  "queued",
  /** Events being served by the consumer (0 or 1), events. */
  "inService",
  /** Consumer memory in use: baseline + (queued + inService) x eventBytes, bytes; 0 while it is down. */
  "memoryBytes",
  /** Cumulative events emitted by the producer (including those dropped at the source). */
  "produced",
  /** Cumulative events the consumer finished. */
  "consumed",
  /** Cumulative events discarded by a policy (full queue, evicted head, dropped at the source). */
  "dropped",
  /** Cumulative events lost to a crash (held by a process that died, or sent while it was down). */
  "lost",
  /** Producer emission rate over the interval, events/s. */
  "producedRate",
  /** Consumer completion rate over the interval, events/s. */
  "consumedRate",
  /** Drop rate over the interval, events/s. */
  "droppedRate",
  /** Producer state at the sample: 0 running, 1 paused (told to stop), 2 blocked (queue full). */
  "producerState",
  /** 1 while the consumer process is up, 0 after an out-of-memory crash until it restarts. */
  "consumerUp",
  /** Median latency (emit to finish) of events finished in the interval, s; NaN if none. */
  "latencyP50",
  /** 99th-percentile latency of events finished in the interval, s; NaN if none. */
  "latencyP99",
  /** Largest latency of events finished in the interval, s; NaN if none. */
  "latencyMax",
  /** Mean latency of events finished in the interval, s; NaN if none. */
  "latencyMean",
  /** Age of the oldest waiting event at the sample, s; 0 when the queue is empty. */
  "oldestAgeSec",
  /** Events held in the producer's own buffer (onPause = buffer). */
  "upstreamQueued",
  /** Producer buffer memory: upstreamQueued x eventBytes, bytes. */
  "upstreamBytes",
  // Mechanism columns: NaN unless the strategy is that mechanism.
  /** TCP: window last advertised by the receiver, bytes. */
  "tcpWindowBytes",
  /** TCP: bytes sent and not yet acknowledged (SND.NXT - SND.UNA). */
  "tcpInFlightBytes",
  /** TCP: bytes in the sender's socket send buffer (written, not yet acknowledged). */
  "tcpSendBufferBytes",
  /** TCP: bytes received and not yet read by the application (RCV.USER). */
  "tcpReceiveBufferBytes",
  /** TCP: oldest unacknowledged sequence number, bytes from the start of the stream. */
  "tcpSndUna",
  /** TCP: next sequence number to send, bytes from the start of the stream. */
  "tcpSndNxt",
  /** Kafka: log end offset (records appended so far). */
  "kafkaLogEnd",
  /** Kafka: the consumer's position (next offset poll() returns). */
  "kafkaPosition",
  /** Kafka: the group's committed offset. */
  "kafkaCommitted",
  /** Kafka: consumer lag, log end - committed, records. */
  "kafkaLagRecords",
  /** Kafka: lag in time: age of the oldest record not yet consumed, s. */
  "kafkaLagSec",
  /** Kafka: time to clear the lag at the current rates, s (Infinity if it grows). */
  "kafkaClearSec",
  /** Kafka: cumulative records delivered again after an eviction (duplicates). */
  "kafkaDuplicates",
  /** Reactive Streams: outstanding demand (requested - delivered), items. */
  "rsDemand",
  /** Reactive Streams: cumulative request(n) calls. */
  "rsRequests",
  /** Reactive Streams: items in the publisher's overflow buffer. */
  "rsBuffer",
] as const;

/** A sample column name. */
export type SampleColumn = (typeof SAMPLE_COLUMNS)[number];

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
