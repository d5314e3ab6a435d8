/**
 * The simulation engine: a producer feeding a consumer through a queue under a flow-control
 * strategy, advanced on a simulated clock. Pure and seeded: no wall clock, no global randomness,
 * no DOM; the same scenario and seed give the same run, bit for bit.
 *
 * The exact event semantics are in SEMANTICS.md beside this file. The engine is a discrete-event
 * loop (next control event / next completion / next producer tick) that skips ahead in bulk over
 * stretches where nothing can interact: the server stays busy and no threshold (capacity,
 * watermark, memory limit) can be reached. A stretch of 100,000 events/s then costs a few
 * arithmetic operations, and the FIFO queue holds runs of evenly spaced events, not events.
 */
import { ColumnStore, COL } from "./columnStore";
import { EventLog } from "./eventLog";
import { LatencyHistogram } from "./latencyHistogram";
import { nextExponential, nextPoisson, seedRng, type RngState } from "./rng";
import { RunQueue } from "./runQueue";
import { SAMPLE_COLUMNS, type SampleBatch, type SampleColumn, type SimEvent, type Summary } from "./types";
import type { Scenario } from "../scenario/params";

/** Engine options that are not part of the scenario (they do not change what is simulated). */
export interface SimulationOptions {
  /** Simulated time between samples, s (default 0.1). */
  sampleIntervalSec?: number;
  /**
   * Whether to skip ahead over stretches in bulk (default true). With false every event is
   * handled one at a time: slower, same counts; tests use it to check the shortcuts.
   */
  bulk?: boolean;
}

/** Producer states as stored in the `producerState` column. */
export const PRODUCER_RUNNING = 0;
/** The producer was told to pause (watermark) and the signal has reached it. */
export const PRODUCER_PAUSED = 1;
/** The producer is blocked by a full queue (strategy `block`). */
export const PRODUCER_BLOCKED = 2;

/** Instantaneous state for readouts. */
export interface LiveState {
  timeSec: number;
  queued: number;
  inService: number;
  memoryBytes: number;
  upstreamQueued: number;
  /** 0 running, 1 paused, 2 blocked. */
  producerState: number;
  consumerUp: boolean;
  produced: number;
  consumed: number;
  dropped: number;
  lost: number;
  /** Age of the oldest waiting event, s (0 when none wait). */
  oldestAgeSec: number;
  /** Seconds until the consumer passes its memory limit at the current rates; Infinity if never. */
  timeToOomSec: number;
}

/** A stretch shorter than this many events is not worth the bulk bookkeeping. */
const MIN_BULK_EVENTS = 16;
/**
 * Random stretches need this much room on each side of the queue before a bulk step: the step is
 * sized to use half of it on average, so that a sampled count overshooting it (and forcing the
 * step to be redone one event at a time) is a one-in-millions case.
 */
const MIN_RANDOM_ROOM = 64;

const SIGNAL_PAUSE = 0;
const SIGNAL_RESUME = 1;

/** The engine. See the file comment and SEMANTICS.md. */
export class Simulation {
  /** Simulated time between samples, s. */
  readonly sampleIntervalSec: number;
  private readonly bulk: boolean;

  private sc!: Scenario;
  private rng!: RngState;
  private now = 0;

  // Producer: constant ticks fall at arrOrigin + arrIndex / producer.
  private arrOrigin = 0;
  private arrIndex = 0;
  private nextTickSec = 0;
  private pstate = PRODUCER_RUNNING;
  private upstream = new RunQueue();

  // Consumer: constant completions fall at busyOrigin + busyIndex / consumer.
  private waiting = new RunQueue();
  private busy = false;
  private serviceEmitSec = NaN;
  private busyOrigin = 0;
  private busyIndex = 0;
  private nextCompletionSec = Infinity;
  private consumerUp = true;
  private restartAtSec = Infinity;

  // Watermark signals in flight to the producer (FIFO: equal delays keep time order).
  private signalledPause = false;
  private signalTimes: number[] = [];
  private signalKinds: number[] = [];

  // Counters.
  private produced = 0;
  private consumed = 0;
  private dropped = 0;
  private lost = 0;
  private pauseSignals = 0;
  private resumeSignals = 0;
  private dropping = false;
  private burstDropped = 0;
  private lastDropSec = 0;
  /** A run of blocks is one episode in the log; it ends when a sample interval has none. */
  private blocking = false;
  private blockedThisInterval = false;
  private lastReleaseSec = 0;

  // Statistics.
  private intervalHist = new LatencyHistogram();
  private totalHist = new LatencyHistogram();
  private inSystemIntegral = 0;
  private pausedSeconds = 0;
  private maxQueued = 0;
  private peakMemoryBytes = 0;
  private oomAt: number | null = null;
  private oomCount = 0;
  private perEventSteps = 0;
  private bulkSteps = 0;
  private lastSample = { produced: 0, consumed: 0, dropped: 0 };

  // Output.
  private samples = new ColumnStore();
  private log: EventLog;
  private readonly row = new Float64Array(SAMPLE_COLUMNS.length);
  private nextSampleIndex = 0;

