/**
 * The scenario table: the single source of truth for every parameter of a run.
 *
 * The URL codec, validation, the sliders, the command line's `--help` and the README's parameter
 * table all derive from this one list. Adding a parameter here is the whole job of exposing it;
 * the order of the list is the order keys are written to a URL, so append, never reorder.
 */

/** Flow-control strategies of the queue between producer and consumer. */
export const STRATEGIES = [
  "unbounded",
  "drop-newest",
  "drop-oldest",
  "block",
  "watermark",
] as const;
/** A flow-control strategy (see {@link STRATEGIES}). */
export type Strategy = (typeof STRATEGIES)[number];

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
}

/** A scenario key. */
export type ParamKey = keyof Scenario;

/** How a slider maps its position to a value. `log` suits ranges that span decades. */
export type Scale = "linear" | "log";

/** Which group of controls a parameter belongs to (the UI groups sliders by this). */
export type ParamGroup = "workload" | "memory" | "strategy" | "run";

interface ParamBase<K extends ParamKey> {
  key: K;
  /** Short human label, as shown next to the control. */
  label: string;
  group: ParamGroup;
  /** One sentence for tooltips, `--help` and the README. */
  description: string;
}

/** A numeric parameter: clamped to [min, max] and snapped to `step` on decode. */
export interface NumberParam<K extends ParamKey = ParamKey> extends ParamBase<K> {
  kind: "number";
  unit: "events/s" | "bytes" | "events" | "s" | "-";
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
    key: "strategy", kind: "enum", unit: "-", group: "strategy", label: "Strategy",
    default: "unbounded", values: STRATEGIES,
    description: "Flow control between producer and consumer: an unbounded queue, a bounded one (drop newest, drop oldest, block), or high/low watermarks.",
  },
  {
    key: "producer", kind: "number", unit: "events/s", group: "workload", label: "Producer rate",
    default: 100_000, min: 1, max: 10_000_000, step: 1, scale: "log",
    description: "Mean rate at which the producer emits events.",
  },
  {
    key: "consumer", kind: "number", unit: "events/s", group: "workload", label: "Consumer rate",
    default: 50_000, min: 1, max: 10_000_000, step: 1, scale: "log",
    description: "Mean rate at which the consumer finishes events (1 / mean service time).",
  },
  {
    key: "arrivals", kind: "enum", unit: "-", group: "workload", label: "Arrivals",
    default: "constant", values: ARRIVALS,
    description: "Arrival process: evenly spaced (constant) or random with exponential gaps (poisson).",
  },
  {
    key: "service", kind: "enum", unit: "-", group: "workload", label: "Service",
    default: "constant", values: SERVICES,
    description: "Service time of each event: fixed (constant) or exponentially distributed with the same mean.",
  },
  {
    key: "eventBytes", kind: "number", unit: "bytes", group: "memory", label: "Bytes per event",
    default: 1000, min: 1, max: 100_000_000, step: 1, scale: "log",
    description: "Memory one queued event occupies in the consumer (a 1 KB payload costs about 1,130 B on a 64-bit JVM).",
  },
  {
    key: "memory", kind: "number", unit: "bytes", group: "memory", label: "Memory limit",
    default: 6 * GB, min: 1_000_000, max: 1e13, step: 1, scale: "log",
    description: "Memory limit of the consumer process; passing it kills the consumer (out of memory).",
  },
  {
    key: "baseline", kind: "number", unit: "bytes", group: "memory", label: "Baseline memory",
    default: 0, min: 0, max: 1e13, step: 1, scale: "log", logFloor: 1_000_000,
    description: "Memory the consumer uses besides its queue (code, heap overhead, caches).",
  },
  {
    key: "capacity", kind: "number", unit: "events", group: "strategy", label: "Capacity",
    default: 10_000, min: 1, max: 100_000_000, step: 1, scale: "log",
    description: "Queue capacity of the bounded strategies, and MAX of the watermark queue.",
  },
  {
    key: "high", kind: "number", unit: "events", group: "strategy", label: "High watermark",
    default: 8_000, min: 1, max: 100_000_000, step: 1, scale: "log",
    description: "Watermark strategy: depth at which the consumer tells the producer to pause (at most the capacity).",
  },
  {
    key: "low", kind: "number", unit: "events", group: "strategy", label: "Low watermark",
    default: 2_000, min: 0, max: 100_000_000, step: 1, scale: "log", logFloor: 1,
    description: "Watermark strategy: depth at which the consumer tells the producer to resume (at most the high watermark).",
  },
  {
    key: "signalDelay", kind: "number", unit: "s", group: "strategy", label: "Signal delay",
    default: 0, min: 0, max: 60, step: 0, scale: "log", logFloor: 0.0001,
    description: "Watermark strategy: time for a pause or resume signal to reach the producer.",
  },
  {
    key: "onPause", kind: "enum", unit: "-", group: "strategy", label: "Producer when stopped",
    default: "slow", values: ON_PAUSE,
    description: "What the producer does when told to stop: slow (a cold source waits), buffer (a hot source queues on its own side), drop (it discards).",
  },
  {
    key: "producerMemory", kind: "number", unit: "bytes", group: "memory", label: "Producer memory",
    default: 6 * GB, min: 1_000_000, max: 1e13, step: 1, scale: "log",
    description: "Memory limit of the producer's own buffer (onPause=buffer); passing it loses what the producer held.",
  },
  {
    key: "restart", kind: "number", unit: "s", group: "memory", label: "Restart after OOM",
    default: 0, min: 0, max: 3600, step: 0, scale: "log", logFloor: 0.01,
    description: "Seconds after an out-of-memory crash until the process starts again, empty (a crash loop); 0 means it stays down.",
  },
  {
    key: "seed", kind: "number", unit: "-", group: "run", label: "Seed",
    default: 1, min: 1, max: 4_294_967_295, step: 1, scale: "linear",
    description: "Seed of the random generator: the same seed gives the same run, bit for bit.",
  },
  {
    key: "duration", kind: "number", unit: "s", group: "run", label: "Duration",
    default: 180, min: 1, max: 86_400, step: 0, scale: "log",
    description: "Simulated time span of a run.",
  },
  {
    key: "t", kind: "number", unit: "s", group: "run", label: "Time",
    default: 0, min: 0, max: 86_400, step: 0, scale: "linear",
    description: "The moment on the timeline to open at (at most the duration).",
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

/** Strategies that hold a capacity (bounded queues and the watermark queue's MAX). */
export function isBounded(strategy: Strategy): boolean {
  return strategy !== "unbounded";
}
