/**
 * The strategy table: one row per flow-control strategy, saying which model runs it and what
 * follows from that everywhere else (which limits apply, whether the queue is the consumer's
 * memory, what the producer may do when stopped, which theory applies, the page's explanation,
 * and the rules between keys). Every list of strategies in the code derives from this table;
 * adding a strategy is adding a row here and, if it needs new behaviour, a model folder under
 * src-sim/models/.
 *
 * Like TensorFlow Playground's maps from names to implementations, the table names its model by
 * string (`model`), so this layer stays below the models; src-sim/models/index.ts maps the names
 * to factories, exhaustively.
 */
import type { EventKind } from "./eventKinds";
import type { ModelName, SampleColumn } from "./columns";
import { modelColumns } from "./columns";
import type { OnPause, Scenario } from "./params";

/** Flow-control strategies of the queue between producer and consumer, in the picker's order. */
export const STRATEGIES = [
  "unbounded",
  "drop-newest",
  "drop-oldest",
  "block",
  "watermark",
  "tcp",
  "kafka",
  "reactive",
] as const;
/** A flow-control strategy (see {@link STRATEGIES}). */
export type Strategy = (typeof STRATEGIES)[number];

/** How the gallery and the picker group strategies. */
export type StrategyFamily = "queue" | "watermark" | "tcp" | "kafka" | "reactive";

/** A cross-key rule, by name; {@link repairScenario} applies them (see REPAIRS in repairs.ts). */
export type RepairName = "high-at-most-capacity" | "low-at-most-high";

/** One row of the strategy table. */
export interface StrategySpec {
  /** Human name, for the picker. */
  label: string;
  family: StrategyFamily;
  /** The model that runs it (src-sim/models/<model>/). */
  model: ModelName;
  /** Whether `capacity` bounds the queue (bounded queues, the watermark queue's MAX). */
  holdsCapacity: boolean;
  /**
   * Whether the queue is the consumer's memory, so its depth can reach the out-of-memory line
   * (not for TCP, whose backlog is in kernel buffers, nor Kafka, whose backlog is on the broker).
   */
  queueIsMemory: boolean;
  /** What the producer may do when told to stop (`onPause` values that apply); empty: never told. */
  producerReactions: readonly OnPause[];
  /** Whether the watermarks (`high`, `low`) drive this strategy, given the scenario. */
  usesWatermarks: (s: Scenario) => boolean;
  /** Which closed forms of src-sim/theory.ts describe it ("queue"), or none of them. */
  theory: "queue" | "none";
  /** The page's explanation: what it does and what it costs (plain text). */
  explainer: string;
  /** Rules between keys that hold under this strategy, applied in this order. */
  repairs: readonly RepairName[];
  /**
   * The event-log kinds a run of this strategy can produce, under any of its parameters (for
   * example `producer-oom` only with `onPause=buffer`): the page's event lane lists exactly these
   * in its legend. test/strategyEventKinds.stat.test.ts runs every preset and each producer reaction
   * and fails on a logged kind missing here.
   */
  eventKinds: readonly EventKind[];
  /**
   * What the model leaves out, so that a simplification is not read as a claim (shown under the
   * explanation; the README says the same). For the mechanism models.
   */
  leavesOut?: string;
}

const STOPS: readonly OnPause[] = ["slow", "buffer", "drop"];
const never = () => false;

