/**
 * The chain's theory (issue 14, "theory beside it"): the fluid rates through each hop, the
 * bottleneck and the chain's throughput (the least of the rates), where a backlog builds and how
 * fast, when a stage runs out of memory, and for a blocking chain which stages stall and when.
 * Fluid figures: rates as flows, no randomness; the engine (model.ts) is the run itself.
 *
 * The fluid run starts with every queue empty and moves from one event to the next (a queue
 * filling, emptying, or reaching its stage's memory). Between events every flow is constant:
 * going from the sink back to the source, a stage in front of a full blocking hop can pass on no
 * faster than the stage after it (its rate is carried upstream); going from the source forward,
 * each hop takes its inflow and its stage passes on the least of what arrives and what it may
 * pass on, its queue absorbing the difference. So a blocking hop carries the bottleneck's rate
 * upstream until it reaches an unbounded (or dropping) hop, where the backlog builds at the
 * inflow minus the throttled rate, or the source, which is held back. The run ends at the first
 * out-of-memory crash (after it the chain depends on the restart) or when nothing changes any
 * more.
 */
import type { Scenario } from "../../scenario/params";
import { maxInMemory } from "./stage";

/**
 * What a hop does when its queue reaches its limit (its capacity, or its stage's memory); "lags":
 * a Kafka topic, whose backlog grows on the broker and never pushes back.
 */
export type HopAtLimit = "blocks" | "drops" | "grows" | "lags";

/**
 * How a hop's strategy treats a full queue: `block` and `watermark` push back on the stage before
 * (a watermark at its high mark), `drop-newest` and `drop-oldest` drop, `unbounded` has no limit
 * but memory. A hop kind without an entry pushes back (the kind that loses nothing).
 */
const AT_LIMIT: Readonly<Record<string, HopAtLimit>> = {
  "unbounded": "grows",
  "drop-newest": "drops",
  "drop-oldest": "drops",
  "block": "blocks",
  "watermark": "blocks",
  // Demand: the stage before emits only what was requested (at most a prefetch ahead).
  "reactive": "blocks",
  // A full send buffer blocks the writer (the window stops the sender).
  "tcp": "blocks",
  "kafka": "lags",
};

/** What a hop's strategy does at its limit (see {@link AT_LIMIT}). */
export function hopAtLimit(strategy: string): HopAtLimit {
  return AT_LIMIT[strategy] ?? "blocks";
}

/** What the fluid model says about one hop (the queue in front of a stage, and the stage). */
export interface HopTheory {
  /** "Stage 1", ... */
  name: string;
  strategy: string;
  /**
   * The rate the stage can take events at, events/s: its service rate, or less behind a TCP hop,
   * which carries at most a window per round trip (min(sndBuf, rcvBuf) / rtt, in events).
   */
  rate: number;
  /** Whether {@link rate} is a TCP hop's window per round trip rather than the stage's service rate. */
  windowLimited: boolean;
  /** Events/s offered to the hop in the steady state (the rate out of the hop before). */
  inflow: number;
  /** Events/s the stage passes on in the steady state (throttled by a full blocking hop after it). */
  outflow: number;
  /**
   * What the hop does with the steady state's excess (inflow - outflow when it is positive):
   * "grows" (an unbounded queue, or a bounded one larger than memory), "drops" (a full dropping
   * queue), "pushes back" (a full blocking queue holding the stage before), "lags" (a Kafka topic:
   * the backlog grows on the broker, not in the stage), or "keeps up".
   */
  excess: "keeps up" | "grows" | "drops" | "pushes back" | "lags";
  /** Growth of the hop's queue (a Kafka topic's lag) in the steady state, events/s (0 unless it grows or lags). */
  growthPerSec: number;
  /** Seconds from t = 0 (empty queues) until the hop's queue is full (at capacity or high mark); null if never. */
  fillsAtSec: number | null;
  /** Seconds from t = 0 until the stage runs out of memory; null if it does not before the first crash in the chain. */
  timeToOomSec: number | null;
}

/** A stage (or the source) held back by the full blocking hop after it, from a moment on. */
export interface StallTheory {
  /** "Stage 2", ..., or "source". */
  name: string;
  /** Seconds from t = 0. */
  atSec: number;
}