  /** Creates a run at t = 0 and records sample 0. */
  constructor(scenario: Scenario, options: SimulationOptions = {}) {
    const interval = options.sampleIntervalSec ?? 0.1;
    this.sampleIntervalSec = interval > 0 && Number.isFinite(interval) ? interval : 0.1;
    this.bulk = options.bulk ?? true;
    this.log = new EventLog(this.sampleIntervalSec);
    this.start(scenario);
  }

  private start(scenario: Scenario): void {
    this.sc = { ...scenario };
    this.rng = seedRng(scenario.seed);
    this.now = 0;
    this.arrOrigin = 0;
    this.arrIndex = 0;
    this.nextTickSec = scenario.arrivals === "constant" ? 0 : nextExponential(this.rng, scenario.producer);
    this.recordSample();
  }

  /** The scenario in force now. */
  get scenario(): Scenario {
    return { ...this.sc };
  }

  /** Simulated time, s. */
  get timeSec(): number {
    return this.now;
  }

  /** Samples recorded so far (sample k is at k x sampleIntervalSec). */
  get sampleCount(): number {
    return this.samples.length;
  }

  /** Entries in the event log so far. */
  get eventCount(): number {
    return this.log.length;
  }

  /** Copies samples [from, to) into a batch of fresh (transferable) arrays. */
  readSamples(from: number, to?: number): SampleBatch {
    return this.samples.slice(from, to);
  }

  /** A read-only view of one column (valid until the run advances). */
  column(name: SampleColumn): Float64Array {
    return this.samples.view(name);
  }

  /** Event-log entries from index `from` on. */
  readEvents(from = 0): SimEvent[] {
    return this.log.read(from);
  }

  /** Starts over at t = 0, with the same or a new scenario. */
  reset(scenario: Scenario = this.sc): void {
    const fresh = new Simulation(scenario, { sampleIntervalSec: this.sampleIntervalSec, bulk: this.bulk });
    Object.assign(this, fresh);
  }

  /** A deep copy: a checkpoint from which the run can continue independently. */
  clone(): Simulation {
    const copy = Object.create(Simulation.prototype) as Simulation;
    Object.assign(copy, this);
    copy.sc = { ...this.sc };
    copy.rng = this.rng.slice();
    copy.upstream = this.upstream.clone();
    copy.waiting = this.waiting.clone();
    copy.signalTimes = this.signalTimes.slice();
    copy.signalKinds = this.signalKinds.slice();
    copy.intervalHist = this.intervalHist.clone();
    copy.totalHist = this.totalHist.clone();
    copy.lastSample = { ...this.lastSample };
    copy.samples = this.samples.clone();
    copy.log = this.log.clone();
    (copy as unknown as { row: Float64Array }).row = new Float64Array(SAMPLE_COLUMNS.length);
    return copy;
  }

  // ---------------------------------------------------------------- parameters

  /**
   * Changes parameters from the current time on. Scheduled ticks and completions keep their
   * times; later ones follow the new rates. A smaller capacity drops the newest excess events.
   */
  setScenario(next: Scenario): void {
    const prev = this.sc;
    this.sc = { ...next };
    const s = this.sc;
    if (next.seed !== prev.seed) this.rng = seedRng(next.seed);
    if (next.producer !== prev.producer || next.arrivals !== prev.arrivals) {
      if (Number.isFinite(this.nextTickSec)) {
        if (s.arrivals === "constant") {
          this.arrOrigin = prev.arrivals === "constant" ? this.nextTickSec : this.now;
          this.arrIndex = 0;
          this.nextTickSec = this.arrOrigin;
        } else {
          this.nextTickSec = this.now + nextExponential(this.rng, s.producer);
        }
      }
    }
    if ((next.consumer !== prev.consumer || next.service !== prev.service) && this.busy) {
      if (s.service === "constant") {
        this.busyOrigin = prev.service === "constant" ? this.nextCompletionSec : this.now;
        this.busyIndex = prev.service === "constant" ? 0 : 1;
        this.nextCompletionSec = this.busyOrigin + this.busyIndex / s.consumer;
      } else {
        this.nextCompletionSec = this.now + nextExponential(this.rng, s.consumer);
      }
    }
    if (s.strategy !== "watermark" && prev.strategy === "watermark") {
      this.signalledPause = false;
      this.signalTimes.length = 0;
      this.signalKinds.length = 0;
    }
    if (this.pstate === PRODUCER_PAUSED && s.strategy !== "watermark") this.releaseProducer();
    if (this.pstate === PRODUCER_BLOCKED && s.strategy !== "block") this.releaseProducer();
    if (s.strategy !== "unbounded" && this.waiting.size > s.capacity) {
      const excess = this.waiting.size - s.capacity;
      this.waiting.popBack(excess);
      this.drop(excess);
    }
    if (this.consumerUp) this.checkMemory();
    if (s.restart > 0 && !this.consumerUp && !Number.isFinite(this.restartAtSec) && this.oomAt !== null) {
      this.restartAtSec = this.now + s.restart;
    }
  }

  // ---------------------------------------------------------------- running

