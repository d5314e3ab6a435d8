/**
 * What the flow diagram shows at one sample: the parts of the path from producer to consumer
 * (the producer, its own buffer where it keeps one, the network or the broker where the mechanism
 * has one, the queue, the consumer), each with its rate, fill and memory, and the backpressure
 * signal travelling back upstream. Pure: read from the sample columns through the same reader as
 * the readout cards (web/runtime/moment.ts), with the same formatting, so the diagram and the
 * cards never disagree about a moment. The sentence of {@link flowText} is the diagram's text
 * alternative.
 */
import type { SampleColumn } from "../../src-sim/scenario/columns";
import type { Scenario } from "../../src-sim/scenario/params";
import { STRATEGY_TABLE, producerBuffers } from "../../src-sim/scenario/strategies";
import {
  formatBinaryBytes,
  formatBytes,
  formatCount,
  formatDuration,
  formatPercent,
  formatRate,
} from "../format/numbers";
import { valueAt, type Moment, type SampleSource } from "../runtime/moment";

/** How a part of the path is doing, for its colour and its word. */
export type FlowTone = "ok" | "warn" | "bad" | "idle";

/** One part of the path, left to right. */
export interface FlowNode {
  id: "producer" | "buffer" | "network" | "broker" | "queue" | "consumer";
  /** Its name ("Producer", "Receive buffer", ...). */
  title: string;
  /** Its state in a word, where it has one ("running", "paused", "down"). */
  state: string | null;
  /** The main figure ("100K/s", "8.0K events"). */
  figure: string;
  /** A second line ("8.0 MB of 6 GB", "window 64 KiB"). */
  detail: string | null;
  /** How full it is against its limit, 0..1, where it has one (drawn as a bar). */
  fill: number | null;
  tone: FlowTone;
}

/** The signal from the consumer's side back to the producer. */
export interface FlowSignal {
  /** What carries it ("Watermarks", "Receive window", "Poll", "request(n)", "Blocking put", "None"). */
  mechanism: string;
  /** What it says at this moment, in a sentence. */
  now: string;
  /** Whether it is acting at this moment (a signal sent in the last interval, the producer held). */
  active: boolean;
}

/** The diagram at one sample. */
export interface FlowFacts {
  timeSec: number;
  nodes: FlowNode[];
  /** Events per second on each arrow between consecutive nodes (nodes.length - 1 of them; NaN: none). */
  flowsPerSec: number[];
  signal: FlowSignal;
}

/** Producer states as the engine numbers them (the readouts use the same words). */
const PRODUCER_STATES = ["running", "paused", "blocked"] as const;

/**
 * The facts at moment `m` (the one the readout cards show: the store's, so the sample is not read
 * twice per render) of `series` for `scenario`; null where the series no longer holds its sample.
 */
