/**
 * The preset gallery: scenarios that tell the story and teach each mechanism's lesson. Each
 * becomes a query string of the scenario URL (schema version 2), so a preset is exactly a
 * shareable link; the page shows the gallery and the command line accepts `--preset ID`.
 */
import type { ScenarioChange } from "./changes";
import { encodeScenario } from "./codec";
import { DEFAULT_SCENARIO, type Scenario } from "./params";

/** One preset scenario. */
export interface PresetSpec {
  /** Stable identifier (used in tests and by `--preset`). */
  id: string;
  /** Short title for the gallery card. */
  title: string;
  /** The one-line lesson the preset shows. */
  lesson: string;
  /** What differs from the default scenario. */
  params: Partial<Scenario>;
  /** The timeline of changes (src-sim/scenario/changes.ts), if the preset has one. */
  changes?: ScenarioChange[];
  /** Strategy family, for grouping in the gallery. */
  family: "story" | "queue" | "watermark" | "tcp" | "kafka" | "reactive" | "theory" | "timeline";
}

/** A preset with its link. */
export interface Preset extends PresetSpec {
  /** The scenario as a URL query string without `?`, written by the codec (canonical order). */
  query: string;
}

const SPECS: readonly PresetSpec[] = [
  {
    id: "story",
    family: "story",
    title: "The story: OOM at 120 s",
    lesson: "100K/s into 50K/s with no flow control: the queue grows 50K a second until the consumer dies at 6 GB.",
    params: {},
  },
  {
    id: "bigger-queue",
    family: "story",
    title: "A bigger queue only delays the crash",
    lesson: "Four times the memory moves the crash from 120 s to 480 s; the slope of the line does not change.",
    params: { memory: 24e9, duration: 600 },
  },
  {
    id: "crash-loop",
    family: "story",
    title: "Crash loop",
    lesson: "Restarting the consumer empties its queue, and loses it, about every two minutes.",
    params: { restart: 10, duration: 600 },
  },
  {
    id: "drop-newest",
    family: "queue",
    title: "Bounded queue, drop newest",
    lesson: "Memory and latency stay flat; the price is half of all events, rejected at the door.",
    params: { strategy: "drop-newest" },
  },
  {
    id: "drop-oldest",
    family: "queue",
    title: "Bounded queue, drop oldest",
    lesson: "Same losses as drop-newest, but what survives is fresh: latency halves.",
    params: { strategy: "drop-oldest" },
  },
  {
    id: "block",
    family: "queue",
    title: "Bounded queue that blocks",
    lesson: "A blocking put slows the producer to the consumer's pace: nothing lost, nothing grows.",
    params: { strategy: "block" },
  },
  {
    id: "watermarks",
    family: "watermark",
    title: "Watermarks at 80% / 20%",
    lesson: "Pause at 8,000, resume at 2,000: a calm sawtooth, four cycles a second, no drops.",
    params: { strategy: "watermark" },
  },
  {
    id: "no-hysteresis",
    family: "watermark",
    title: "No hysteresis: flapping",
    lesson: "With HIGH = LOW the producer is paused and resumed tens of thousands of times a second.",
    params: { strategy: "watermark", high: 8000, low: 8000 },
  },
  {
    id: "slow-signal",
    family: "watermark",
    title: "A slow signal overshoots",
    lesson: "100 ms for the pause to arrive lets 5,000 more events in: past MAX, into QueueFull drops.",
    params: { strategy: "watermark", signalDelay: 0.1 },
  },
  {
    id: "buffer-upstream",
    family: "watermark",
    title: "The producer buffers: the queue moves upstream",
    lesson: "A hot source that cannot slow keeps its backlog itself; now the producer runs out of memory.",
    params: { strategy: "watermark", onPause: "buffer", producerMemory: 2e9 },
  },
  {
    id: "tcp-slow-reader",
    family: "tcp",
    title: "TCP: a slow reader",
    lesson:
      "A reader of one event a second fills the receive buffer: the window closes, the persist timer probes, write() blocks the producer.",
    params: { strategy: "tcp", consumer: 1, duration: 120 },
  },
  {
    id: "tcp-long-fat-pipe",
    family: "tcp",
    title: "TCP: window-limited long fat pipe",
    lesson: "SO_RCVBUF of 64 KiB over 100 ms of round trip caps the flow near 5 Mbit/s, whatever the link.",
    params: { strategy: "tcp", rtt: 0.1, rcvBuf: 65535, rcvBufAuto: "off", duration: 60 },
  },
  {
    id: "tcp-default-reader-bound",
    family: "tcp",
    title: "TCP: autotuned buffers, the reader sets the pace",
    lesson:
      "Linux grows the receive buffer with the reader: 50,000 events/s get through, the reader's rate; the producer waits in write().",
    params: { strategy: "tcp", duration: 20 },
  },
  {
    id: "tcp-so-rcvbuf",
    family: "tcp",
    title: "TCP: SO_RCVBUF turns autotuning off",
    lesson:
      "A fixed 128 KiB receive buffer allows at most one window per 20 ms round trip: about 4,200 events/s of the reader's 50,000.",
    params: { strategy: "tcp", rcvBufAuto: "off", duration: 20 },
  },
  {
    id: "kafka-healthy",
    family: "kafka",
    title: "Kafka: healthy lag",
    lesson: "With headroom, records wait about a millisecond; lag in offsets only saws with each 5 s auto-commit.",
    params: { strategy: "kafka", arrivals: "poisson", producer: 45000 },
  },
  {
    id: "kafka-broker-backlog",
    family: "kafka",
    title: "Kafka: lag grows on the broker",
    lesson: "Pull, not push: the story's overload piles up on disk as lag, not in the consumer's heap.",
    params: { strategy: "kafka" },
  },
  {
    id: "kafka-eviction",
    family: "kafka",
    title: "Kafka: max.poll.interval eviction loop",
    lesson: "500 records at 10/s take 50 s, past a 30 s max.poll.interval: evicted, rebalanced, redelivered.",
    params: { strategy: "kafka", producer: 20, consumer: 10, maxPollInterval: 30, duration: 300 },
  },
  {
    id: "kafka-oom-trap",
    family: "kafka",
    title: "Kafka: async hand-off OOM trap",
    lesson:
      "Handing records to an unbounded queue moves the backlog into the heap; at OOM, committed records are gone.",
    params: { strategy: "kafka", handoff: "async" },
  },
  {
    id: "reactive-cold",
    family: "reactive",
    title: "Reactive Streams: cold publisher",
    lesson: "The publisher emits only what was requested: request(128), then request(96) at each low tide.",
    params: { strategy: "reactive" },
  },
  {
    id: "reactive-hot-drop",
    family: "reactive",
    title: "Reactive Streams: hot publisher dropping",
    lesson: "A hot source cannot wait: onBackpressureDrop discards whatever arrives while demand is zero.",
    params: { strategy: "reactive", publisher: "hot", overflow: "drop" },
  },
  {
    id: "burst-absorbed",
    family: "timeline",
    title: "A buffer absorbs a burst",
    lesson:
      "6 s bursts of 150K/s into a 50K/s consumer, once a minute: the queue takes 600K, drains them in 30 s at the 20K/s to spare, and loses nothing.",
    params: {
      strategy: "drop-newest",
      capacity: 1_000_000,
      producer: 30_000,
      shape: "burst",
      shapeRate: 150_000,
      shapeAt: 10,
      shapePeriod: 60,
      shapeDuty: 0.1,
    },
  },
  {
    id: "burst-too-often",
    family: "timeline",
    title: "The same burst, too often",
    lesson:
      "The same 6 s bursts every 20 s: 600K arrive, only 280K drain before the next one. That is sustained overload: the queue fills and drops.",
    params: {
      strategy: "drop-newest",
      capacity: 1_000_000,
      producer: 30_000,
      shape: "burst",
      shapeRate: 150_000,
      shapeAt: 10,
      shapePeriod: 20,
      shapeDuty: 0.3,
    },
  },
  {
    id: "consumer-slowdown",
    family: "timeline",
    title: "A consumer slows down for 20 s",
    lesson:
      "A GC pause or a slow dependency: from 30 s to 50 s the consumer manages 20K/s. 400K pile up, and with 10K/s to spare they take 40 s to clear. Switch the strategy for the whole run to compare.",
    params: { producer: 40_000, duration: 120 },
    changes: [
      { atSec: 30, key: "consumer", value: 20_000 },
      { atSec: 50, key: "consumer", value: 50_000 },
    ],
  },
  {
    id: "scale-up",
    family: "timeline",
    title: "Consumers scaled up at 90 s",
    lesson:
      "Three times the consumers at 90 s: the 4.5M backlog drains at 150K - 100K = 50K/s, so it takes another 90 s to clear.",
    params: { duration: 240 },
    changes: [{ atSec: 90, key: "consumer", value: 150_000 }],
  },
  {
    id: "bigger-heap",
    family: "timeline",
    title: "Restarted on a bigger heap",
    lesson:
      "The story crashes at 120 s; the consumer comes back at 130 s with 24 GB. It starts empty and crashes again at 610 s: a bigger heap buys time, not a fix.",
    params: { restart: 10, duration: 660 },
    changes: [{ atSec: 125, key: "memory", value: 24e9 }],
  },
  {
    id: "mm1-80",
    family: "theory",
    title: "M/M/1 at 80% load",
    lesson: "Random arrivals at 80% of capacity: about 4 events in the system, 100 us in it on average.",
    params: { arrivals: "poisson", service: "exponential", producer: 40000, duration: 60 },
  },
  {
    id: "mm1-95",
    family: "theory",
    title: "M/M/1 at 95% load",
    lesson: "At 95% the same queue holds about 19 events and stays four times longer: delay explodes near saturation.",
    params: { arrivals: "poisson", service: "exponential", producer: 47500, duration: 60 },
  },
];

/** Every preset, in gallery order. */
export const PRESETS: readonly Preset[] = SPECS.map((spec) => ({
  ...spec,
  query: encodeScenario({ ...DEFAULT_SCENARIO, ...spec.params }, {}, spec.changes ?? []),
}));

/** The preset with this id, or undefined. */
export function presetById(id: string): Preset | undefined {
  return PRESETS.find((p) => p.id === id);
}