  /**
   * Advances the clock to `tSec`, handling every event strictly before it and recording each
   * sample whose time is at most `tSec`.
   */
  advanceTo(tSec: number): void {
    if (!(tSec > this.now)) return;
    for (;;) {
      const sampleT = this.nextSampleIndex * this.sampleIntervalSec;
      if (sampleT > tSec) break;
      this.runUntil(sampleT);
      this.recordSample();
    }
    this.runUntil(tSec);
  }

  /** Handles every event with a time strictly before `endSec`, then sets the clock to it. */
  private runUntil(endSec: number): void {
    for (;;) {
      const tc = this.signalTimes.length > 0 || this.restartAtSec !== Infinity ? this.nextControlSec() : Infinity;
      const td = this.nextCompletionSec;
      const ta = this.nextTickSec;
      const first = tc < td ? (tc < ta ? tc : ta) : td < ta ? td : ta;
      if (!(first < endSec)) break;
      // A bulk stretch needs a busy server with a backlog, or a dead consumer.
      if (this.bulk && (this.waiting.size > 1 || !this.consumerUp) && this.tryBulk(tc < endSec ? tc : endSec)) continue;
      this.moveClock(first);
      this.perEventSteps++;
      if (tc <= td && tc <= ta) this.handleControl();
      else if (td <= ta) this.handleCompletion();
      else this.handleTick();
    }
    if (endSec > this.now) this.moveClock(endSec);
  }

  /** Moves the clock forward over a stretch with no events, integrating time-weighted figures. */
  private moveClock(toSec: number): void {
    const dt = toSec - this.now;
    if (dt > 0) {
      this.inSystemIntegral += (this.waiting.size + (this.busy ? 1 : 0)) * dt;
      if (this.pstate !== PRODUCER_RUNNING) this.pausedSeconds += dt;
    }
    this.now = toSec;
  }

  private nextControlSec(): number {
    const signal = this.signalTimes.length > 0 ? this.signalTimes[0] : Infinity;
    return signal < this.restartAtSec ? signal : this.restartAtSec;
  }

  // ---------------------------------------------------------------- per-event handlers

  private handleControl(): void {
    if (this.signalTimes.length > 0 && this.signalTimes[0] <= this.restartAtSec) {
      this.signalTimes.shift();
      const kind = this.signalKinds.shift();
      if (kind === SIGNAL_PAUSE) {
        if (this.pstate === PRODUCER_RUNNING) {
          this.pstate = PRODUCER_PAUSED;
          if (this.sc.onPause === "slow") this.nextTickSec = Infinity;
        }
      } else if (this.pstate === PRODUCER_PAUSED) {
        this.releaseProducer();
      }
      return;
    }
    this.restartAtSec = Infinity;
    this.consumerUp = true;
    this.log.add(this.now, "restart", 0);
  }

  private handleTick(): void {
    const s = this.sc;
    this.produced++;
    this.scheduleNextTick();
    if (this.pstate !== PRODUCER_RUNNING) {
      if (s.onPause === "buffer") {
        this.upstream.push(this.now, 0, 1);
        this.checkProducerMemory();
      } else {
        this.drop(1);
      }
      return;
    }
    if (this.upstream.size > 0) {
      // A hot producer with a backlog sends its oldest event and keeps the new one (FIFO).
      this.upstream.push(this.now, 0, 1);
      this.offer(this.upstream.headTime(), true);
    } else {
      this.offer(this.now, false);
    }
  }

  private scheduleNextTick(): void {
    const s = this.sc;
    if (s.arrivals === "constant") {
      this.arrIndex++;
      this.nextTickSec = this.arrOrigin + this.arrIndex / s.producer;
    } else {
      this.nextTickSec = this.now + nextExponential(this.rng, s.producer);
    }
  }

  /**
   * Offers one event (emitted at `emitSec`) to the consumer. `fromUpstream` means the event is the
   * head of the producer's buffer and leaves it only if accepted.
   */
  private offer(emitSec: number, fromUpstream: boolean): void {
    const s = this.sc;
    if (!this.consumerUp) {
      if (fromUpstream) this.upstream.popFront(1);
      this.lost++;
      return;
    }
    if (!this.busy) {
      if (fromUpstream) this.upstream.popFront(1);
      this.startService(emitSec);
      this.afterJoin();
      return;
    }
    if (s.strategy !== "unbounded" && this.waiting.size >= s.capacity) {
      switch (s.strategy) {
        case "drop-oldest":
          if (fromUpstream) this.upstream.popFront(1);
          this.waiting.popFront(1);
          this.waiting.push(emitSec, 0, 1);
          this.drop(1);
          return;
        case "block":
          this.block(fromUpstream);
          return;
        default:
          // drop-newest, and the watermark queue's QueueFull.
          if (fromUpstream) this.upstream.popFront(1);
          if (s.strategy === "watermark" && !this.dropping) this.log.add(this.now, "queue-full", s.capacity);
          this.drop(1);
          return;
      }
    }
    if (fromUpstream) this.upstream.popFront(1);
    this.waiting.push(emitSec, 0, 1);
    this.afterJoin();
  }