export function flowFactsAt(series: SampleSource, scenario: Scenario, m: Moment): FlowFacts | null {
  const index = m.index;
  if (index < 0 || index >= series.length) return null;
  const at = (name: SampleColumn) => valueAt(series, name, index);
  const spec = STRATEGY_TABLE[scenario.strategy];
  const state = PRODUCER_STATES[m.producerState] ?? "running";
  const producedRate = at("producedRate");
  const consumedRate = at("consumedRate");
  const droppedRate = at("droppedRate");

  const nodes: FlowNode[] = [];
  const flows: number[] = [];
  nodes.push({
    id: "producer",
    title: "Producer",
    state,
    figure: formatRate(producedRate),
    detail: `offers ${formatRate(scenario.producer)}`,
    fill: null,
    tone: state === "running" ? "ok" : state === "paused" ? "warn" : "bad",
  });

  if (producerBuffers(scenario)) {
    const bytes = at("upstreamBytes");
    nodes.push({
      id: "buffer",
      title: "Producer buffer",
      state: null,
      figure: `${formatCount(at("upstreamQueued"))} events`,
      detail: `${formatBytes(bytes)} of ${formatBytes(scenario.producerMemory)}`,
      fill: clamp01(bytes / scenario.producerMemory),
      tone: bytes > 0.9 * scenario.producerMemory ? "bad" : bytes > 0 ? "warn" : "ok",
    });
    flows.push(producedRate);
  }

  if (spec.model === "tcp") {
    const sendBuffer = at("tcpSendBufferBytes");
    const inFlight = at("tcpInFlightBytes");
    const windowBytes = at("tcpWindowBytes");
    nodes.push({
      id: "network",
      title: "Send buffer and network",
      state: windowBytes === 0 ? "zero window" : null,
      figure: `${formatBinaryBytes(inFlight)} in flight`,
      detail: `send buffer ${formatBinaryBytes(sendBuffer)}`,
      fill: null,
      tone: windowBytes === 0 ? "warn" : "ok",
    });
    flows.push(producedRate);
  } else if (spec.model === "kafka") {
    // The backlog is the partition's: records appended and not yet fetched (the Queue depth card).
    nodes.push({
      id: "broker",
      title: "Broker log",
      state: null,
      figure: `${formatCount(m.queued)} records behind`,
      detail: `${formatDuration(at("kafkaLagSec"))} of lag`,
      fill: null,
      tone: m.queued > 0 ? "warn" : "ok",
    });
    flows.push(producedRate);
  }

  const memShare = m.memoryBytes / scenario.memory;
  const memoryText = `${formatBytes(m.memoryBytes)} of ${formatBytes(scenario.memory)} (${formatPercent(memShare)})`;
  const down = !m.consumerUp;
  if (spec.model === "kafka") {
    // Kafka's consumer holds only the batch it polled: its memory is the figure, not a depth.
    nodes.push({
      id: "queue",
      title: "Consumer memory",
      state: down ? "down" : null,
      figure: formatBytes(m.memoryBytes),
      detail: `of ${formatBytes(scenario.memory)} (${formatPercent(memShare)})`,
      fill: clamp01(memShare),
      tone: down || memShare > 0.9 ? "bad" : memShare > 0.6 ? "warn" : "ok",
    });
    flows.push(consumedRate);
  } else if (spec.model === "tcp") {
    // The receiver's socket buffer: what it holds beside the window it still offers (its free
    // room, as advertised), in the binary units of the TCP chart. The bar is held / (held +
    // window): full exactly when the window is zero. Not the consumer's memory limit (6 GB
    // against a few hundred KiB says nothing), nor the autotuning ceiling (a slow reader stalls
    // the connection long before the buffer grows to it).
    const held = at("tcpReceiveBufferBytes");
    const window = at("tcpWindowBytes");
    nodes.push({
      id: "queue",
      title: "Receive buffer",
      state: down ? "lost on arrival" : null,
      figure: `${formatCount(m.queued)} events`,
      detail: `${formatBinaryBytes(held)} held, window ${formatBinaryBytes(window)}`,
      fill: held + window > 0 ? clamp01(held / (held + window)) : 0,
      tone: down ? "bad" : held > 0 && window === 0 ? "warn" : "ok",
    });
    const inflow = queueInflowPerSec(series, scenario, index);
    flows.push(Number.isFinite(inflow) ? inflow : producedRate);
  } else {
    const capped = spec.holdsCapacity;
    nodes.push({
      id: "queue",
      title: "Queue",
      // With the consumer down, what arrives is lost with it.
      state: down ? "lost on arrival" : null,
      figure: capped
        ? `${formatCount(m.queued)} of ${formatCount(scenario.capacity)} events`
        : `${formatCount(m.queued)} events`,
      detail: capped ? `memory ${memoryText}` : memoryText,
      // The bar measures what the figure beside it says: the capacity used, or the memory.
      fill: capped ? clamp01(m.queued / scenario.capacity) : clamp01(memShare),
      tone:
        down || memShare > 0.9 ? "bad" : memShare > 0.6 || (capped && m.queued >= scenario.capacity) ? "warn" : "ok",
    });
    const inflow = queueInflowPerSec(series, scenario, index);
    // Into the queue: what actually entered it over the interval (a buffer or a drop between).
    flows.push(
      Number.isFinite(inflow) ? inflow : Math.max(0, producedRate - (Number.isFinite(droppedRate) ? droppedRate : 0)),
    );
  }

  nodes.push({
    id: "consumer",
    title: "Consumer",
    state: m.consumerUp ? "up" : "down",
    figure: formatRate(consumedRate),
    detail: `serves up to ${formatRate(scenario.consumer)}`,
    fill: null,
    tone: m.consumerUp ? "ok" : "bad",
  });
  flows.push(consumedRate);

  return { timeSec: m.timeSec, nodes, flowsPerSec: flows, signal: signalAt(series, scenario, index, state) };
}

/**
 * Events per second that entered the queue over the interval ending at sample `index`, from the
 * counts (what it holds now, less what it held, plus what left it: consumed, lost in a crash,
 * and under drop-oldest dropped from its head). NaN at the first sample.
 */
