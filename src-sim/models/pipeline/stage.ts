/**
 * One stage of a pipeline: the queue in front of it (under its strategy), its server, its memory
 * and its process (up, or down after an out-of-memory crash until it restarts), with the figures
 * the pipeline reports per stage. Plain state: the pipeline's event loop (model.ts) moves it.
 */
import { RunQueue } from "../../engine/runQueue";
import type { RngState } from "../../engine/rng";
import type { Scenario } from "../../scenario/params";
import type { HopSummary, KafkaHop, ReactiveHop } from "./hops";
import type { TcpHop } from "./tcpHop";

/** A stage's output toward the next hop: running, paused by a watermark, or blocked by a full queue. */
export const OUT_RUNNING = 0;
/** The next hop's pause signal has reached the stage: it holds its finished event. */
export const OUT_PAUSED = 1;
/** The next hop's queue was full: the stage holds its finished event until a place frees. */
export const OUT_BLOCKED = 2;

/** A watermark signal in flight from a stage's queue to the hop before it. */
export const SIGNAL_PAUSE = 0;
/** See {@link SIGNAL_PAUSE}. */
export const SIGNAL_RESUME = 1;

/** What a stage did up to now: the command line's `stages[i]` and the page's per-stage readouts. */
export interface StageSummary {
  /** "Stage 1", "Stage 2", ... */
  name: string;
  strategy: string;
  /** The stage's service rate, events/s. */
  rate: number;
  /** Events offered to the stage's queue by the hop before it (the source for Stage 1). */
  arrived: number;
  /** Events the stage finished and handed on (to the next stage, or to the sink). */
  passed: number;
  /** Events its queue's policy discarded (full queue, evicted head). */
  dropped: number;
  /** Events lost to its crashes (held when it died, or offered while it was down). */
  lost: number;
  queued: number;
  inService: number;
  maxQueued: number;
  memoryBytes: number;
  peakMemoryBytes: number;
  /** Time of the stage's first out-of-memory crash, s, or null. */
  oomAt: number | null;
  oomCount: number;
  /** Simulated seconds the stage held a finished event because the next hop was full or paused. */
  stalledSeconds: number;
  /**
   * Time-averaged events in the stage (waiting, in service or held), events; behind a Kafka topic,
   * with the records waiting on the broker (summed at each sample).
   */
  meanInStage: number;
  /** Mean time an event spent in the stage (Little's law: meanInStage / its throughput), s. */
  meanSojournSec: number;
  /** 0 running, 1 paused, 2 blocked (the stage's output toward the next hop). */
  state: number;
  up: boolean;
  pauseSignals: number;
  resumeSignals: number;
  /** The hop in front of the stage, when it is a Kafka topic or a Reactive subscription (hops.ts). */
  hop?: HopSummary;
}

/** A stage's mutable state. Fields are public to the pipeline's event loop only. */
export class Stage {
  readonly waiting = new RunQueue();
  /** True while an event occupies the server: in service, or finished and held (see `holding`). */
  busy = false;
  /** Emit time at the source of the event on the server. */
  serviceEmitSec = NaN;
  busyOrigin = 0;
  busyIndex = 0;
  /** When the event in service finishes; Infinity when none is in service (idle, held or down). */
  nextDoneSec = Infinity;
  /** True while the server holds a finished event it could not hand on (blocked or paused). */
  holding = false;
  /** The next hop's pause signal has reached this stage. */
  paused = false;
  up = true;
  restartAtSec = Infinity;
  /** This stage's queue has signalled pause to the hop before it (watermark). */
  signalledPause = false;
  /** Signals in flight from this stage's queue to the hop before it (time order). */
  signalTimes: number[] = [];
  signalKinds: number[] = [];
  /** A blocking episode of this stage's output is open in the log. */
  blocking = false;
  blockedThisInterval = false;
  /** The Kafka topic in front of the stage (strategy `kafka`): the stage polls it. */
  kafka: KafkaHop | null = null;
  /** The Reactive subscription in front of the stage (strategy `reactive`): the stage requests from it. */
  reactive: ReactiveHop | null = null;
  /** The TCP connection in front of the stage (strategy `tcp`): its queue is the receive buffer. */
  tcp: TcpHop | null = null;

  arrived = 0;
  passed = 0;
  dropped = 0;
  lost = 0;
  maxQueued = 0;
  peakMemoryBytes = 0;
  oomAt: number | null = null;
  oomCount = 0;
  stalledSeconds = 0;
  inStageIntegral = 0;
  /**
   * Behind a Kafka topic: the records waiting on the broker, integrated over time (record-seconds),
   * summed at each sample (the backlog at the sample times the interval), so the hop's mean time
   * counts the wait on the broker as well as the stage's own.
   */
  brokerIntegral = 0;
  pauseSignals = 0;
  resumeSignals = 0;

  constructor(
    /** The stage's scenario: strategy, consumer (its rate), service, memory, baseline, restart, capacity, watermarks. */
    readonly sc: Scenario,
    /** The stage's own service stream. */
    public serviceRng: RngState,
    /** Largest number of events the stage holds without passing its memory limit. */
    readonly maxInStage: number,
  ) {}

  /** Events in the stage: waiting, and on the server (in service or held). */
  held(): number {
    return this.waiting.size + (this.busy ? 1 : 0);
  }

  memoryBytes(): number {
    return this.up ? this.sc.baseline + this.held() * this.sc.eventBytes : 0;
  }

  /** The stage's output state: 0 running, 1 paused, 2 blocked. */
  outState(): number {
    if (this.paused) return OUT_PAUSED;
    return this.holding ? OUT_BLOCKED : OUT_RUNNING;
  }

  /** A deep copy (for checkpoints). */
  clone(): Stage {
    const copy = Object.assign(new Stage(this.sc, this.serviceRng.slice(), this.maxInStage), this);
    Object.assign(copy, { waiting: this.waiting.clone() });
    copy.serviceRng = this.serviceRng.slice();
    copy.signalTimes = this.signalTimes.slice();
    copy.signalKinds = this.signalKinds.slice();
    copy.kafka = this.kafka === null ? null : this.kafka.clone();
    copy.reactive = this.reactive === null ? null : this.reactive.clone();
    copy.tcp = this.tcp === null ? null : this.tcp.clone();
    return copy;
  }
}

/** Largest number of events that fit in `s.memory` above the baseline (the memory formula decides). */
export function maxInMemory(s: Scenario): number {
  const n = Math.floor((s.memory - s.baseline) / s.eventBytes);
  if (s.baseline + (n + 1) * s.eventBytes <= s.memory) return n + 1;
  if (n >= 0 && s.baseline + n * s.eventBytes > s.memory) return n - 1;
  return n;
}