  private block(fromUpstream: boolean): void {
    const s = this.sc;
    this.pstate = PRODUCER_BLOCKED;
    this.blockedThisInterval = true;
    if (!this.blocking) {
      this.log.add(this.now, "blocked", this.waiting.size);
      this.blocking = true;
    }
    if (s.onPause === "slow") {
      // The tick is withheld: the event is emitted when the producer is released.
      this.produced--;
      this.nextTickSec = Infinity;
    } else if (s.onPause === "buffer") {
      if (!fromUpstream) {
        this.upstream.push(this.now, 0, 1);
        this.checkProducerMemory();
      }
    } else {
      if (fromUpstream) this.upstream.popFront(1);
      this.drop(1);
    }
  }

  /** Lets a paused or blocked producer run again, at this instant. */
  private releaseProducer(): void {
    const wasBlocked = this.pstate === PRODUCER_BLOCKED;
    this.pstate = PRODUCER_RUNNING;
    if (wasBlocked) this.lastReleaseSec = this.now;
    if (this.sc.onPause === "slow") {
      this.arrOrigin = this.now;
      this.arrIndex = 0;
      this.nextTickSec = this.now;
    } else if (wasBlocked && this.sc.onPause === "buffer" && this.upstream.size > 0 && this.consumerUp) {
      // The producer's blocked send completes at once.
      this.offer(this.upstream.headTime(), true);
    }
  }

  private startService(emitSec: number): void {
    this.busy = true;
    this.serviceEmitSec = emitSec;
    if (this.sc.service === "constant") {
      this.busyOrigin = this.now;
      this.busyIndex = 1;
      this.nextCompletionSec = this.busyOrigin + 1 / this.sc.consumer;
    } else {
      this.nextCompletionSec = this.now + nextExponential(this.rng, this.sc.consumer);
    }
  }

  /** After an event joined the consumer: memory limit, watermark HIGH, statistics. */
  private afterJoin(): void {
    const q = this.waiting.size;
    if (q > this.maxQueued) this.maxQueued = q;
    if (this.checkMemory()) return;
    if (this.sc.strategy === "watermark" && !this.signalledPause && q >= this.sc.high) {
      this.signalledPause = true;
      this.signal(SIGNAL_PAUSE);
    }
  }

  private signal(kind: number): void {
    if (kind === SIGNAL_PAUSE) this.pauseSignals++;
    else this.resumeSignals++;
    this.log.add(this.now, kind === SIGNAL_PAUSE ? "pause" : "resume", this.waiting.size);
    this.signalTimes.push(this.now + this.sc.signalDelay);
    this.signalKinds.push(kind);
  }

  private memoryBytes(): number {
    return this.sc.baseline + (this.waiting.size + (this.busy ? 1 : 0)) * this.sc.eventBytes;
  }

  /** Largest number of events the consumer can hold without passing its memory limit. */
  private maxInSystem(): number {
    const s = this.sc;
    const n = Math.floor((s.memory - s.baseline) / s.eventBytes);
    // Guard the floor against rounding: the defining test is the memory formula itself.
    if (s.baseline + (n + 1) * s.eventBytes <= s.memory) return n + 1;
    if (n >= 0 && s.baseline + n * s.eventBytes > s.memory) return n - 1;
    return n;
  }

  /** Kills the consumer if its memory passed the limit; true if it did. */
  private checkMemory(): boolean {
    const mem = this.memoryBytes();
    if (mem > this.peakMemoryBytes) this.peakMemoryBytes = mem;
    if (mem <= this.sc.memory) return false;
    const held = this.waiting.size + (this.busy ? 1 : 0);
    this.lost += held;
    this.log.add(this.now, "oom", held);
    this.waiting.clear();
    this.busy = false;
    this.nextCompletionSec = Infinity;
    this.consumerUp = false;
    if (this.oomAt === null) this.oomAt = this.now;
    this.oomCount++;
    this.restartAtSec = this.sc.restart > 0 ? this.now + this.sc.restart : Infinity;
    // The crashed consumer's pause dies with it; the broken connection releases the producer.
    this.signalledPause = false;
    this.signalTimes.length = 0;
    this.signalKinds.length = 0;
    if (this.pstate !== PRODUCER_RUNNING) this.releaseProducer();
    return true;
  }

  private checkProducerMemory(): void {
    if (this.upstream.size * this.sc.eventBytes <= this.sc.producerMemory) return;
    const held = this.upstream.size;
    this.lost += held;
    this.upstream.clear();
    this.log.add(this.now, "producer-oom", held);
  }

  private drop(n: number): void {
    this.dropped += n;
    this.burstDropped += n;
    this.lastDropSec = this.now;
    if (!this.dropping) {
      this.dropping = true;
      this.log.add(this.now, "drop-start", 0);
    }
  }