function queueInflowPerSec(series: SampleSource, scenario: Scenario, index: number): number {
  if (index < 1) return NaN;
  const delta = (name: SampleColumn) => valueAt(series, name, index) - valueAt(series, name, index - 1);
  const left = delta("consumed") + delta("lost") + (scenario.strategy === "drop-oldest" ? delta("dropped") : 0);
  return Math.max(0, (delta("queued") + left) / series.sampleIntervalSec);
}

function clamp01(x: number): number {
  return Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0;
}

/** The backpressure signal at sample `index`: what carries it and what it says now. */
function signalAt(series: SampleSource, scenario: Scenario, index: number, state: string): FlowSignal {
  const at = (name: SampleColumn) => valueAt(series, name, index);
  const before = (name: SampleColumn) => (index > 0 ? valueAt(series, name, index - 1) : 0);
  const spec = STRATEGY_TABLE[scenario.strategy];
  if (spec.usesWatermarks(scenario)) {
    const paused = at("pauseSignals") - before("pauseSignals");
    const resumed = at("resumeSignals") - before("resumeSignals");
    const sent =
      paused > 0 && resumed > 0
        ? "pause and resume sent"
        : paused > 0
          ? "pause sent"
          : resumed > 0
            ? "resume sent"
            : null;
    return {
      mechanism: "Watermarks",
      now: `${sent ? `${sent[0].toUpperCase()}${sent.slice(1)}` : state === "paused" ? "Producer paused" : "Producer running"}; pause at ${formatCount(scenario.high)}, resume at ${formatCount(scenario.low)}, ${scenario.signalDelay > 0 ? `each arriving ${formatDuration(scenario.signalDelay)} later` : "each arriving at once"}.`,
      active: sent !== null || state === "paused",
    };
  }
  switch (spec.model) {
    case "tcp": {
      const windowBytes = at("tcpWindowBytes");
      return {
        mechanism: "Receive window",
        now:
          windowBytes === 0
            ? "Zero window: the sender stops and probes until the receiver reopens it."
            : `The receiver advertises ${formatBinaryBytes(windowBytes)}; the sender keeps at most that much in flight.`,
        active: windowBytes === 0 || state !== "running",
      };
    }
    case "kafka": {
      // The backlog's size is on the broker's box (the Queue depth card): one figure, one place.
      const behind = at("queued") > 0;
      return {
        mechanism: "Poll",
        now: behind
          ? "The consumer pulls a batch when it is ready; the backlog waits on the broker, not in its memory."
          : "The consumer pulls a batch when it is ready; it has caught up with the log.",
        active: behind,
      };
    }
    case "reactive": {
      const demand = at("rsDemand");
      return {
        mechanism: "request(n)",
        now: `Outstanding demand ${formatCount(demand)}: the publisher may send only what was requested${scenario.publisher === "hot" ? "; a hot one overflows its buffer" : ""}.`,
        active: demand <= 0 || state !== "running",
      };
    }
    default:
      break;
  }
  if (scenario.strategy === "block") {
    return {
      mechanism: "Blocking put",
      now:
        state === "blocked"
          ? "The queue is full: the producer waits inside put()."
          : "The queue has room: put() returns at once.",
      active: state === "blocked",
    };
  }
  if (scenario.strategy === "drop-newest" || scenario.strategy === "drop-oldest") {
    const dropping = at("droppedRate") > 0;
    return {
      mechanism: "None (drops)",
      now: dropping
        ? `Nothing reaches the producer; the full queue drops ${formatRate(at("droppedRate"))} (${scenario.strategy === "drop-newest" ? "the newest" : "the oldest"}).`
        : "Nothing reaches the producer; the queue has room.",
      active: dropping,
    };
  }
  return {
    mechanism: "None",
    now: "Nothing tells the producer to slow down; the queue takes everything.",
    active: false,
  };
}

/** The diagram in one sentence: its text alternative (and the figure's accessible name). */
export function flowText(f: FlowFacts): string {
  const parts = f.nodes.map((n) => {
    const state = n.state ? ` ${n.state},` : "";
    const detail = n.detail ? `, ${n.detail}` : "";
    return `${n.title}${state} ${n.figure}${detail}`;
  });
  return `Flow at ${formatDuration(f.timeSec)}: ${parts.join("; then ")}. Backpressure signal (${f.signal.mechanism}): ${f.signal.now}`;
}