/** The chain's fluid figures. */
export interface PipelineTheory {
  /** The source's rate, events/s. */
  producer: number;
  /** The chain's throughput, events/s: the least of the source's and the stages' rates. */
  throughput: number;
  /** The slowest stage's name ("Stage 3"), or "source" when the source is the slowest. */
  bottleneck: string;
  /**
   * Where the excess goes for good: the first hop (from the source) whose queue grows or drops in
   * the steady state, "source" when the backpressure reaches the source, null when every stage
   * keeps up.
   */
  backlogAt: string | null;
  /** Stages held still by backpressure in the steady state (the source not counted). */
  stalledStages: number;
  /** Each stall's start, in time order: a stage (or the source) whose next hop filled and blocks. */
  stalls: StallTheory[];
  /** The first out-of-memory crash of the fluid run, or null. */
  firstOom: StallTheory | null;
  hops: HopTheory[];
}

/** Longest fluid run followed, s (a queue growing slower than this never counts as filling). */
const HORIZON_SEC = 1e9;
/** Most events of a fluid run (each hop fills, empties or crashes a bounded number of times). */
const MAX_EVENTS = 200;

interface FluidHop {
  name: string;
  strategy: string;
  rate: number;
  atLimit: HopAtLimit;
  /** Events the queue holds when it reaches its limit. */
  limit: number;
  /** Whether reaching the limit is the stage's out-of-memory crash (not a full queue). */
  limitIsMemory: boolean;
  level: number;
  full: boolean;
  fillsAtSec: number | null;
  oomAtSec: number | null;
}

/** Flows of one phase: what each stage may pass on, what it passes on, and each queue's growth. */
function flows(producer: number, hops: FluidHop[]): { maxOut: number[]; out: number[]; into: number[] } {
  const n = hops.length;
  const maxOut = new Array<number>(n);
  for (let k = n - 1; k >= 0; k--) {
    const next = hops[k + 1];
    // A stage in front of a full blocking hop passes on no faster than the stage after it.
    maxOut[k] = next && next.full && next.atLimit === "blocks" ? Math.min(hops[k].rate, maxOut[k + 1]) : hops[k].rate;
  }
  const into = new Array<number>(n);
  const out = new Array<number>(n);
  let flow = hops[0].full && hops[0].atLimit === "blocks" ? Math.min(producer, maxOut[0]) : producer;
  for (let k = 0; k < n; k++) {
    into[k] = flow;
    out[k] = hops[k].level > 0 ? maxOut[k] : Math.min(flow, maxOut[k]);
    flow = out[k];
  }
  return { maxOut, out, into };
}

/** The fluid figures of a chain: the source's scenario and the stages', in order. */
/** Events a buffer of `bytes` holds (at least one), as the TCP hop counts them (tcpHop.ts). */
const bufferEvents = (bytes: number, eventBytes: number): number => Math.max(1, Math.floor(bytes / eventBytes));

/** Where a hop's queue stops taking events, events: its high mark, prefetch, receive buffer or capacity. */
function hopBound(s: Scenario, eventBytes: number): number {
  if (s.strategy === "watermark") return Math.min(s.high, s.capacity);
  if (s.strategy === "reactive") return s.prefetch;
  if (s.strategy === "tcp") return bufferEvents(s.rcvBuf, eventBytes);
  return s.capacity;
}

/** The rate a hop's stage takes events at: a TCP hop carries at most a window per round trip. */
function hopRate(s: Scenario, eventBytes: number): number {
  if (s.strategy !== "tcp") return s.consumer;
  const window = Math.min(bufferEvents(s.sndBuf, eventBytes), bufferEvents(s.rcvBuf, eventBytes));
  return Math.min(s.consumer, window / s.rtt);
}