  private handleCompletion(): void {
    this.intervalHist.add(this.now - this.serviceEmitSec);
    this.consumed++;
    if (this.waiting.size > 0) {
      this.serviceEmitSec = this.waiting.headTime();
      this.waiting.popFront(1);
      if (this.sc.service === "constant") {
        this.busyIndex++;
        this.nextCompletionSec = this.busyOrigin + this.busyIndex / this.sc.consumer;
      } else {
        this.nextCompletionSec = this.now + nextExponential(this.rng, this.sc.consumer);
      }
      if (this.signalledPause && this.waiting.size <= this.sc.low) {
        this.signalledPause = false;
        this.signal(SIGNAL_RESUME);
      }
    } else {
      this.busy = false;
      this.nextCompletionSec = Infinity;
      if (this.signalledPause && this.sc.low >= 0) {
        this.signalledPause = false;
        this.signal(SIGNAL_RESUME);
      }
    }
    if (this.pstate === PRODUCER_BLOCKED) this.releaseProducer();
  }

  // ---------------------------------------------------------------- bulk stretches

  /**
   * Tries to handle a stretch from now to at most `limitSec` in bulk. Returns false (having
   * changed nothing) when the state does not allow it; the caller then handles one event.
   */
  private tryBulk(limitSec: number): boolean {
    if (!this.consumerUp) return this.bulkWhileDown(limitSec);
    if (!this.busy) return false;
    const s = this.sc;
    if (s.strategy !== "unbounded" && this.waiting.size === s.capacity && this.tryFullBulk(limitSec)) return true;
    if (this.pstate === PRODUCER_BLOCKED) return false;
    const q0 = this.waiting.size;
    // Cheap rejection first: this runs before every per-event step.
    if (q0 < (s.arrivals === "constant" && s.service === "constant" ? 2 : MIN_RANDOM_ROOM)) return false;
    const running = this.pstate === PRODUCER_RUNNING;
    const ticking = Number.isFinite(this.nextTickSec);
    // Where ticks go: into the queue (running), the producer's buffer, or nowhere (dropped).
    const joinRate = running && ticking ? s.producer : 0;
    const upstreamRate = !running && ticking && s.onPause === "buffer" ? s.producer : 0;

    // Bounds on the waiting queue inside the stretch that keep every event independent.
    let upLimit = this.maxInSystem() - 1;
    if (s.strategy !== "unbounded" && s.capacity < upLimit) upLimit = s.capacity;
    if (s.strategy === "watermark" && !this.signalledPause && s.high - 1 < upLimit) upLimit = s.high - 1;
    const downLimit = s.strategy === "watermark" && this.signalledPause ? s.low + 1 : 0;
    const upstreamLimit = upstreamRate > 0 ? Math.floor(s.producerMemory / s.eventBytes) - this.upstream.size : Infinity;

    const constant = s.arrivals === "constant" && s.service === "constant";
    let horizon = limitSec - this.now;
    if (constant || (s.service === "constant" && joinRate === 0 && upstreamRate === 0)) {
      // Counts in any window of length h are within one of rate x h, so the queue stays within
      // q0 + (joinRate - consumer) h +- 2 throughout the stretch.
      const net = joinRate - s.consumer;
      const roomUp = upLimit - q0 - 2;
      const roomDown = q0 - 2 - downLimit;
      if (roomUp < 0 || roomDown < 0) return false;
      if (net > 0) horizon = Math.min(horizon, roomUp / net);
      if (net < 0) horizon = Math.min(horizon, roomDown / -net);
      if (upstreamRate > 0) horizon = Math.min(horizon, (upstreamLimit - 2) / upstreamRate);
    } else {
      const roomUp = upLimit - q0;
      const roomDown = q0 - downLimit;
      if (roomUp < MIN_RANDOM_ROOM || roomDown < MIN_RANDOM_ROOM) return false;
      if (joinRate > 0) horizon = Math.min(horizon, roomUp / (2 * joinRate));
      horizon = Math.min(horizon, roomDown / (2 * s.consumer));
      if (upstreamRate > 0) {
        if (upstreamLimit < MIN_RANDOM_ROOM) return false;
        horizon = Math.min(horizon, upstreamLimit / (2 * upstreamRate));
      }
    }
    if (!(horizon > 0) || (joinRate + upstreamRate + s.consumer) * horizon < MIN_BULK_EVENTS) return false;
    const endSec = this.now + horizon;

    // Completions in [now, end): their count, the first time and the spacing.
    let completions: number;
    let firstDoneSec: number;
    let doneStepSec: number;
    if (s.service === "constant") {
      completions = countConstant(this.busyOrigin, this.busyIndex, s.consumer, endSec);
      firstDoneSec = this.nextCompletionSec;
      doneStepSec = 1 / s.consumer;
    } else {
      completions = nextPoisson(this.rng, s.consumer * horizon);
      doneStepSec = horizon / Math.max(1, completions);
      firstDoneSec = this.now + doneStepSec / 2;
    }
    // Ticks in [now, end).
    let ticks = 0;
    let firstTickSec = this.nextTickSec;
    let tickStepSec = 0;
    if (ticking && (joinRate > 0 || upstreamRate > 0 || s.onPause === "drop")) {
      if (s.arrivals === "constant") {
        ticks = countConstant(this.arrOrigin, this.arrIndex, s.producer, endSec);
        tickStepSec = 1 / s.producer;
      } else {
        ticks = nextPoisson(this.rng, s.producer * horizon);
        tickStepSec = horizon / Math.max(1, ticks);
        firstTickSec = this.now + tickStepSec / 2;
      }
    }
    const joins = joinRate > 0 ? ticks : 0;
    if (!constant) {
      // A random draw beyond the room: handle this stretch one event at a time instead.
      if (q0 + joins > upLimit || q0 - completions < downLimit) return false;
      if (upstreamRate > 0 && ticks > upstreamLimit) return false;
    }

    this.bulkSteps++;
    const q1 = q0 + joins - completions;
    this.inSystemIntegral += ((q0 + q1) / 2 + 1) * horizon;
    if (!running) this.pausedSeconds += horizon;

    // Producer side.
    this.produced += ticks;
    if (ticks > 0) {
      if (joinRate > 0) {
        if (this.upstream.size > 0) {
          // A backlog sends its oldest events; the new ones join its tail.
          this.upstream.push(firstTickSec, tickStepSec, ticks);
          this.upstream.popFront(ticks, (a, b, c) => this.waiting.push(a, b, c));
        } else {
          this.waiting.push(firstTickSec, tickStepSec, ticks);
        }
      } else if (upstreamRate > 0) {
        this.upstream.push(firstTickSec, tickStepSec, ticks);
      } else {
        this.now = firstTickSec + (ticks - 1) * tickStepSec;
        this.drop(ticks);
      }
    }

    // Consumer side: the event in service finishes first, then `completions - 1` from the head;
    // the event popped last enters service.
    if (completions > 0) {
      this.recordLatency(1, firstDoneSec - this.serviceEmitSec, firstDoneSec - this.serviceEmitSec);
      this.popFinishing(completions, firstDoneSec, doneStepSec);
      this.consumed += completions;
    }
    if (q1 > this.maxQueued) this.maxQueued = q1;
    const mem = this.memoryBytes();
    if (mem > this.peakMemoryBytes) this.peakMemoryBytes = mem;

    // Schedules after the stretch.
    this.now = endSec;
    if (s.service === "constant") {
      this.busyIndex += completions;
      this.nextCompletionSec = this.busyOrigin + this.busyIndex / s.consumer;
    } else {
      this.nextCompletionSec = endSec + nextExponential(this.rng, s.consumer);
    }
    if (ticking) {
      if (s.arrivals === "constant") {
        this.arrIndex += ticks;
        this.nextTickSec = this.arrOrigin + this.arrIndex / s.producer;
      } else if (ticks > 0 || joinRate > 0 || upstreamRate > 0 || s.onPause === "drop") {
        this.nextTickSec = endSec + nextExponential(this.rng, s.producer);
      }
    }
    return true;
  }

