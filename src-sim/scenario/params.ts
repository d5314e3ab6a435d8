/**
 * The scenario table: the single source of truth for every parameter of a run.
 *
 * The URL codec, validation, the sliders, the command line's `--help` and the README's parameter
 * table all derive from this one list. Adding a parameter here is the whole job of exposing it;
 * the order of the list is the order keys are written to a URL, so append, never reorder.
 */

import { STRATEGIES, strategiesWhere, type Strategy } from "./strategies";

// The strategies and what follows from each live in the strategy table (strategies.ts); the
// `strategies` lists of the rows below derive from it.
export { STRATEGIES, type Strategy } from "./strategies";

/** Strategies with a capacity (bounded queues, the watermark MAX, bounded overflow buffers). */
const WITH_CAPACITY = strategiesWhere((t) => t.holdsCapacity);
/** Strategies in which the watermarks can play a part. */
const WITH_WATERMARKS = strategiesWhere((t) => t.family === "watermark" || t.model === "kafka");
/** Strategies that can tell the producer to stop. */
const STOPPING = strategiesWhere((t) => t.producerReactions.length > 0);
/** Strategies run by one model. */
const byModel = (model: string) => strategiesWhere((t) => t.model === model);

/** Arrival processes of the producer. */
export const ARRIVALS = ["constant", "poisson"] as const;
/** An arrival process: evenly spaced, or a Poisson process (exponential gaps). */
export type Arrivals = (typeof ARRIVALS)[number];

/** Service-time distributions of the consumer. */
export const SERVICES = ["constant", "exponential"] as const;
/** A service-time distribution: fixed 1/rate, or exponential with mean 1/rate. */
export type Service = (typeof SERVICES)[number];

/** What the producer does when told to stop (watermark pause, or a full queue under `block`). */
export const ON_PAUSE = ["slow", "buffer", "drop"] as const;
/** A producer's reaction to "stop": wait (cold source), buffer on its own side, or discard. */
export type OnPause = (typeof ON_PAUSE)[number];

/** Whether the receiver delays ACKs (TCP). */
export const ON_OFF = ["on", "off"] as const;
/** A switch. */
export type OnOff = (typeof ON_OFF)[number];

/** When a Kafka consumer commits: auto-commit on an interval (at poll), or after each batch. */
export const COMMITS = ["auto", "batch"] as const;
/** A Kafka commit policy. */
export type Commit = (typeof COMMITS)[number];

/** How a Kafka consumer hands records to processing: inside the poll loop, or to an in-memory queue. */
export const HANDOFFS = ["inline", "async"] as const;
/** A Kafka hand-off. */
export type Handoff = (typeof HANDOFFS)[number];

/** Where a Kafka consumer restarts when its offset is gone (auto.offset.reset). */
export const OFFSET_RESETS = ["latest", "earliest"] as const;
/** An auto.offset.reset policy. */
export type OffsetReset = (typeof OFFSET_RESETS)[number];

/** A Reactive Streams publisher: cold (emits only against demand) or hot (cannot wait). */
export const PUBLISHERS = ["cold", "hot"] as const;
/** A publisher kind. */
export type Publisher = (typeof PUBLISHERS)[number];

/**
 * What a hot publisher does with items no one has requested: an unbounded buffer, a buffer of
 * `capacity` that drops its oldest, drops the latest, or fails the stream (error), discard while
 * demand is 0 (drop), or keep only the latest one (latest).
 */
export const OVERFLOWS = ["buffer", "drop-oldest", "drop-latest", "error", "drop", "latest"] as const;
/** An overflow strategy. */
export type Overflow = (typeof OVERFLOWS)[number];

/** The run's parameters. Every field is described, with unit and range, in {@link PARAMS}. */
export interface Scenario {
  strategy: Strategy;
  producer: number;
  consumer: number;
  arrivals: Arrivals;
  service: Service;
  eventBytes: number;
  memory: number;
  baseline: number;
  capacity: number;
  high: number;
  low: number;
  signalDelay: number;
  onPause: OnPause;
  producerMemory: number;
  restart: number;
  seed: number;
  duration: number;
  t: number;
  mss: number;
  rtt: number;
  link: number;
  rcvBuf: number;
  sndBuf: number;
  sndBufAuto: OnOff;
  delayedAck: OnOff;
  maxPollRecords: number;
  maxPollInterval: number;
  rebalance: number;
  commit: Commit;
  autoCommitInterval: number;
  retention: number;
  handoff: Handoff;
  fetchPause: OnOff;
  offsetReset: OffsetReset;
  prefetch: number;
  lowTide: number;
  publisher: Publisher;
  overflow: Overflow;
  rcvBufAuto: OnOff;
  retentionCheckInterval: number;
}