/** The table. Exhaustive: a new strategy does not compile until it has a row. */
export const STRATEGY_TABLE: Readonly<Record<Strategy, StrategySpec>> = {
  "unbounded": {
    label: "Unbounded queue",
    family: "queue",
    model: "queue",
    holdsCapacity: false,
    queueIsMemory: true,
    producerReactions: [],
    usesWatermarks: never,
    theory: "queue",
    explainer:
      "Nothing pushes back. Every event the producer emits is accepted and waits in memory until the consumer gets to it. " +
      "If the producer is faster, the backlog grows by the difference in rates, every second, and so do memory and latency: " +
      "the queue does not fix overload, it only postpones the moment the consumer runs out of memory and takes everything it held with it.",
    repairs: [],
    eventKinds: ["oom", "restart"],
  },
  "drop-newest": {
    label: "Bounded, drop newest",
    family: "queue",
    model: "queue",
    holdsCapacity: true,
    queueIsMemory: true,
    producerReactions: [],
    usesWatermarks: never,
    theory: "queue",
    explainer:
      "The queue has a fixed capacity. Once it is full, new arrivals are thrown away at the door, so memory and waiting time stay bounded. " +
      "The price is explicit loss: under sustained overload, the events dropped per second equal the producer's excess rate, and the ones kept are the oldest.",
    repairs: [],
    eventKinds: ["drop-start", "drop-stop", "oom", "restart"],
  },
  "drop-oldest": {
    label: "Bounded, drop oldest",
    family: "queue",
    model: "queue",
    holdsCapacity: true,
    queueIsMemory: true,
    producerReactions: [],
    usesWatermarks: never,
    theory: "queue",
    explainer:
      "The queue has a fixed capacity, and when it is full the event that has waited longest is evicted to make room for the new one. " +
      "Memory stays bounded and what is processed is as fresh as the queue allows, which suits telemetry and prices; the cost is that old work is silently discarded.",
    repairs: [],
    eventKinds: ["drop-start", "drop-stop", "oom", "restart"],
  },
  "block": {
    label: "Bounded, block producer",
    family: "queue",
    model: "queue",
    holdsCapacity: true,
    queueIsMemory: true,
    producerReactions: STOPS,
    usesWatermarks: never,
    theory: "queue",
    explainer:
      "The queue has a fixed capacity, and a producer that finds it full has to wait until a slot frees up. " +
      "Nothing is lost inside the system and the producer is slowed to the consumer's pace, but the waiting moves upstream: what the producer does while blocked decides where the pressure goes next.",
    repairs: [],
    eventKinds: ["blocked", "unblocked", "drop-start", "drop-stop", "producer-oom", "oom", "restart"],
  },
  "watermark": {
    label: "High/low watermarks",
    family: "watermark",
    model: "queue",
    holdsCapacity: true,
    queueIsMemory: true,
    producerReactions: STOPS,
    usesWatermarks: () => true,
    theory: "queue",
    explainer:
      "The consumer watches its own queue. When it reaches the high watermark it tells the producer to pause; when it has drained to the low watermark it tells it to resume. " +
      "The gap between the two marks is hysteresis: it keeps the signals from flapping. Signals take time to arrive, so the queue overshoots the high mark by roughly the excess rate times the delay, and the capacity above it absorbs that.",
    repairs: ["high-at-most-capacity", "low-at-most-high"],
    eventKinds: ["pause", "resume", "queue-full", "drop-start", "drop-stop", "producer-oom", "oom", "restart"],
  },
  "tcp": {
    label: "TCP receive window",
    family: "tcp",
    model: "tcp",
    holdsCapacity: false,
    queueIsMemory: false,
    producerReactions: STOPS,
    usesWatermarks: never,
    theory: "none",
    explainer:
      "The receiver advertises how much free space its buffer has, the window, and the sender may never have more than that in flight. " +
      "A slow reader fills the buffer, the window shrinks to zero and the sender stops; a persist timer then probes the closed window, backing off, until the reader frees space.",
    repairs: [],
    eventKinds: ["zero-window", "window-update", "probe", "drop-start", "drop-stop", "producer-oom"],
    leavesOut:
      "What this model leaves out: loss, retransmission and congestion control (the congestion window only sizes the send buffer), " +
      "competing traffic and router queues, TCP options such as timestamps and SACK, and the part of the socket buffer Linux keeps for its own bookkeeping. " +
      "It does model Linux's buffer autotuning, its retransmission timeout and persist timer, and 78 bytes of TCP/IP and Ethernet overhead per segment.",
  },
  "kafka": {
    label: "Kafka pull (poll)",
    family: "kafka",
    model: "kafka",
    holdsCapacity: false,
    queueIsMemory: false,
    producerReactions: [],
    // The marks apply to pause()/resume() of the async hand-off's in-memory queue.
    usesWatermarks: (s) => s.fetchPause === "on",
    theory: "none",
    explainer:
      "The broker keeps the log and the consumer pulls from it at its own pace, so the backlog lives on the broker's disk as lag rather than in the consumer's memory. " +
      "The traps are elsewhere: a consumer that takes longer than max.poll.interval between polls is evicted and its records are delivered again, and handing records to an unbounded in-memory queue brings the out-of-memory problem right back.",
    // Kafka's in-memory queue has no capacity, so only the order of the marks is a rule.
    repairs: ["low-at-most-high"],
    eventKinds: ["eviction", "rebalance", "offset-reset", "retention-loss", "oom", "restart"],
    leavesOut:
      "What this model leaves out: more than one partition and consumer in the group, heartbeats and session timeouts, the producer's own buffer and batching, " +
      "replication, and time-based segment rolling. Retention deletes whole segments at the broker's retention checks, and a group without a committed offset starts at auto.offset.reset.",
  },
  "reactive": {
    label: "Reactive Streams",
    family: "reactive",
    model: "reactive",
    // A hot publisher's bounded overflow buffers (drop-oldest, drop-latest, error) hold `capacity`.
    holdsCapacity: true,
    queueIsMemory: true,
    producerReactions: [],
    usesWatermarks: never,
    theory: "none",
    explainer:
      "The subscriber asks for a number of items with request(n), and the publisher may send no more than was asked for; demand is topped up as items are processed. " +
      "A cold source simply produces on demand. A hot source cannot wait, so its overflow strategy decides what happens to items nobody requested: buffer them, drop them, keep the latest, or fail.",
    repairs: [],
    eventKinds: ["request", "drop-start", "drop-stop", "overflow-error", "oom", "restart"],
    leavesOut:
      "What this model leaves out: more than one subscriber, operators between publisher and subscriber, and scheduling threads: " +
      "demand, replenishment and the overflow strategy are modelled exactly, the rest is a single pipe.",
  },
};

/** The row of a strategy. */
export function strategySpec(strategy: Strategy): StrategySpec {
  return STRATEGY_TABLE[strategy];
}

/** The model that runs a strategy. */
export function modelOf(strategy: Strategy): ModelName {
  return STRATEGY_TABLE[strategy].model;
}

/** The sample columns a strategy's model writes besides the core ones. */
export function strategyColumns(strategy: Strategy): readonly SampleColumn[] {
  return modelColumns(STRATEGY_TABLE[strategy].model);
}

/** Whether the producer keeps events on its own side when stopped, under this scenario. */
export function producerBuffers(s: Scenario): boolean {
  return s.onPause === "buffer" && STRATEGY_TABLE[s.strategy].producerReactions.includes("buffer");
}

/** Strategies whose row satisfies `test`, in table order. */
export function strategiesWhere(test: (spec: StrategySpec) => boolean): Strategy[] {
  return STRATEGIES.filter((s) => test(STRATEGY_TABLE[s]));
}