  /**
   * A full bounded queue fed faster than it drains (constant processes): every completion frees
   * one place and the producer's next event takes it; what else arrives is dropped, evicts the
   * head, or is held back, by strategy. Each gap between completions is longer than the gap
   * between ticks, so each holds at least one tick, and the whole stretch follows in closed form.
   * Latencies of events accepted inside the stretch are spread linearly between the exact first
   * and last (off by at most one tick gap, 1 / producer).
   */
  private tryFullBulk(limitSec: number): boolean {
    const s = this.sc;
    if (s.arrivals !== "constant" || s.service !== "constant") return false;
    if (!(s.producer > s.consumer * (1 + 1e-9))) return false;
    const K = s.capacity;
    // The full queue plus the event in service must fit in memory, or an OOM interrupts.
    if (K + 1 > this.maxInSystem()) return false;
    const holdsBack = s.strategy === "block" && s.onPause === "slow";
    if (s.strategy === "block") {
      if (s.onPause === "buffer") return false;
      if (holdsBack && this.pstate !== PRODUCER_BLOCKED) return false;
    } else if (this.pstate !== PRODUCER_RUNNING) {
      return false;
    }
    // A resume must not fire when a completion takes the queue to K - 1.
    if (s.strategy === "watermark" && (!this.signalledPause || s.low >= K - 1)) return false;
    if (!holdsBack && !Number.isFinite(this.nextTickSec)) return false;

    const endSec = limitSec;
    const m = countConstant(this.busyOrigin, this.busyIndex, s.consumer, endSec);
    if (m < MIN_BULK_EVENTS) return false;
    const mu = s.consumer;
    const lambda = s.producer;
    const doneAt = (j: number) => this.busyOrigin + (this.busyIndex + j - 1) / mu; // j = 1 .. m
    const d1 = doneAt(1);
    const dm = doneAt(m);
    const q0 = this.waiting.size;
    this.bulkSteps++;
    this.recordLatency(1, d1 - this.serviceEmitSec, d1 - this.serviceEmitSec);

    if (holdsBack) {
      // Released at each completion, the producer's withheld event enters at once; its next
      // tick, 1 / producer later, finds the queue full again.
      this.produced += m;
      this.waiting.push(d1, 1 / mu, m);
      this.popFinishing(m, d1, 1 / mu);
      const nextTick = dm + 1 / lambda;
      if (nextTick < endSec) {
        this.pstate = PRODUCER_BLOCKED;
        this.nextTickSec = Infinity;
      } else {
        this.pstate = PRODUCER_RUNNING;
        this.arrOrigin = dm;
        this.arrIndex = 1;
        this.nextTickSec = nextTick;
      }
      this.pausedSeconds += m * (1 / mu - 1 / lambda);
      this.blockedThisInterval = true;
      this.inSystemIntegral += (K + 1) * (endSec - this.now);
    } else {
      const ticks = countConstant(this.arrOrigin, this.arrIndex, lambda, endSec);
      const firstTickFrom = (t: number) => this.arrIndex + countConstant(this.arrOrigin, this.arrIndex, lambda, t);
      const tickAt = (n: number) => this.arrOrigin + n / lambda;
      const lastEnd = this.arrIndex + ticks;
      const nLast = firstTickFrom(dm);
      const lastGapTaken = nLast < lastEnd;
      const accepted = m - 1 + (lastGapTaken ? 1 : 0);
      this.produced += ticks;
      if (s.strategy === "drop-oldest") {
        // The queue is always the newest K of [initial queue, ticks of the stretch]; the head a
        // completion takes is therefore the element at the count of ticks before it.
        const emitOfHead = (j: number) => {
          const p = firstTickFrom(doneAt(j)) - this.arrIndex;
          return p < K ? this.waiting.timeAt(p) : tickAt(this.arrIndex + p - K);
        };
        const e1 = emitOfHead(1);
        const em1 = emitOfHead(m - 1);
        const em = emitOfHead(m);
        this.recordLatency(m - 1, doneAt(2) - e1, dm - em1);
        this.waiting.push(tickAt(this.arrIndex), 1 / lambda, ticks);
        this.waiting.popFront(q0 + ticks - (K - 1 + (lastGapTaken ? 1 : 0)));
        this.serviceEmitSec = em;
      } else {
        const a1 = tickAt(firstTickFrom(d1));
        const aLast = tickAt(firstTickFrom(doneAt(accepted)));
        this.waiting.push(a1, accepted > 1 ? (aLast - a1) / (accepted - 1) : 0, accepted);
        this.popFinishing(m, d1, 1 / mu);
      }
      if (s.strategy === "watermark" && !this.dropping) this.log.add(this.now, "queue-full", K);
      this.drop(ticks - accepted);
      if (s.strategy === "block") {
        this.blockedThisInterval = true;
        this.pstate = lastGapTaken && nLast + 1 < lastEnd ? PRODUCER_BLOCKED : PRODUCER_RUNNING;
        this.pausedSeconds += m * (1 / mu - 1 / lambda);
      }
      this.arrIndex += ticks;
      this.nextTickSec = this.arrOrigin + this.arrIndex / lambda;
      this.inSystemIntegral += (K + 1) * (endSec - this.now) - m / (2 * lambda);
    }
    this.consumed += m;
    this.busyIndex += m;
    this.nextCompletionSec = this.busyOrigin + this.busyIndex / mu;
    this.now = endSec;
    return true;
  }