/** A scenario key. */
export type ParamKey = keyof Scenario;

/** How a slider maps its position to a value. `log` suits ranges that span decades. */
export type Scale = "linear" | "log";

/** Which group of controls a parameter belongs to (the UI groups sliders by this). */
export type ParamGroup = "workload" | "memory" | "strategy" | "tcp" | "kafka" | "reactive" | "run";

interface ParamBase<K extends ParamKey> {
  key: K;
  /** Short human label, as shown next to the control. */
  label: string;
  group: ParamGroup;
  /** One sentence for tooltips, `--help` and the README. */
  description: string;
  /** Strategies for which the parameter matters (absent: all). The UI hides it for the others. */
  strategies?: readonly Strategy[];
}

/** A numeric parameter: clamped to [min, max] and snapped to `step` on decode. */
export interface NumberParam<K extends ParamKey = ParamKey> extends ParamBase<K> {
  kind: "number";
  unit: "events/s" | "bytes" | "bits/s" | "events" | "s" | "-";
  default: number;
  min: number;
  max: number;
  /** Values are snapped to multiples of this (1 for counts). 0 means no snapping. */
  step: number;
  scale: Scale;
  /** For log scales whose `min` is 0: the smallest positive value a slider reaches. */
  logFloor?: number;
}

/** A parameter whose value is one of a fixed list of names. */
export interface EnumParam<K extends ParamKey = ParamKey> extends ParamBase<K> {
  kind: "enum";
  unit: "-";
  default: string;
  values: readonly string[];
}

/** One row of the scenario table. */
export type Param = NumberParam | EnumParam;

/** Bytes in one gigabyte (decimal, as memory limits are usually quoted in the story). */
const GB = 1e9;

/**
 * Every parameter, in URL order. Defaults reproduce the reference story: 100,000 events/s into
 * a 50,000 events/s consumer through an unbounded queue, 1,000 B an event and a 6 GB limit, so
 * the consumer dies of out-of-memory at 6,000,000 queued events, t = 120 s.
 */