/** The fluid figures of a chain: the source's scenario and the stages', in order. */
export function pipelineTheory(shared: Scenario, stages: readonly Scenario[]): PipelineTheory {
  const hops: FluidHop[] = stages.map((s, k) => {
    const atLimit = hopAtLimit(s.strategy);
    const inMemory = maxInMemory({ ...s, eventBytes: shared.eventBytes });
    // Where a bounded queue pushes back: its high mark under a watermark, else its capacity. A
    // Kafka topic's backlog is on the broker: no limit, and none of the stage's memory.
    const bound = hopBound(s, shared.eventBytes);
    const lags = atLimit === "lags";
    const limitIsMemory = !lags && (atLimit === "grows" || bound + 1 > inMemory);
    return {
      name: `Stage ${k + 1}`,
      strategy: s.strategy,
      rate: hopRate(s, shared.eventBytes),
      atLimit,
      limit: lags ? Infinity : limitIsMemory ? Math.max(0, inMemory) : bound,
      limitIsMemory,
      level: 0,
      full: false,
      fillsAtSec: null,
      oomAtSec: null,
    };
  });
  const stalls: StallTheory[] = [];
  let firstOom: StallTheory | null = null;
  let now = 0;
  for (let events = 0; hops.length > 0 && events < MAX_EVENTS && firstOom === null; events++) {
    const { out, into } = flows(shared.producer, hops);
    const growth = hops.map((_, k) => into[k] - out[k]);
    // A full queue that drains is no longer full (and stops pushing back or dropping).
    let reopened = false;
    for (const [k, h] of hops.entries())
      if (h.full && growth[k] < 0) {
        h.full = false;
        reopened = true;
      }
    if (reopened) continue;
    let dt = Infinity;
    for (const [k, h] of hops.entries()) {
      if (h.full) continue;
      if (growth[k] > 0) dt = Math.min(dt, (h.limit - h.level) / growth[k]);
      else if (growth[k] < 0 && h.level > 0) dt = Math.min(dt, h.level / -growth[k]);
    }
    if (!(dt < HORIZON_SEC - now)) break;
    now += dt;
    for (const [k, h] of hops.entries()) {
      if (h.full) continue;
      h.level = Math.min(h.limit, Math.max(0, h.level + growth[k] * dt));
      const reached = growth[k] > 0 && Number.isFinite(h.limit) && h.limit - h.level <= 1e-9 * Math.max(1, h.limit);
      if (!reached) continue;
      h.level = h.limit;
      if (h.limitIsMemory) {
        h.oomAtSec = now;
        firstOom ??= { name: h.name, atSec: now };
      } else {
        h.full = true;
        h.fillsAtSec ??= now;
        if (h.atLimit === "blocks") stalls.push({ name: k === 0 ? "source" : hops[k - 1].name, atSec: now });
      }
    }
  }
  // The steady state: every blocking hop whose queue would fill is full.
  const steady = hops.map((h) => ({ ...h }));
  for (let changed = true, i = 0; changed && i <= steady.length; i++) {
    changed = false;
    const { out, into } = flows(shared.producer, steady);
    for (const [k, h] of steady.entries()) {
      if (!h.full && (h.atLimit === "blocks" || h.atLimit === "drops") && !h.limitIsMemory && into[k] > out[k]) {
        h.full = true;
        h.level = Math.max(h.level, Number.MIN_VALUE);
        changed = true;
      }
    }
  }
  const { out, into } = flows(shared.producer, steady);
  let throughput = shared.producer;
  let bottleneck = "source";
  let backlogAt: string | null = null;
  let stalledStages = 0;
  const result: HopTheory[] = steady.map((h, k) => {
    if (h.rate < throughput) {
      throughput = h.rate;
      bottleneck = h.name;
    }
    const excessRate = into[k] - out[k];
    let excess: HopTheory["excess"] = "keeps up";
    if (h.full && h.atLimit === "blocks") {
      // A full blocking hop pushes back when the stage before (or the source) could pass on more.
      const prev = steady[k - 1];
      const could = prev ? Math.min(prev.level > 0 ? Infinity : into[k - 1], prev.rate) : shared.producer;
      if (could > out[k] * (1 + 1e-12)) excess = "pushes back";
    } else if (excessRate > out[k] * 1e-12)
      excess = h.atLimit === "lags" ? "lags" : h.limitIsMemory || h.atLimit === "grows" ? "grows" : "drops";
    if (excess === "pushes back") {
      if (k === 0) backlogAt ??= "source";
      else stalledStages++;
    } else if (excess !== "keeps up") backlogAt ??= h.name;
    return {
      name: h.name,
      strategy: h.strategy,
      rate: h.rate,
      windowLimited: h.rate < stages[k].consumer,
      inflow: into[k],
      outflow: out[k],
      excess,
      growthPerSec: excess === "grows" || excess === "lags" ? excessRate : 0,
      fillsAtSec: hops[k].fillsAtSec,
      timeToOomSec: hops[k].oomAtSec,
    };
  });
  return {
    producer: shared.producer,
    throughput,
    bottleneck,
    backlogAt,
    stalledStages,
    stalls,
    firstOom,
    hops: result,
  };
}