  /**
   * Pops `m` events for a stretch of `m` completions at `firstDoneSec + i * stepSec`: the first
   * `m - 1` popped finish at completions 2 .. m (latencies recorded as linear segments) and the
   * last popped enters service. The caller has recorded the first completion (the event that was
   * in service when the stretch began).
   */
  private popFinishing(m: number, firstDoneSec: number, stepSec: number): void {
    let popped = 0;
    this.serviceEmitSec = this.waiting.popFront(m, (start, step, count) => {
      const finishing = Math.min(count, m - 1 - popped);
      if (finishing > 0) {
        const firstLatency = firstDoneSec + (popped + 1) * stepSec - start;
        const lastLatency = firstDoneSec + (popped + finishing) * stepSec - (start + (finishing - 1) * step);
        this.recordLatency(finishing, firstLatency, lastLatency);
      }
      popped += count;
    });
  }

  /** While the consumer is down every emitted event is lost: count a stretch of them at once. */
  private bulkWhileDown(limitSec: number): boolean {
    const s = this.sc;
    if (!Number.isFinite(this.nextTickSec) || this.pstate !== PRODUCER_RUNNING || this.upstream.size > 0) return false;
    const horizon = limitSec - this.now;
    if (!(horizon > 0) || !Number.isFinite(horizon) || s.producer * horizon < MIN_BULK_EVENTS) return false;
    let ticks: number;
    if (s.arrivals === "constant") {
      ticks = countConstant(this.arrOrigin, this.arrIndex, s.producer, limitSec);
      this.arrIndex += ticks;
      this.nextTickSec = this.arrOrigin + this.arrIndex / s.producer;
    } else {
      ticks = nextPoisson(this.rng, s.producer * horizon);
      this.nextTickSec = limitSec + nextExponential(this.rng, s.producer);
    }
    this.bulkSteps++;
    this.produced += ticks;
    this.lost += ticks;
    this.now = limitSec;
    return true;
  }

  private recordLatency(n: number, firstSec: number, lastSec: number): void {
    this.intervalHist.addSegment(n, firstSec, lastSec);
  }