export const PARAMS: readonly Param[] = [
  {
    key: "strategy",
    kind: "enum",
    unit: "-",
    group: "strategy",
    label: "Strategy",
    default: "unbounded",
    values: STRATEGIES,
    description:
      "Flow control between producer and consumer: an unbounded queue, a bounded one (drop newest, drop oldest, block), high/low watermarks, TCP's receive window, Kafka's poll loop, or Reactive Streams demand.",
  },
  {
    key: "producer",
    kind: "number",
    unit: "events/s",
    group: "workload",
    label: "Producer rate",
    default: 100_000,
    min: 1,
    max: 10_000_000,
    step: 1,
    scale: "log",
    description: "Mean rate at which the producer emits events.",
  },
  {
    key: "consumer",
    kind: "number",
    unit: "events/s",
    group: "workload",
    label: "Consumer rate",
    default: 50_000,
    min: 1,
    max: 10_000_000,
    step: 1,
    scale: "log",
    description: "Mean rate at which the consumer finishes events (1 / mean service time).",
  },
  {
    key: "arrivals",
    kind: "enum",
    unit: "-",
    group: "workload",
    label: "Arrivals",
    default: "constant",
    values: ARRIVALS,
    description: "Arrival process: evenly spaced (constant) or random with exponential gaps (poisson).",
  },
  {
    key: "service",
    kind: "enum",
    unit: "-",
    group: "workload",
    label: "Service",
    default: "constant",
    values: SERVICES,
    description: "Service time of each event: fixed (constant) or exponentially distributed with the same mean.",
  },
  {
    key: "eventBytes",
    kind: "number",
    unit: "bytes",
    group: "memory",
    label: "Bytes per event",
    default: 1000,
    min: 1,
    max: 100_000_000,
    step: 1,
    scale: "log",
    description:
      "Memory one queued event occupies in the consumer (a 1 KB payload costs about 1,130 B on a 64-bit JVM).",
  },
  {
    key: "memory",
    kind: "number",
    unit: "bytes",
    group: "memory",
    label: "Memory limit",
    default: 6 * GB,
    min: 1_000_000,
    max: 1e13,
    step: 1,
    scale: "log",
    description: "Memory limit of the consumer process; passing it kills the consumer (out of memory).",
  },
  {
    key: "baseline",
    kind: "number",
    unit: "bytes",
    group: "memory",
    label: "Baseline memory",
    default: 0,
    min: 0,
    max: 1e13,
    step: 1,
    scale: "log",
    logFloor: 1_000_000,
    description: "Memory the consumer uses besides its queue (code, heap overhead, caches).",
  },
  {
    key: "capacity",
    kind: "number",
    unit: "events",
    group: "strategy",
    label: "Capacity",
    strategies: WITH_CAPACITY,
    default: 10_000,
    min: 1,
    max: 100_000_000,
    step: 1,
    scale: "log",
    description: "Queue capacity of the bounded strategies, and MAX of the watermark queue.",
  },
  {
    key: "high",
    kind: "number",
    unit: "events",
    group: "strategy",
    label: "High watermark",
    strategies: WITH_WATERMARKS,
    default: 8_000,
    min: 1,
    max: 100_000_000,
    step: 1,
    scale: "log",
    description: "Watermark strategy: depth at which the consumer tells the producer to pause (at most the capacity).",
  },
  {
    key: "low",
    kind: "number",
    unit: "events",
    group: "strategy",
    label: "Low watermark",
    strategies: WITH_WATERMARKS,
    default: 2_000,
    min: 0,
    max: 100_000_000,
    step: 1,
    scale: "log",
    logFloor: 1,
    description:
      "Watermark strategy: depth at which the consumer tells the producer to resume (at most the high watermark).",
  },
  {
    key: "signalDelay",
    kind: "number",
    unit: "s",
    group: "strategy",
    label: "Signal delay",
    strategies: strategiesWhere((t) => t.family === "watermark"),
    default: 0,
    min: 0,
    max: 60,
    step: 0,
    scale: "log",
    logFloor: 0.0001,
    description: "Watermark strategy: time for a pause or resume signal to reach the producer.",
  },
  {
    key: "onPause",
    kind: "enum",
    unit: "-",
    group: "strategy",
    label: "Producer when stopped",
    strategies: STOPPING,
    default: "slow",
    values: ON_PAUSE,
    description:
      "What the producer does when told to stop: slow (a cold source waits), buffer (a hot source queues on its own side), drop (it discards).",
  },
  {
    key: "producerMemory",
    kind: "number",
    unit: "bytes",
    group: "memory",
    label: "Producer memory",
    strategies: STOPPING,
    default: 6 * GB,
    min: 1_000_000,
    max: 1e13,
    step: 1,
    scale: "log",
    description: "Memory limit of the producer's own buffer (onPause=buffer); passing it loses what the producer held.",
  },
  {
    key: "restart",
    kind: "number",
    unit: "s",
    group: "memory",
    label: "Restart after OOM",
    default: 0,
    min: 0,
    max: 3600,
    step: 0,
    scale: "log",
    logFloor: 0.01,
    description:
      "Seconds after an out-of-memory crash until the process starts again, empty (a crash loop); 0 means it stays down.",
  },
  {
    key: "seed",
    kind: "number",
    unit: "-",
    group: "run",
    label: "Seed",
    default: 1,
    min: 1,
    max: 4_294_967_295,
    step: 1,
    scale: "linear",
    description: "Seed of the random generator: the same seed gives the same run, bit for bit.",
  },
  {
    key: "duration",
    kind: "number",
    unit: "s",
    group: "run",
    label: "Duration",
    default: 180,
    min: 1,
    max: 86_400,
    step: 0,
    scale: "log",
    description: "Simulated time span of a run.",
  },
  {
    key: "t",
    kind: "number",
    unit: "s",
    group: "run",
    label: "Time",
    default: 0,
    min: 0,
    max: 86_400,
    step: 0,
    scale: "linear",
    description: "The moment on the timeline to open at (at most the duration).",
  },
  // TCP (RFC 9293; Linux defaults).
  {
    key: "mss",
    kind: "number",
    unit: "bytes",
    group: "tcp",
    label: "MSS",
    strategies: byModel("tcp"),
    default: 1460,
    min: 536,
    max: 9000,
    step: 1,
    scale: "log",
    description: "Maximum segment size: the most payload one TCP segment carries.",
  },
  {
    key: "rtt",
    kind: "number",
    unit: "s",
    group: "tcp",
    label: "Round-trip time",
    strategies: byModel("tcp"),
    default: 0.02,
    min: 0.0001,
    max: 0.5,
    step: 0,
    scale: "log",
    description: "Round-trip propagation delay between sender and receiver.",
  },
  {
    key: "link",
    kind: "number",
    unit: "bits/s",
    group: "tcp",
    label: "Link rate",
    strategies: byModel("tcp"),
    default: 1e9,
    min: 1e6,
    max: 1e11,
    step: 1,
    scale: "log",
    description: "Bandwidth of the bottleneck link.",
  },
  {
    key: "rcvBuf",
    kind: "number",
    unit: "bytes",
    group: "tcp",
    label: "Receive buffer",
    strategies: byModel("tcp"),
    default: 131_072,
    min: 4096,
    max: 67_108_864,
    step: 1,
    scale: "log",
    description:
      "The receiver's socket buffer (RCV.BUFF); the advertised window is its free space. With autotuning it is the starting size (tcp_rmem default 128 KiB), without it the size set by SO_RCVBUF.",
  },
  {
    key: "sndBuf",
    kind: "number",
    unit: "bytes",
    group: "tcp",
    label: "Send buffer",
    strategies: byModel("tcp"),
    default: 16_384,
    min: 4096,
    max: 67_108_864,
    step: 1,
    scale: "log",
    description: "The sender's socket buffer; a full one blocks the producer's write() until it drains to 2/3.",
  },
  {
    key: "sndBufAuto",
    kind: "enum",
    unit: "-",
    group: "tcp",
    label: "Send buffer autotuning",
    strategies: byModel("tcp"),
    default: "on",
    values: ON_OFF,
    description:
      "Linux grows the send buffer as ACKs arrive to 2 x cwnd x the memory of one segment (tcp_sndbuf_expand; 4,352 B at MSS 1460), up to 4 MiB (tcp_wmem); off is setsockopt(SO_SNDBUF): it stays at sndBuf.",
  },
  {
    key: "delayedAck",
    kind: "enum",
    unit: "-",
    group: "tcp",
    label: "Delayed ACK",
    strategies: byModel("tcp"),
    default: "on",
    values: ON_OFF,
    description: "Whether the receiver acknowledges every second segment or after 40 ms, rather than every segment.",
  },
  // Kafka (ConsumerConfig defaults).
  {
    key: "maxPollRecords",
    kind: "number",
    unit: "events",
    group: "kafka",
    label: "max.poll.records",
    strategies: byModel("kafka"),
    default: 500,
    min: 1,
    max: 100_000,
    step: 1,
    scale: "log",
    description: "Most records one poll() returns.",
  },
  {
    key: "maxPollInterval",
    kind: "number",
    unit: "s",
    group: "kafka",
    label: "max.poll.interval",
    strategies: byModel("kafka"),
    default: 300,
    min: 0.1,
    max: 3600,
    step: 0,
    scale: "log",
    description: "Longest allowed gap between polls; past it the consumer is evicted from the group.",
  },
  {
    key: "rebalance",
    kind: "number",
    unit: "s",
    group: "kafka",
    label: "Rebalance time",
    strategies: byModel("kafka"),
    default: 3,
    min: 0,
    max: 300,
    step: 0,
    scale: "log",
    logFloor: 0.01,
    description: "How long a rebalance stops consumption before the partition is consumed again.",
  },
  {
    key: "commit",
    kind: "enum",
    unit: "-",
    group: "kafka",
    label: "Commit",
    strategies: byModel("kafka"),
    default: "auto",
    values: COMMITS,
    description:
      "Offsets are committed automatically at poll every auto.commit.interval (auto), or after each processed batch (batch).",
  },
  {
    key: "autoCommitInterval",
    kind: "number",
    unit: "s",
    group: "kafka",
    label: "auto.commit.interval",
    strategies: byModel("kafka"),
    default: 5,
    min: 0.01,
    max: 600,
    step: 0,
    scale: "log",
    description: "How often auto-commit commits the consumer's position.",
  },
  {
    key: "retention",
    kind: "number",
    unit: "s",
    group: "kafka",
    label: "Retention",
    strategies: byModel("kafka"),
    default: 604_800,
    min: 1,
    max: 31_536_000,
    step: 0,
    scale: "log",
    description: "Records older than this are deleted from the log (log.retention.hours is 168 by default).",
  },
  {
    key: "handoff",
    kind: "enum",
    unit: "-",
    group: "kafka",
    label: "Hand-off",
    strategies: byModel("kafka"),
    default: "inline",
    values: HANDOFFS,
    description:
      "Process records inside the poll loop (inline), or hand them to an unbounded in-memory queue (async: the OOM trap).",
  },
  {
    key: "fetchPause",
    kind: "enum",
    unit: "-",
    group: "kafka",
    label: "pause()/resume()",
    strategies: byModel("kafka"),
    default: "off",
    values: ON_OFF,
    description:
      "With async hand-off: pause fetching when the in-memory queue reaches the high watermark, resume at the low one.",
  },
  {
    key: "offsetReset",
    kind: "enum",
    unit: "-",
    group: "kafka",
    label: "auto.offset.reset",
    strategies: byModel("kafka"),
    default: "latest",
    values: OFFSET_RESETS,
    description:
      "Where a consumer starts when its group has no committed offset (never committed) or retention deleted it: the log end (latest, the default) or the log start (earliest).",
  },
  // Reactive Streams (spec 1.0.4; Reactor, RxJava).
  {
    key: "prefetch",
    kind: "number",
    unit: "events",
    group: "reactive",
    label: "Prefetch",
    strategies: byModel("reactive"),
    default: 128,
    min: 1,
    max: 1_000_000,
    step: 1,
    scale: "log",
    description: "The subscriber's first request(n) (limitRate / observeOn prefetch).",
  },
  {
    key: "lowTide",
    kind: "number",
    unit: "-",
    group: "reactive",
    label: "Replenish at",
    strategies: byModel("reactive"),
    default: 0.75,
    min: 0.01,
    max: 1,
    step: 0,
    scale: "linear",
    description:
      "Fraction of the prefetch consumed before the subscriber requests more (0.75 requests prefetch - floor(prefetch/4)).",
  },
  {
    key: "publisher",
    kind: "enum",
    unit: "-",
    group: "reactive",
    label: "Publisher",
    strategies: byModel("reactive"),
    default: "cold",
    values: PUBLISHERS,
    description: "A cold publisher emits only against demand; a hot one cannot wait and overflows.",
  },
  {
    key: "overflow",
    kind: "enum",
    unit: "-",
    group: "reactive",
    label: "Overflow",
    strategies: byModel("reactive"),
    default: "buffer",
    values: OVERFLOWS,
    description:
      "A hot publisher's overflow strategy: unbounded buffer, a capacity-bounded buffer (drop-oldest, drop-latest, error), drop, or latest.",
  },
  // Appended later (issue 11): keys keep their URL order, so new ones go last.
  {
    key: "rcvBufAuto",
    kind: "enum",
    unit: "-",
    group: "tcp",
    label: "Receive buffer autotuning",
    strategies: ["tcp"],
    default: "on",
    values: ON_OFF,
    description:
      "Linux grows the receive buffer once per round trip toward twice what the reader took in it, up to 6 MiB (tcp_moderate_rcvbuf, tcp_rmem); off is setsockopt(SO_RCVBUF): the buffer stays at rcvBuf. A link that sets rcvBuf without this key means off.",
  },
  {
    key: "retentionCheckInterval",
    kind: "number",
    unit: "s",
    group: "kafka",
    label: "Retention check interval",
    strategies: ["kafka"],
    default: 300,
    min: 1,
    max: 86_400,
    step: 0,
    scale: "log",
    description:
      "How often the broker deletes expired segments (log.retention.check.interval.ms, 300 s by default; the first check runs 30 s after start), so retention losses arrive in steps.",
  },
];

/** The table indexed by key. */
export const PARAM_BY_KEY: Readonly<Record<ParamKey, Param>> = Object.fromEntries(
  PARAMS.map((p) => [p.key, p]),
) as Record<ParamKey, Param>;

/** The default scenario: the reference story (OOM at t = 120 s). */
export const DEFAULT_SCENARIO: Readonly<Scenario> = Object.freeze(
  Object.fromEntries(PARAMS.map((p) => [p.key, p.default])) as unknown as Scenario,
);