  // ---------------------------------------------------------------- output

  private recordSample(): void {
    const t = this.nextSampleIndex * this.sampleIntervalSec;
    const dt = this.nextSampleIndex === 0 ? 1 : this.sampleIntervalSec;
    const r = this.row;
    const s = this.sc;
    const h = this.intervalHist;
    r[COL.timeSec] = t;
    r[COL.queued] = this.waiting.size;
    r[COL.inService] = this.busy ? 1 : 0;
    r[COL.memoryBytes] = this.consumerUp ? this.memoryBytes() : 0;
    r[COL.produced] = this.produced;
    r[COL.consumed] = this.consumed;
    r[COL.dropped] = this.dropped;
    r[COL.lost] = this.lost;
    r[COL.producedRate] = (this.produced - this.lastSample.produced) / dt;
    r[COL.consumedRate] = (this.consumed - this.lastSample.consumed) / dt;
    r[COL.droppedRate] = (this.dropped - this.lastSample.dropped) / dt;
    r[COL.producerState] = this.pstate;
    r[COL.consumerUp] = this.consumerUp ? 1 : 0;
    r[COL.latencyP50] = h.quantile(0.5);
    r[COL.latencyP99] = h.quantile(0.99);
    r[COL.latencyMax] = h.max();
    r[COL.latencyMean] = h.mean();
    r[COL.oldestAgeSec] = this.waiting.size > 0 ? t - this.waiting.headTime() : 0;
    r[COL.upstreamQueued] = this.upstream.size;
    r[COL.upstreamBytes] = this.upstream.size * s.eventBytes;
    this.samples.push(r);
    // Latencies go to the interval histogram only; the run's total gathers them per sample.
    this.totalHist.addAll(h);
    h.reset();
    if (this.dropping && this.dropped === this.lastSample.dropped) {
      this.dropping = false;
      this.log.add(this.lastDropSec, "drop-stop", this.burstDropped);
      this.burstDropped = 0;
    }
    if (this.blocking && !this.blockedThisInterval && this.pstate === PRODUCER_RUNNING) {
      this.blocking = false;
      this.log.add(this.lastReleaseSec, "unblocked", this.waiting.size);
    }
    this.blockedThisInterval = false;
    this.lastSample.produced = this.produced;
    this.lastSample.consumed = this.consumed;
    this.lastSample.dropped = this.dropped;
    this.nextSampleIndex++;
  }

  /** The state right now, for readouts. */
  live(): LiveState {
    const s = this.sc;
    const inSystem = this.waiting.size + (this.busy ? 1 : 0);
    let timeToOomSec = Infinity;
    const into = this.pstate === PRODUCER_RUNNING ? s.producer : 0;
    const cap = s.strategy === "unbounded" ? Infinity : s.capacity + 1;
    if (this.consumerUp && into > s.consumer && s.baseline + cap * s.eventBytes > s.memory) {
      timeToOomSec = Math.max(0, (s.memory - this.memoryBytes()) / ((into - s.consumer) * s.eventBytes));
    }
    return {
      timeSec: this.now,
      queued: this.waiting.size,
      inService: this.busy ? 1 : 0,
      memoryBytes: this.consumerUp ? s.baseline + inSystem * s.eventBytes : 0,
      upstreamQueued: this.upstream.size,
      producerState: this.pstate,
      consumerUp: this.consumerUp,
      produced: this.produced,
      consumed: this.consumed,
      dropped: this.dropped,
      lost: this.lost,
      oldestAgeSec: this.waiting.size > 0 ? this.now - this.waiting.headTime() : 0,
      timeToOomSec,
    };
  }

  /** What the run did up to now (the command line's `summary`). */
  summary(): Summary {
    const h = this.totalHist.clone();
    h.addAll(this.intervalHist);
    return {
      until: this.now,
      produced: this.produced,
      consumed: this.consumed,
      dropped: this.dropped,
      lost: this.lost,
      queued: this.waiting.size,
      inService: this.busy ? 1 : 0,
      upstreamQueued: this.upstream.size,
      maxQueued: this.maxQueued,
      peakMemoryBytes: this.peakMemoryBytes,
      oomAt: this.oomAt,
      oomCount: this.oomCount,
      latency: { mean: h.mean(), p50: h.quantile(0.5), p99: h.quantile(0.99), max: h.max() },
      producerPausedSeconds: this.pausedSeconds,
      signals: { pause: this.pauseSignals, resume: this.resumeSignals },
      meanInSystem: this.now > 0 ? this.inSystemIntegral / this.now : 0,
      work: { perEventSteps: this.perEventSteps, bulkSteps: this.bulkSteps },
    };
  }
}

/**
 * Number of points `origin + k / rate` (k >= index) strictly before `endSec`, evaluated with the
 * same expression the per-event path uses, so bulk and per-event counts agree exactly.
 */
function countConstant(origin: number, index: number, rate: number, endSec: number): number {
  let k = Math.max(index, Math.floor((endSec - origin) * rate));
  while (k > index && origin + (k - 1) / rate >= endSec) k--;
  while (origin + k / rate < endSec) k++;
  return k - index;
}
