/**
 * The queue model: a producer feeding a consumer through a FIFO queue under one of the queue
 * strategies (unbounded, drop-newest, drop-oldest, block, watermark), with the producer's
 * reaction to "stop" (slow, buffer, drop), out-of-memory crashes and an optional crash loop.
 *
 * The exact event semantics are in SEMANTICS.md beside this file. The model is a discrete-event
 * loop (next control event / next completion / next producer tick) that skips ahead in bulk over
 * stretches where nothing can interact: the server stays busy and no threshold (capacity,
 * watermark, memory limit) can be reached. A stretch of 100,000 events/s then costs a few
 * arithmetic operations, and the FIFO queue holds runs of evenly spaced events, not events.
 */
import { COL } from "../../engine/columnStore";
import {
  copyModel,
  scratchContext,
  type Model,
  type ModelFigures,
  type ModelLive,
  type StepBudget,
} from "../../engine/model";
import { ExponentialBatch, nextExponential, type RngState } from "../../engine/rng";
import type { RunContext } from "../../engine/runContext";
import { bucketEdges } from "../../engine/latencyHistogram";
import { RunQueue } from "../../engine/runQueue";
import {
  constantHorizon,
  countConstant,
  countThrough,
  drawRun,
  finishRun,
  popFinishing,
  MIN_BULK_EVENTS,
  MIN_RANDOM_ROOM,
  newSavedStream,
  randomHorizon,
  restoreStream,
  saveStream,
  type Run,
} from "../../engine/stretchKit";
import { PRODUCER_BLOCKED, PRODUCER_PAUSED, PRODUCER_RUNNING } from "../../engine/model";
import { firstTick, followingTickSec, retimedTicks, type TickSchedule } from "../../engine/tickClock";
import { newStableStretch, stableGapHolds, stableStretch } from "./stableStretch";
import { PlainSetup } from "./plainSetup";
import { scenarioModel } from "../../theory";
import type { Scenario } from "../../scenario/params";

/** The result of a stable stretch (module-level, so that no object is allocated per stretch). */
const STABLE = newStableStretch();
/**
 * The plain loop's batches of random gaps and service times (runPlainEvents): scratch space,
 * begun and settled within each call, so every model may share them.
 */
const ARRIVAL_GAPS = new ExponentialBatch();
const SERVICE_TIMES = new ExponentialBatch();

/** Runs drawn by the stretch kit (module-level, so that no object is allocated per stretch). */
const doneRun: Run = { count: 0, first: 0, step: 0, next: 0 };
const tickRun: Run = { count: 0, first: 0, step: 0, next: 0 };
/** The edges of the latency bucket the tie loop counts into (module-level: no allocation). */
const BIN = new Float64Array(2);
/** The streams' states before a random stretch's draws, put back if the stretch is refused. */
const SAVED_SERVICE = newSavedStream();
const SAVED_ARRIVALS = newSavedStream();

/** Events per call of the plain loop (runPlainEvents): a few thousand, so its set-up costs nothing. */
const PLAIN_CHUNK = 4096;

/**
 * The plain loop's fractional state between two events (runPlainEvents): the clock, the next
 * arrival and completion, the emit time of the event in service, the time integral and the
 * oldest event's age extremes. Kept in a typed array rather than in variables carried around the
 * loop: V8 compiles a loop that has run long in one call on the fly (on-stack replacement), and
 * such code holds fractional loop variables as heap numbers, one allocation per change (about
 * 45 bytes an event, a tenth of the time in the garbage collector); a typed array holds them
 * unboxed in any code.
 */
const LOOP = new Float64Array(11);
const L_NOW = 0;
const L_TA = 1;
const L_TD = 2;
const L_EMIT = 3;
const L_INTEGRAL = 4;
const L_AGE_LO = 5;
const L_AGE_HI = 6;
/** The interval histogram's running sum of latencies, s. */
const L_SUM = 7;
/** Figures only some events change (a drop, a block, a release): kept here for the same reason. */
const L_LAST_DROP = 8;
const L_PAUSED = 9;
const L_RELEASED = 10;

const SIGNAL_PAUSE = 0;
const SIGNAL_RESUME = 1;

/** The queue strategies' model. See the file comment and SEMANTICS.md. */
export class QueueModel implements Model {
  /**
   * Simulated time, s. This and the other fractional fields are declared NaN and set in the
   * constructor: V8 takes a field's representation from its first value, and a field born a
   * small integer that later holds a fraction changes the class's hidden shape during the first
   * run, which throws away the compiled loops that read the model (see {@link runPlainEvents}).
   */
  now = NaN;
  private sc: Scenario;
  /** The producer's stream and the service stream (RunStreams in rng.ts). */
  private arrivalRng: RngState;
  private serviceRng: RngState;

  // Producer: constant ticks fall at arrOrigin + arrIndex / producer.
  private arrOrigin = NaN;
  private arrIndex = 0;
  private nextTickSec = NaN;
  private pstate = PRODUCER_RUNNING;
  private upstream = new RunQueue();

  // Consumer: constant completions fall at busyOrigin + busyIndex / consumer.
  private waiting = new RunQueue();
  private busy = false;
  private serviceEmitSec = NaN;
  private busyOrigin = NaN;
  private busyIndex = 0;
  private nextCompletionSec = Infinity;
  private consumerUp = true;
  private restartAtSec = Infinity;

  // Watermark signals in flight to the producer (FIFO: equal delays keep time order).
  private signalledPause = false;
  private signalTimes: number[] = [];
  private signalKinds: number[] = [];

  /**
   * Whether the common state goes through {@link runPlainEvents} (default true). False sends
   * every event through the general handlers: the same samples bit for bit, slower; tests use it
   * to check the loop.
   */
  plainLoop = true;
  /** Whether {@link tryStableBulk} may apply: constant processes, the consumer faster. */
  private stableConstant = false;
  /** The scenario's figures for {@link runPlainEvents} (see plainSetup.ts); set with `sc`. */
  private plain: PlainSetup;

  /** A run of blocks is one episode in the log; it ends when a sample interval has none. */
  private blocking = false;
  private blockedThisInterval = false;
  private lastReleaseSec = NaN;

  /**
   * Starts the model at `startSec` with an empty queue. `bulk` false handles every event singly
   * (tests use it to check the bulk shortcuts).
   */
  constructor(
    private ctx: RunContext,
    scenario: Scenario,
    private readonly bulk: boolean,
    startSec = 0,
  ) {
    this.sc = { ...scenario };
    this.arrivalRng = ctx.streams.arrivals;
    this.serviceRng = ctx.streams.service;
    this.now = startSec;
    this.busyOrigin = 0;
    this.lastReleaseSec = 0;
    this.stableConstant = isStableConstant(scenario);
    this.plain = new PlainSetup(this.sc, this.maxInSystem());
    this.setTicks(firstTick(scenario, startSec, this.arrivalRng));
  }

  private ticks(): TickSchedule {
    return { originSec: this.arrOrigin, index: this.arrIndex, nextSec: this.nextTickSec };
  }

  private setTicks(t: TickSchedule): void {
    this.arrOrigin = t.originSec;
    this.arrIndex = t.index;
    this.nextTickSec = t.nextSec;
  }

  /** A deep copy bound to `ctx`. */
  clone(ctx: RunContext): QueueModel {
    const copy = copyModel(this, new QueueModel(scratchContext(), this.sc, this.bulk, this.now), ctx);
    copy.upstream = this.upstream.clone();
    copy.waiting = this.waiting.clone();
    copy.signalTimes = this.signalTimes.slice();
    copy.signalKinds = this.signalKinds.slice();
    return copy;
  }

  /** Events held: waiting, in service and in the producer's buffer. */
  held(): number {
    return this.waiting.size + (this.busy ? 1 : 0) + this.upstream.size;
  }

  private dropAt(n: number): void {
    this.ctx.drop(n, this.now);
  }

  // ---------------------------------------------------------------- parameters

  /**
   * Changes parameters from the current time on. Scheduled ticks and completions keep their
   * times; later ones follow the new rates. A smaller capacity drops the newest excess events.
   */
  setScenario(prev: Scenario, next: Scenario): void {
    this.sc = { ...next };
    this.stableConstant = isStableConstant(next);
    this.plain = new PlainSetup(this.sc, this.maxInSystem());
    const s = this.sc;
    const ticks = retimedTicks(prev, next, this.ticks(), this.now, this.arrivalRng);
    if (ticks) this.setTicks(ticks);
    if ((next.consumer !== prev.consumer || next.service !== prev.service) && this.busy) {
      if (s.service === "constant") {
        this.busyOrigin = prev.service === "constant" ? this.nextCompletionSec : this.now;
        this.busyIndex = prev.service === "constant" ? 0 : 1;
        this.nextCompletionSec = this.busyOrigin + this.busyIndex / s.consumer;
      } else {
        this.nextCompletionSec = this.now + nextExponential(this.serviceRng, s.consumer);
      }
    }
    if (s.strategy !== "watermark" && prev.strategy === "watermark") {
      this.signalledPause = false;
      this.signalTimes.length = 0;
      this.signalKinds.length = 0;
    }
    if (this.pstate === PRODUCER_PAUSED && s.strategy !== "watermark") this.releaseProducer();
    if (this.pstate === PRODUCER_BLOCKED && s.strategy !== "block") this.releaseProducer();
    if (this.pstate !== PRODUCER_RUNNING && next.onPause !== prev.onPause) this.reactToStopAgain();
    if (s.strategy !== "unbounded" && this.waiting.size > s.capacity) {
      const excess = this.waiting.size - s.capacity;
      this.waiting.popBack(excess);
      this.dropAt(excess);
    }
    if (this.consumerUp) this.checkMemory();
    if (s.restart > 0 && !this.consumerUp && !Number.isFinite(this.restartAtSec) && this.ctx.oomAt !== null) {
      this.restartAtSec = this.now + s.restart;
    }
  }

  // ---------------------------------------------------------------- running

  /**
   * Handles every event with a time strictly before `endSec`, then sets the clock to it. A
   * `budget` stops it at an event boundary (see Model.advanceTo): every stop is at the top of
   * the loop, where the next call starts again, and each step depends only on the state and
   * `endSec`, so a run cut anywhere is the run not cut.
   */
  advanceTo(endSec: number, budget?: StepBudget): boolean {
    for (;;) {
      if (budget !== undefined && budget.left <= 0) return false;
      // The common state goes through a tight per-event loop; it returns at any boundary.
      if (this.plainLoop && this.consumerUp && this.pstate === PRODUCER_RUNNING) {
        // The loop hands back every PLAIN_CHUNK events and is called again at once (see there).
        let resume = false;
        while (this.runPlainEvents(endSec, budget, resume)) resume = true;
        if (budget !== undefined && budget.left <= 0) return false;
      }
      const tc = this.signalTimes.length > 0 || this.restartAtSec !== Infinity ? this.nextControlSec() : Infinity;
      const td = this.nextCompletionSec;
      const ta = this.nextTickSec;
      const first = tc < td ? (tc < ta ? tc : ta) : td < ta ? td : ta;
      if (!(first < endSec)) break;
      if (budget !== undefined) budget.left--;
      // A bulk stretch needs a busy server with a backlog, or a dead consumer.
      if (this.bulk && (this.waiting.size > 1 || !this.consumerUp) && this.tryBulk(tc < endSec ? tc : endSec)) {
        this.ctx.stepped(true);
        continue;
      }
      // A stable constant-rate run: nothing waits, each arrival is served before the next (or,
      // at equal rates, rounding decides: the exact loop of runTieEvents).
      if (this.bulk && this.stableConstant && this.waiting.size <= 1) {
        const limit = tc < endSec ? tc : endSec;
        if (this.waiting.size === 0 && this.tryStableBulk(limit)) {
          this.ctx.stepped(true);
          continue;
        }
        if (this.runTieEvents(limit)) {
          this.ctx.stepped(true);
          continue;
        }
      }
      this.moveClock(first);
      this.ctx.perEventSteps++;
      if (tc <= td && tc <= ta) this.handleControl();
      else if (td <= ta) this.handleCompletion();
      else this.handleTick();
      this.ctx.stepped(false);
    }
    if (endSec > this.now) this.moveClock(endSec);
    return true;
  }

  /** Moves the clock forward over a stretch with no events, integrating time-weighted figures. */
  private moveClock(toSec: number): void {
    const dt = toSec - this.now;
    if (dt > 0) {
      this.ctx.inSystemIntegral += (this.waiting.size + (this.busy ? 1 : 0)) * dt;
      if (this.pstate !== PRODUCER_RUNNING) this.ctx.pausedSeconds += dt;
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
    this.ctx.log.add(this.now, "restart", 0);
  }

  private handleTick(): void {
    const s = this.sc;
    this.ctx.produced++;
    this.scheduleNextTick();
    if (this.pstate !== PRODUCER_RUNNING) {
      if (s.onPause === "buffer") {
        this.upstream.push(this.now, 0, 1);
        this.checkProducerMemory();
      } else {
        this.dropAt(1);
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
    this.arrIndex++;
    this.nextTickSec = followingTickSec(this.sc, this.arrOrigin, this.arrIndex, this.now, this.arrivalRng);
  }

  /**
   * Offers one event (emitted at `emitSec`) to the consumer. `fromUpstream` means the event is the
   * head of the producer's buffer and leaves it only if accepted.
   */
  private offer(emitSec: number, fromUpstream: boolean): void {
    const s = this.sc;
    if (!this.consumerUp) {
      if (fromUpstream) this.upstream.popFront(1);
      this.ctx.lost++;
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
          this.dropAt(1);
          return;
        case "block":
          this.block(fromUpstream);
          return;
        default:
          // drop-newest, and the watermark queue's QueueFull.
          if (fromUpstream) this.upstream.popFront(1);
          if (s.strategy === "watermark" && !this.ctx.dropping) this.ctx.log.add(this.now, "queue-full", s.capacity);
          this.dropAt(1);
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
      this.ctx.log.add(this.now, "blocked", this.waiting.size);
      this.blocking = true;
    }
    if (s.onPause === "slow") {
      // The tick is withheld: the event is emitted when the producer is released. A buffer left
      // from an earlier "buffer" (a change) already holds the new tick: it waits there.
      if (!fromUpstream) this.ctx.produced--;
      this.nextTickSec = Infinity;
    } else if (s.onPause === "buffer") {
      if (!fromUpstream) {
        this.upstream.push(this.now, 0, 1);
        this.checkProducerMemory();
      }
    } else {
      if (fromUpstream) this.upstream.popFront(1);
      this.dropAt(1);
    }
  }

  /**
   * A stopped producer whose reaction to "stop" changed: a slow one now waits (its clock stops);
   * a hot one (buffer, drop) keeps emitting from this instant into its buffer or the void.
   */
  private reactToStopAgain(): void {
    if (this.sc.onPause === "slow") {
      this.nextTickSec = Infinity;
    } else if (!Number.isFinite(this.nextTickSec)) {
      this.setTicks({ originSec: this.now, index: 0, nextSec: this.now });
    }
  }

  /** Lets a paused or blocked producer run again, at this instant. */
  private releaseProducer(): void {
    const wasBlocked = this.pstate === PRODUCER_BLOCKED;
    this.pstate = PRODUCER_RUNNING;
    if (wasBlocked) this.lastReleaseSec = this.now;
    // A stopped clock restarts now whatever the reaction in force: it may have been stopped under
    // "slow" before a change to buffer or drop.
    if (this.sc.onPause === "slow" || !Number.isFinite(this.nextTickSec)) {
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
      this.nextCompletionSec = this.now + nextExponential(this.serviceRng, this.sc.consumer);
    }
  }

  /** Records a peak of the waiting queue (and the memory it implies) seen inside a stretch. */
  private notePeak(waiting: number): void {
    this.ctx.notePeak(waiting, this.sc.baseline + (waiting + (this.busy ? 1 : 0)) * this.sc.eventBytes);
  }

  /** After an event joined the consumer: memory limit, watermark HIGH, statistics. */
  private afterJoin(): void {
    const q = this.waiting.size;
    if (q > this.ctx.maxQueued) this.ctx.maxQueued = q;
    if (this.checkMemory()) return;
    if (this.sc.strategy === "watermark" && !this.signalledPause && q >= this.sc.high) {
      this.signalledPause = true;
      this.signal(SIGNAL_PAUSE);
    }
  }

  private signal(kind: number): void {
    if (kind === SIGNAL_PAUSE) this.ctx.pauseSignals++;
    else this.ctx.resumeSignals++;
    this.ctx.log.add(this.now, kind === SIGNAL_PAUSE ? "pause" : "resume", this.waiting.size);
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
    if (mem > this.ctx.peakMemoryBytes) this.ctx.peakMemoryBytes = mem;
    if (mem <= this.sc.memory) return false;
    this.ctx.recordOom(this.now, this.waiting.size + (this.busy ? 1 : 0));
    this.waiting.clear();
    this.busy = false;
    this.nextCompletionSec = Infinity;
    this.consumerUp = false;
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
    this.ctx.lost += held;
    this.upstream.clear();
    this.ctx.log.add(this.now, "producer-oom", held);
  }

  private handleCompletion(): void {
    this.ctx.intervalHist.add(this.now - this.serviceEmitSec);
    this.ctx.consumed++;
    if (this.waiting.size > 0) {
      this.serviceEmitSec = this.waiting.headTime();
      this.waiting.popFront(1);
      if (this.sc.service === "constant") {
        this.busyIndex++;
        this.nextCompletionSec = this.busyOrigin + this.busyIndex / this.sc.consumer;
      } else {
        this.nextCompletionSec = this.now + nextExponential(this.serviceRng, this.sc.consumer);
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

  // ---------------------------------------------------------------- the plain random path

  /**
   * The per-event path for the common state of a run, as one tight loop: the consumer up,
   * the producer running with nothing buffered, no signal in flight, no pause asked for. Every
   * event is handled exactly as handleTick and handleCompletion would (the same draws in the
   * same order, the same arithmetic, so the same samples bit for bit), with the state in local
   * variables. The loop returns, leaving the event to the general path, at any boundary: an
   * arrival that would reach a capacity, a watermark or the memory limit, a first drop of a
   * burst (it is logged), the first block of an episode (it is logged; then a cold producer's
   * blocks and releases stay in the loop), and a queue deep enough for a bulk
   * stretch (the general path tries one before each event there: with random processes from
   * 64 waiting events to 64 short of the nearest bound, with constant ones from two). It also
   * returns, before an event, when `budget` is spent; it takes its events out of the budget.
   *
   * It also returns true after {@link PLAIN_CHUNK} events, with its random batches left open,
   * for the caller to call it again at once with `resume` true (nothing may draw in between):
   * calls of a bounded length let V8 compile the loop as a whole function, with feedback for its
   * set-up, instead of leaving a long run in code compiled on the fly for one long call (on-stack
   * replacement), whose loop variables it boxes (a heap number per event and variable).
   */
  private runPlainEvents(endSec: number, budget: StepBudget | undefined, resume: boolean): boolean {
    // A resumed call finds the state the last one left: nothing of these changes in the loop
    // (were it otherwise, the open batches are settled before the general path goes on).
    if (this.upstream.size > 0 || this.signalTimes.length > 0 || this.signalledPause) return settleOpen(resume);
    if (this.restartAtSec !== Infinity) return settleOpen(resume);
    // The scenario's figures come from `plain`, an object of one fixed class (plainSetup.ts).
    const s = this.plain;
    const ctx = this.ctx;
    const waiting = this.waiting;
    const bounded = s.bounded;
    const watermark = s.watermark;
    const maxIn = s.maxInSystem;
    // An arrival at an idle server must fit in memory and stay under HIGH.
    if (maxIn < 1 || (watermark && s.high < 1)) return settleOpen(resume);
    // Largest queue an arrival may find and join without meeting a boundary.
    let plainMax = maxIn - 2;
    if (bounded && s.capacity - 1 < plainMax) plainMax = s.capacity - 1;
    if (watermark && s.high - 2 < plainMax) plainMax = s.high - 2;
    // Drops at a full queue that change nothing but counts (once a burst is open and logged).
    // Scenario figures read once, before the loop: a read of `s` after it checks its map, and
    // a scenario copied under other parameters can carry another (a deoptimisation per call).
    const capacity = s.capacity;
    const baseline = s.baseline;
    const eventBytes = s.eventBytes;
    const dropNewest = s.dropNewest;
    const dropOldest = s.dropOldest;
    // A cold producer at a full blocking queue: its tick is withheld until the next completion
    // releases it (once the episode is open and logged).
    const blockSlow = s.blockSlow;
    // Where the general path would try a random bulk stretch before the event (see tryBulk):
    // the loop stays where that try is certain to decline, so that it changes nothing.
    let upLimit = maxIn - 1;
    if (bounded && s.capacity < upLimit) upLimit = s.capacity;
    if (watermark && s.high - 1 < upLimit) upLimit = s.high - 1;
    // With constant processes every queue of two or more may be a closed-form stretch.
    const constant = s.constantArrivals && s.constantService;
    const deepFrom = this.bulk ? (constant ? 2 : MIN_RANDOM_ROOM) : Infinity;
    const deepTo = this.bulk ? (constant ? Infinity : upLimit - MIN_RANDOM_ROOM) : -Infinity;
    // A stable constant-rate run leaves the loop as soon as a closed-form stretch can start.
    const stable = this.bulk && this.stableConstant && this.stableAllowed(endSec);
    // At equal rates the tie loop takes every state with at most one event waiting.
    const tie = this.bulk && this.stableConstant && !stable && this.tieAllowed(endSec);

    // Random gaps and service times come in batches (rng.ts): read from typed arrays, settled at the end.
    const arrivalBatch = ARRIVAL_GAPS;
    const serviceBatch = SERVICE_TIMES;
    if (!resume) {
      arrivalBatch.begin(this.arrivalRng, s.producer);
      serviceBatch.begin(this.serviceRng, s.consumer);
    }
    const arrivalGaps = arrivalBatch.gaps;
    const serviceTimes = serviceBatch.gaps;
    let arrivalsDrawn = arrivalBatch.drawn;
    let arrivalsUsed = arrivalBatch.used;
    let servicesDrawn = serviceBatch.drawn;
    let servicesUsed = serviceBatch.used;
    const hist = ctx.intervalHist;
    const lambda = s.producer;
    const mu = s.consumer;
    const constantArrivals = s.constantArrivals;
    const constantService = s.constantService;
    // The fractional figures every event changes live in a typed array between events (see LOOP).
    const L = LOOP;
    L[L_NOW] = this.now;
    L[L_TA] = this.nextTickSec;
    L[L_TD] = this.nextCompletionSec;
    L[L_EMIT] = this.serviceEmitSec;
    L[L_INTEGRAL] = ctx.inSystemIntegral;
    L[L_AGE_LO] = Infinity;
    L[L_AGE_HI] = -Infinity;
    L[L_SUM] = hist.sumSec;
    let busy = this.busy;
    let arrIndex = this.arrIndex;
    let busyOrigin = this.busyOrigin;
    let busyIndex = this.busyIndex;
    let maxQueued = ctx.maxQueued;
    let maxJoinedInSystem = 0;
    let steps = 0;
    let produced = 0;
    let consumed = 0;
    let dropped = 0;
    L[L_LAST_DROP] = ctx.lastDropSec;
    let blocked = false;
    L[L_PAUSED] = ctx.pausedSeconds;
    L[L_RELEASED] = NaN;
    // The envelope of the levels over the loop's events (the general path notes the state after
    // every event; the loop keeps the same extremes in locals and notes them once at its end).
    // Only the events that can make a new extreme are looked at: the queue grows at a push and
    // shrinks at a completion; the oldest event's age grows between completions (so its peak is
    // the state just before one, or the last state) and drops at a completion or an eviction (0
    // whenever the queue was empty). Events in the system (memory) follow from the queue and
    // the server: idle means an empty queue. The state before the loop was noted already, and the
    // first state in it is noted whole.
    let qLo = Infinity;
    let qHi = -Infinity;
    let bLo = 1;
    let bHi = 0;
    const budgetLeft = budget === undefined ? Infinity : budget.left;
    const maxSteps = budgetLeft > PLAIN_CHUNK ? PLAIN_CHUNK : budgetLeft;
    for (;;) {
      if (steps >= maxSteps) break;
      let now = L[L_NOW];
      let ta = L[L_TA];
      let td = L[L_TD];
      let emitSec = L[L_EMIT];
      let integral = L[L_INTEGRAL];
      let ageLo = L[L_AGE_LO];
      let ageHi = L[L_AGE_HI];
      const q = waiting.size;
      if (q >= deepFrom && q <= deepTo) break;
      if (stable && q === 0 && (!busy || td <= ta)) break;
      if (tie && q <= 1) break;
      // One place draws the service time of an event entering service (so that the draw, a
      // small function, is inlined here: fewer call sites keep the loop within V8's budget).
      let serve = false;
      if (td <= ta) {
        if (!(td < endSec)) break;
        // A completion (busy, since td is finite).
        const dt = td - now;
        if (dt > 0) {
          integral += (q + 1) * dt;
          if (blocked) L[L_PAUSED] += dt;
        }
        const before = now;
        now = td;
        // hist.add, with the sum kept in L (the same additions in the same order).
        const latency = now - emitSec;
        hist.addCopiesUnsummed(latency, 1);
        L[L_SUM] += latency;
        consumed++;
        if (q > 0) {
          emitSec = waiting.shiftOne();
          if (constantService) busyIndex++;
          serve = true;
          if (blocked) {
            // releaseProducer: a cold producer ticks at once, its clock restarted here.
            blocked = false;
            L[L_RELEASED] = now;
            this.arrOrigin = now;
            arrIndex = 0;
            ta = now;
          }
          // The age the state before this completion had (its head is the event now served).
          const peak = before - emitSec;
          if (peak > ageHi) ageHi = peak;
          const age = q > 1 ? now - waiting.headTime() : 0;
          if (age < ageLo) ageLo = age;
          if (q - 1 < qLo) qLo = q - 1;
        } else {
          busy = false;
          td = Infinity;
          bLo = 0;
          qLo = 0;
          ageLo = 0;
        }
      } else {
        if (!(ta < endSec)) break;
        const full = busy && q > plainMax;
        const fullQueue = full && q >= capacity;
        if (full && !(fullQueue && (((dropNewest || dropOldest) && ctx.dropping) || (blockSlow && this.blocking)))) {
          break;
        }
        // An arrival.
        const dt = ta - now;
        if (dt > 0) integral += (q + (busy ? 1 : 0)) * dt;
        now = ta;
        produced++;
        arrIndex++;
        if (constantArrivals) ta = this.arrOrigin + arrIndex / lambda;
        else {
          if (arrivalsUsed === arrivalsDrawn) {
            arrivalsDrawn = arrivalBatch.fill();
            arrivalsUsed = 0;
          }
          ta = now + arrivalGaps[arrivalsUsed++];
        }
        if (full && blockSlow) {
          // block(): the producer stops and its tick is withheld (its gap is drawn all the same).
          produced--;
          ta = Infinity;
          blocked = true;
          this.blockedThisInterval = true;
        } else if (full) {
          if (dropOldest) {
            // The head goes: the age peaked just before, and drops to the new head's.
            const peak = now - dt - waiting.headTime();
            if (peak > ageHi) ageHi = peak;
            this.evictOldest(now);
            const age = now - waiting.headTime();
            if (age < ageLo) ageLo = age;
          }
          dropped++;
          L[L_LAST_DROP] = now;
        } else if (!busy) {
          busy = true;
          emitSec = now;
          if (constantService) {
            busyOrigin = now;
            busyIndex = 1;
          }
          serve = true;
          if (maxJoinedInSystem < 1) maxJoinedInSystem = 1;
          bHi = 1;
          qLo = 0;
          ageLo = 0;
        } else {
          waiting.pushOne(now);
          if (q + 1 > maxQueued) maxQueued = q + 1;
          if (q + 2 > maxJoinedInSystem) maxJoinedInSystem = q + 2;
          if (q + 1 > qHi) qHi = q + 1;
          if (q === 0) ageLo = 0;
        }
      }
      // As startService and handleCompletion: constant completions at busyOrigin + k / mu.
      if (serve) {
        if (constantService) td = busyOrigin + busyIndex / mu;
        else {
          if (servicesUsed === servicesDrawn) {
            servicesDrawn = serviceBatch.fill();
            servicesUsed = 0;
          }
          td = now + serviceTimes[servicesUsed++];
        }
      }
      if (steps === 0) {
        // The first state is a candidate too: the state before the loop may have been noted under
        // other parameters (a change of eventBytes moves every memory figure).
        const q1 = waiting.size;
        const age1 = q1 > 0 ? now - waiting.headTime() : 0;
        if (q1 < qLo) qLo = q1;
        if (q1 > qHi) qHi = q1;
        if (age1 < ageLo) ageLo = age1;
        if (age1 > ageHi) ageHi = age1;
        if (busy) bHi = 1;
        else bLo = 0;
      }
      L[L_NOW] = now;
      L[L_TA] = ta;
      L[L_TD] = td;
      L[L_EMIT] = emitSec;
      L[L_INTEGRAL] = integral;
      L[L_AGE_LO] = ageLo;
      L[L_AGE_HI] = ageHi;
      steps++;
    }
    const now = L[L_NOW];
    hist.sumSec = L[L_SUM];
    let ageLo = L[L_AGE_LO];
    let ageHi = L[L_AGE_HI];
    // Stopped by the chunk's length alone: the caller calls again at once, the batches stay open.
    // (A blocked producer leaves the common state: the general path takes over.)
    const chunked = steps === PLAIN_CHUNK && budgetLeft > PLAIN_CHUNK && !blocked;
    if (chunked) {
      arrivalBatch.used = arrivalsUsed;
      serviceBatch.used = servicesUsed;
    } else {
      arrivalBatch.settle(arrivalsUsed);
      serviceBatch.settle(servicesUsed);
    }
    if (steps > 0) {
      // The last state is a candidate for every extreme.
      const qEnd = waiting.size;
      const ageEnd = qEnd > 0 ? now - waiting.headTime() : 0;
      if (qEnd < qLo) qLo = qEnd;
      if (qEnd > qHi) qHi = qEnd;
      if (ageEnd < ageLo) ageLo = ageEnd;
      if (ageEnd > ageHi) ageHi = ageEnd;
      if (busy) bHi = 1;
      else bLo = 0;
      // Idle means an empty queue: the fewest in the system is 0 if the server was ever idle,
      // the most is the longest queue plus the event in service.
      const nLo = bLo === 0 ? 0 : qLo + 1;
      const nHi = qHi > 0 ? qHi + 1 : bHi;
      const env = ctx.envelope;
      env.noteRange("queued", qLo, qHi);
      env.noteRange("inService", bLo, bHi);
      env.noteRange("memoryBytes", baseline + nLo * eventBytes, baseline + nHi * eventBytes);
      env.noteRange("oldestAgeSec", ageLo, ageHi);
    }
    this.now = now;
    this.nextTickSec = L[L_TA];
    this.nextCompletionSec = L[L_TD];
    this.busy = busy;
    this.serviceEmitSec = L[L_EMIT];
    if (blocked) this.pstate = PRODUCER_BLOCKED;
    const releasedSec = L[L_RELEASED];
    if (releasedSec === releasedSec) this.lastReleaseSec = releasedSec;
    ctx.pausedSeconds = L[L_PAUSED];
    this.arrIndex = arrIndex;
    this.busyOrigin = busyOrigin;
    this.busyIndex = busyIndex;
    ctx.inSystemIntegral = L[L_INTEGRAL];
    ctx.maxQueued = maxQueued;
    ctx.perEventSteps += steps;
    if (budget !== undefined) budget.left -= steps;
    ctx.produced += produced;
    ctx.consumed += consumed;
    if (dropped > 0) {
      ctx.dropped += dropped;
      ctx.burstDropped += dropped;
      ctx.lastDropSec = L[L_LAST_DROP];
    }
    // The memory peak is reached at the largest join (the same expression as memoryBytes()).
    if (maxJoinedInSystem > 0) {
      const mem = baseline + maxJoinedInSystem * eventBytes;
      if (mem > ctx.peakMemoryBytes) ctx.peakMemoryBytes = mem;
    }
    return chunked;
  }

  /**
   * A stable constant-rate stretch to `limitSec` (see stableStretch.ts): the consumer at least as
   * fast as the producer, nothing waiting, the producer running, no signal or restart pending,
   * and the event in service (if any) finishing before the next arrival. The same in every
   * strategy: a queue that never holds anything meets no capacity and no watermark. Returns
   * false, having changed nothing, where that does not hold.
   */
  private tryStableBulk(limitSec: number): boolean {
    const s = this.sc;
    if (!this.consumerUp || this.pstate !== PRODUCER_RUNNING || this.upstream.size > 0) return false;
    if (this.signalTimes.length > 0 || this.signalledPause || this.restartAtSec !== Infinity) return false;
    if (!Number.isFinite(this.nextTickSec) || (this.busy && this.nextCompletionSec > this.nextTickSec)) return false;
    if (!this.stableAllowed(limitSec)) return false;
    const r = stableStretch(
      STABLE,
      this.arrOrigin,
      this.arrIndex,
      this.nextTickSec,
      s.producer,
      s.consumer,
      this.busy ? this.nextCompletionSec : Infinity,
      this.serviceEmitSec,
      this.now,
      limitSec,
    );
    if (r.arrivals < MIN_BULK_EVENTS) return false;
    const ctx = this.ctx;
    ctx.bulkSteps++;
    if (!Number.isNaN(r.heldLatencySec)) ctx.recordLatency(1, r.heldLatencySec, r.heldLatencySec);
    ctx.recordLatency(r.finished, r.firstLatencySec, r.lastLatencySec);
    ctx.produced += r.arrivals;
    ctx.consumed += r.completions;
    ctx.inSystemIntegral += r.busySec;
    // Each arrival joined an idle server: one event in the system, none waiting.
    const mem = s.baseline + s.eventBytes;
    if (mem > ctx.peakMemoryBytes) ctx.peakMemoryBytes = mem;
    this.arrIndex += r.arrivals;
    this.nextTickSec = this.arrOrigin + this.arrIndex / s.producer;
    this.busy = r.busyAtEnd;
    this.nextCompletionSec = r.nextCompletionSec;
    if (r.busyAtEnd) {
      this.busyOrigin = r.lastArrivalSec;
      this.busyIndex = 1;
    }
    this.serviceEmitSec = r.lastArrivalSec;
    this.now = limitSec;
    return true;
  }

  /**
   * The scenario's part of {@link tryStableBulk}'s conditions: each arrival holds one event,
   * which must fit in memory and stay under a watermark's HIGH, and the gap between a completion
   * and the next arrival must survive rounding up to `limitSec`.
   */
  private stableAllowed(limitSec: number): boolean {
    const s = this.sc;
    if (this.maxInSystem() < 1 || (s.strategy === "watermark" && s.high < 1)) return false;
    return stableGapHolds(s.producer, s.consumer, Math.max(Math.abs(this.arrOrigin), limitSec));
  }

  /**
   * Whether {@link runTieEvents} may run up to `limitSec`: a stable constant-rate run whose gap
   * between a completion and the next arrival does not survive rounding (equal rates), with
   * room for one event waiting and one in service (memory, capacity, below a watermark's HIGH).
   */
  private tieAllowed(limitSec: number): boolean {
    const s = this.sc;
    if (this.stableAllowed(limitSec) || this.maxInSystem() < 2) return false;
    if (s.strategy !== "unbounded" && s.capacity < 1) return false;
    return !(s.strategy === "watermark" && s.high < 2);
  }

  /**
   * Constant processes with the consumer as fast as the producer (or closer than rounding can
   * tell): each completion ties with the next arrival, and which comes first is decided by the
   * last bit of two float expressions, so no closed form follows the per-event path. This loop
   * does, exactly and cheaply: the same events in the same order with the same arithmetic as
   * the general handlers (latencies, their sum, the time integral and the peaks included: the
   * same samples bit for bit), with at most one
   * event waiting, held in locals instead of the run queue, and the levels' envelope (the
   * queue 0 or 1, the oldest event's age always 0: a waiting event is served at the next event)
   * kept in locals. It stops before an arrival that would make a second event wait, at
   * `limitSec`, and returns whether it handled any event.
   */
  private runTieEvents(limitSec: number): boolean {
    const s = this.sc;
    if (!this.consumerUp || this.pstate !== PRODUCER_RUNNING || this.upstream.size > 0) return false;
    if (this.signalTimes.length > 0 || this.signalledPause || this.restartAtSec !== Infinity) return false;
    if (this.waiting.size > 1 || !Number.isFinite(this.nextTickSec) || !this.tieAllowed(limitSec)) return false;
    const ctx = this.ctx;
    const hist = ctx.intervalHist;
    const lambda = s.producer;
    const mu = s.consumer;
    const origin = this.arrOrigin;
    let arrIndex = this.arrIndex;
    let ta = this.nextTickSec;
    let td = this.nextCompletionSec;
    let busy = this.busy;
    let emitSec = this.serviceEmitSec;
    let busyOrigin = this.busyOrigin;
    let busyIndex = this.busyIndex;
    let waiting = this.waiting.size;
    let waitingEmitSec = waiting > 0 ? this.waiting.headTime() : NaN;
    let now = this.now;
    let integral = ctx.inSystemIntegral;
    // Latencies here are one service time rounded at each instant, so they nearly always fall in
    // one histogram bucket: counted per bucket, their sum kept in event order and their maximum
    // taken as they come (the histogram's own figures, bit for bit).
    let latencySum = hist.sumSec;
    let latencyMax = hist.maxSec;
    let binLatency = NaN;
    let binCount = 0;
    bucketEdges(NaN, BIN);
    let produced = 0;
    let consumed = 0;
    let steps = 0;
    let maxJoined = 0;
    let qLo = 1;
    let qHi = 0;
    let bLo = 1;
    let bHi = 0;
    for (;;) {
      if (td <= ta) {
        if (!(td < limitSec)) break;
        // A completion (handleCompletion).
        const dt = td - now;
        if (dt > 0) integral += (waiting + 1) * dt;
        now = td;
        const latency = now - emitSec;
        latencySum += latency;
        if (latency > latencyMax) latencyMax = latency;
        if (latency >= BIN[0] && latency < BIN[1]) {
          binCount++;
        } else {
          if (binCount > 0) hist.addCopiesUnsummed(binLatency, binCount);
          binLatency = latency;
          binCount = 1;
          bucketEdges(latency, BIN);
        }
        consumed++;
        if (waiting > 0) {
          emitSec = waitingEmitSec;
          waiting = 0;
          busyIndex++;
          td = busyOrigin + busyIndex / mu;
        } else {
          busy = false;
          td = Infinity;
        }
      } else {
        if (!(ta < limitSec) || (busy && waiting > 0)) break;
        // An arrival (handleTick, offer): into service, or the one place waiting.
        const dt = ta - now;
        if (dt > 0) integral += (waiting + (busy ? 1 : 0)) * dt;
        now = ta;
        produced++;
        arrIndex++;
        ta = origin + arrIndex / lambda;
        if (!busy) {
          busy = true;
          emitSec = now;
          busyOrigin = now;
          busyIndex = 1;
          td = busyOrigin + busyIndex / mu;
          if (maxJoined < 1) maxJoined = 1;
        } else {
          waiting = 1;
          waitingEmitSec = now;
          maxJoined = 2;
        }
      }
      steps++;
      if (waiting < qLo) qLo = waiting;
      if (waiting > qHi) qHi = waiting;
      if (busy) bHi = 1;
      else bLo = 0;
    }
    if (steps === 0) return false;
    if (binCount > 0) hist.addCopiesUnsummed(binLatency, binCount);
    hist.sumSec = latencySum;
    hist.maxSec = latencyMax;
    ctx.bulkSteps++;
    this.waiting.clear();
    if (waiting > 0) this.waiting.pushOne(waitingEmitSec);
    this.now = now;
    this.arrIndex = arrIndex;
    this.nextTickSec = ta;
    this.nextCompletionSec = td;
    this.busy = busy;
    this.serviceEmitSec = emitSec;
    this.busyOrigin = busyOrigin;
    this.busyIndex = busyIndex;
    ctx.inSystemIntegral = integral;
    ctx.produced += produced;
    ctx.consumed += consumed;
    if (qHi > ctx.maxQueued) ctx.maxQueued = qHi;
    const mem = s.baseline + maxJoined * s.eventBytes;
    if (maxJoined > 0 && mem > ctx.peakMemoryBytes) ctx.peakMemoryBytes = mem;
    const env = ctx.envelope;
    env.noteRange("queued", qLo, qHi);
    env.noteRange("inService", bLo, bHi);
    const nLo = bLo === 0 ? 0 : qLo + 1;
    const nHi = qHi > 0 ? qHi + 1 : bHi;
    env.noteRange("memoryBytes", s.baseline + nLo * s.eventBytes, s.baseline + nHi * s.eventBytes);
    env.noteRange("oldestAgeSec", 0, 0);
    return true;
  }

  /** drop-oldest at a full queue: the head is evicted and the event emitted at `nowSec` joins. */
  private evictOldest(nowSec: number): void {
    this.waiting.shiftOne();
    this.waiting.pushOne(nowSec);
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
    if (this.pstate === PRODUCER_PAUSED && this.tryFlapBulk(limitSec)) return true;
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
    const upstreamLimit =
      upstreamRate > 0 ? Math.floor(s.producerMemory / s.eventBytes) - this.upstream.size : Infinity;

    const constant = s.arrivals === "constant" && s.service === "constant";
    let horizon = limitSec - this.now;
    if (constant || (s.service === "constant" && joinRate === 0 && upstreamRate === 0)) {
      // Counts in any window of length h are within one of rate x h, so the queue stays within
      // q0 + (joinRate - consumer) h +- 2 throughout the stretch.
      const fits = constantHorizon(q0, joinRate - s.consumer, upLimit, downLimit);
      if (Number.isNaN(fits)) return false;
      horizon = Math.min(horizon, fits);
      if (upstreamRate > 0) horizon = Math.min(horizon, (upstreamLimit - 2) / upstreamRate);
    } else {
      const up = randomHorizon(upLimit - q0, joinRate);
      const down = randomHorizon(q0 - downLimit, s.consumer);
      const upstream = randomHorizon(upstreamLimit, upstreamRate);
      if (Number.isNaN(up) || Number.isNaN(down) || Number.isNaN(upstream)) return false;
      horizon = Math.min(horizon, up, down, upstream);
    }
    if (!(horizon > 0) || (joinRate + upstreamRate + s.consumer) * horizon < MIN_BULK_EVENTS) return false;
    const endSec = this.now + horizon;

    // Completions in [now, end): their count, the first time and the spacing. A random draw is
    // undone if the stretch is refused (the per-event path then draws the same gaps).
    saveStream(SAVED_SERVICE, this.serviceRng);
    saveStream(SAVED_ARRIVALS, this.arrivalRng);
    const d = drawRun(
      doneRun,
      this.serviceRng,
      s.service === "constant",
      this.busyOrigin,
      this.busyIndex,
      this.nextCompletionSec,
      s.consumer,
      this.now,
      endSec,
      q0 - downLimit,
    );
    const completions = d.count;
    const firstDoneSec = d.first;
    const doneStepSec = d.step;
    // Ticks in [now, end).
    let ticks = 0;
    let firstTickSec = this.nextTickSec;
    let tickStepSec = 0;
    const drewTicks = ticking && (joinRate > 0 || upstreamRate > 0 || s.onPause === "drop");
    if (drewTicks) {
      const t = drawRun(
        tickRun,
        this.arrivalRng,
        s.arrivals === "constant",
        this.arrOrigin,
        this.arrIndex,
        this.nextTickSec,
        s.producer,
        this.now,
        endSec,
        joinRate > 0 ? upLimit - q0 : upstreamRate > 0 ? upstreamLimit : Infinity,
      );
      ticks = t.count;
      firstTickSec = t.first;
      tickStepSec = t.step;
    }
    const joins = joinRate > 0 ? ticks : 0;
    if (!constant) {
      // A random draw beyond the room: handle this stretch one event at a time instead.
      if (q0 + joins > upLimit || q0 - completions < downLimit || (upstreamRate > 0 && ticks > upstreamLimit)) {
        restoreStream(this.serviceRng, SAVED_SERVICE);
        restoreStream(this.arrivalRng, SAVED_ARRIVALS);
        return false;
      }
    }

    this.ctx.bulkSteps++;
    const q1 = q0 + joins - completions;
    this.ctx.inSystemIntegral += ((q0 + q1) / 2 + 1) * horizon;
    if (!running) this.ctx.pausedSeconds += horizon;

    // Producer side.
    this.ctx.produced += ticks;
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
        this.dropAt(ticks);
      }
    }

    // Consumer side: the event in service finishes first, then `completions - 1` from the head;
    // the event popped last enters service.
    if (completions > 0) {
      this.serviceEmitSec = finishRun(
        this.ctx,
        this.serviceEmitSec,
        completions,
        firstDoneSec,
        doneStepSec,
        this.waiting,
      );
      this.ctx.consumed += completions;
    }
    // The peak inside the stretch comes right after an arrival: the first one when the queue
    // shrinks, the last one when it grows (the count of arrivals minus completions is monotone
    // between them up to one event).
    if (joins > 0) {
      const doneBy = (tSec: number) =>
        s.service === "constant"
          ? countThrough(this.busyOrigin, this.busyIndex, s.consumer, tSec)
          : Math.max(0, Math.min(completions, Math.floor((tSec - firstDoneSec) / doneStepSec) + 1));
      const first = q0 + 1 - doneBy(firstTickSec);
      const last = q0 + joins - doneBy(firstTickSec + (joins - 1) * tickStepSec);
      this.notePeak(Math.max(first, last, q1));
    } else {
      this.notePeak(q1);
    }

    // Schedules after the stretch.
    this.now = endSec;
    if (s.service === "constant") {
      this.busyIndex += completions;
      this.nextCompletionSec = this.busyOrigin + this.busyIndex / s.consumer;
    } else {
      this.nextCompletionSec = d.next;
    }
    if (drewTicks) {
      if (s.arrivals === "constant") this.arrIndex += ticks;
      this.nextTickSec = tickRun.next;
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
    const buffers = s.strategy === "block" && s.onPause === "buffer";
    if (s.strategy === "block") {
      // A slow producer left with a buffer (onPause changed) sends from it: one at a time.
      if (holdsBack && (this.pstate !== PRODUCER_BLOCKED || this.upstream.size > 0)) return false;
      // Each release sends the head of the producer's buffer, which must never run dry.
      if (buffers && this.upstream.size === 0) return false;
    } else if (this.pstate !== PRODUCER_RUNNING || this.upstream.size > 0) {
      // A running producer with a backlog sends its buffer's head, not the tick: one at a time.
      return false;
    }
    // A resume must not fire when a completion takes the queue to K - 1.
    if (s.strategy === "watermark" && (!this.signalledPause || s.low >= K - 1)) return false;
    if (!holdsBack && !Number.isFinite(this.nextTickSec)) return false;

    let endSec = limitSec;
    if (buffers) {
      // Every tick of the stretch joins the producer's buffer: stop short of its memory limit.
      const room = Math.floor(s.producerMemory / s.eventBytes) - this.upstream.size - 1;
      endSec = Math.min(endSec, this.nextTickSec + room / s.producer);
    }
    const m = countConstant(this.busyOrigin, this.busyIndex, s.consumer, endSec);
    if (m < MIN_BULK_EVENTS) return false;
    const mu = s.consumer;
    const lambda = s.producer;
    const doneAt = (j: number) => this.busyOrigin + (this.busyIndex + j - 1) / mu; // j = 1 .. m
    const d1 = doneAt(1);
    const dm = doneAt(m);
    const q0 = this.waiting.size;
    this.ctx.bulkSteps++;
    this.ctx.recordLatency(1, d1 - this.serviceEmitSec, d1 - this.serviceEmitSec);

    if (holdsBack) {
      // Released at each completion, the producer's withheld event enters at once; its next
      // tick, 1 / producer later, finds the queue full again.
      this.ctx.produced += m;
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
      this.ctx.pausedSeconds += m * (1 / mu - 1 / lambda);
      this.blockedThisInterval = true;
      this.ctx.inSystemIntegral += (K + 1) * (endSec - this.now);
    } else {
      const ticks = countConstant(this.arrOrigin, this.arrIndex, lambda, endSec);
      const firstTickFrom = (t: number) => this.arrIndex + countConstant(this.arrOrigin, this.arrIndex, lambda, t);
      const tickAt = (n: number) => this.arrOrigin + n / lambda;
      const lastEnd = this.arrIndex + ticks;
      const nLast = firstTickFrom(dm);
      const lastGapTaken = nLast < lastEnd;
      const accepted = buffers ? m : m - 1 + (lastGapTaken ? 1 : 0);
      this.ctx.produced += ticks;
      if (buffers) {
        // Ticks join the producer's buffer; each release moves its head into the queue at once.
        this.upstream.push(tickAt(this.arrIndex), 1 / lambda, ticks);
        this.upstream.popFront(m, (start, step, count) => this.waiting.push(start, step, count));
        this.popFinishing(m, d1, 1 / mu);
      } else if (s.strategy === "drop-oldest") {
        // The queue is always the newest K of [initial queue, ticks of the stretch]; the head a
        // completion takes is therefore the element at the count of ticks before it.
        const emitOfHead = (j: number) => {
          const p = firstTickFrom(doneAt(j)) - this.arrIndex;
          return p < K ? this.waiting.timeAt(p) : tickAt(this.arrIndex + p - K);
        };
        const e1 = emitOfHead(1);
        const em1 = emitOfHead(m - 1);
        const em = emitOfHead(m);
        this.ctx.recordLatency(m - 1, doneAt(2) - e1, dm - em1);
        this.waiting.push(tickAt(this.arrIndex), 1 / lambda, ticks);
        this.waiting.popFront(q0 + ticks - (K - 1 + (lastGapTaken ? 1 : 0)));
        this.serviceEmitSec = em;
      } else {
        const a1 = tickAt(firstTickFrom(d1));
        const aLast = tickAt(firstTickFrom(doneAt(accepted)));
        this.waiting.push(a1, accepted > 1 ? (aLast - a1) / (accepted - 1) : 0, accepted);
        this.popFinishing(m, d1, 1 / mu);
      }
      if (s.strategy === "watermark" && !this.ctx.dropping) this.ctx.log.add(this.now, "queue-full", K);
      if (!buffers) this.dropAt(ticks - accepted);
      if (s.strategy === "block") {
        this.blockedThisInterval = true;
        // Running time: until the first tick if the stretch starts with the producer running,
        // then from each release to the tick that blocks it again.
        const runningAtStart = this.pstate === PRODUCER_RUNNING ? Math.min(this.nextTickSec, d1) - this.now : 0;
        const running = runningAtStart + this.runningAfterReleases(m, doneAt, buffers ? 0 : 1, endSec);
        this.ctx.pausedSeconds += endSec - this.now - running;
        // After the last release the producer runs until its next tick finds the queue full.
        const blockedAgain = buffers ? lastGapTaken : lastGapTaken && nLast + 1 < lastEnd;
        this.pstate = blockedAgain ? PRODUCER_BLOCKED : PRODUCER_RUNNING;
      }
      this.arrIndex += ticks;
      this.nextTickSec = this.arrOrigin + this.arrIndex / lambda;
      this.ctx.inSystemIntegral += (K + 1) * (endSec - this.now) - m / (2 * lambda);
    }
    this.ctx.consumed += m;
    this.busyIndex += m;
    this.nextCompletionSec = this.busyOrigin + this.busyIndex / mu;
    this.now = endSec;
    return true;
  }

  /**
   * Seconds the producer runs in a stretch of `m` releases of a full `block` queue: from each
   * release to the tick that finds the queue full again, which is the first tick at or after the
   * release (`extraTicks` 0, a buffering producer) or the one after it (1: the first is accepted).
   * The last release runs to the end of the stretch at most. A loop over releases, not events.
   */
  private runningAfterReleases(m: number, doneAt: (j: number) => number, extraTicks: number, endSec: number): number {
    const lambda = this.sc.producer;
    let running = 0;
    for (let j = 1; j <= m; j++) {
      const d = doneAt(j);
      const n = this.arrIndex + countConstant(this.arrOrigin, this.arrIndex, lambda, d) + extraTicks;
      running += Math.min(this.arrOrigin + n / lambda, endSec) - d;
    }
    return running;
  }

  /**
   * Watermarks without hysteresis (LOW >= HIGH - 1) and no signal delay: every completion takes
   * the queue to LOW, which resumes a slow producer; it emits at once, the queue is back at HIGH,
   * and it is paused again. One pause and one resume per completion, in closed form.
   */
  private tryFlapBulk(limitSec: number): boolean {
    const s = this.sc;
    const h = s.high;
    if (s.strategy !== "watermark" || s.onPause !== "slow" || s.signalDelay !== 0 || s.service !== "constant")
      return false;
    if (!this.signalledPause || this.signalTimes.length > 0 || s.low < h - 1 || this.waiting.size !== h) return false;
    if (h + 1 > this.maxInSystem()) return false;
    const mu = s.consumer;
    const m = countConstant(this.busyOrigin, this.busyIndex, mu, limitSec);
    if (m < MIN_BULK_EVENTS) return false;
    const d1 = this.nextCompletionSec;
    this.ctx.bulkSteps++;
    this.ctx.recordLatency(1, d1 - this.serviceEmitSec, d1 - this.serviceEmitSec);
    this.waiting.push(d1, 1 / mu, m);
    this.popFinishing(m, d1, 1 / mu);
    this.ctx.produced += m;
    this.ctx.consumed += m;
    this.ctx.pauseSignals += m;
    this.ctx.resumeSignals += m;
    // The log keeps a few signals per window and counts the rest (EventLog caps each window).
    const logged = Math.min(m, MIN_BULK_EVENTS);
    for (let j = 0; j < logged; j++) {
      const t = d1 + j / mu;
      this.ctx.log.add(t, "resume", h - 1);
      this.ctx.log.add(t, "pause", h);
    }
    this.ctx.log.countOnly(["pause", "resume"], m - logged);
    this.ctx.pausedSeconds += limitSec - this.now;
    this.ctx.inSystemIntegral += (h + 1) * (limitSec - this.now);
    this.busyIndex += m;
    this.nextCompletionSec = this.busyOrigin + this.busyIndex / mu;
    this.now = limitSec;
    return true;
  }

  /**
   * Pops `m` events for a stretch of `m` completions at `firstDoneSec + i * stepSec`: the first
   * `m - 1` popped finish at completions 2 .. m (latencies recorded as linear segments) and the
   * last popped enters service. The caller has recorded the first completion (the event that was
   * in service when the stretch began).
   */
  private popFinishing(m: number, firstDoneSec: number, stepSec: number): void {
    this.serviceEmitSec = popFinishing(this.ctx, m, firstDoneSec, stepSec, this.waiting);
  }

  /** While the consumer is down every emitted event is lost: count a stretch of them at once. */
  private bulkWhileDown(limitSec: number): boolean {
    const s = this.sc;
    if (!Number.isFinite(this.nextTickSec) || this.pstate !== PRODUCER_RUNNING || this.upstream.size > 0) return false;
    const horizon = limitSec - this.now;
    if (!(horizon > 0) || !Number.isFinite(horizon) || s.producer * horizon < MIN_BULK_EVENTS) return false;
    const constant = s.arrivals === "constant";
    const r = drawRun(
      tickRun,
      this.arrivalRng,
      constant,
      this.arrOrigin,
      this.arrIndex,
      this.nextTickSec,
      s.producer,
      this.now,
      limitSec,
    );
    const ticks = r.count;
    if (constant) this.arrIndex += ticks;
    this.nextTickSec = r.next;
    this.ctx.bulkSteps++;
    this.ctx.produced += ticks;
    this.ctx.lost += ticks;
    this.now = limitSec;
    return true;
  }

  // ---------------------------------------------------------------- output

  /** Writes the queue's columns of a sample row. */
  writeSample(r: Float64Array): void {
    r[COL.queued] = this.waiting.size;
    r[COL.inService] = this.busy ? 1 : 0;
    r[COL.memoryBytes] = this.consumerUp ? this.memoryBytes() : 0;
    r[COL.producerState] = this.pstate;
    r[COL.consumerUp] = this.consumerUp ? 1 : 0;
    r[COL.oldestAgeSec] = this.waiting.size > 0 ? this.now - this.waiting.headTime() : 0;
    r[COL.upstreamQueued] = this.upstream.size;
    r[COL.upstreamBytes] = this.upstream.size * this.sc.eventBytes;
  }

  /** Closes a blocking episode in the log when a whole interval passed without a block. */
  afterSample(): void {
    if (this.blocking && !this.blockedThisInterval && this.pstate === PRODUCER_RUNNING) {
      this.blocking = false;
      this.ctx.log.add(this.lastReleaseSec, "unblocked", this.waiting.size);
    }
    this.blockedThisInterval = false;
  }

  /** The state right now, for readouts. */
  live(): ModelLive {
    const s = this.sc;
    let timeToOomSec = Infinity;
    const into = this.pstate === PRODUCER_RUNNING ? s.producer : 0;
    const cap = s.strategy === "unbounded" ? Infinity : s.capacity + 1;
    if (this.consumerUp && into > s.consumer && s.baseline + cap * s.eventBytes > s.memory) {
      timeToOomSec = Math.max(0, (s.memory - this.memoryBytes()) / ((into - s.consumer) * s.eventBytes));
    }
    return {
      queued: this.waiting.size,
      inService: this.busy ? 1 : 0,
      memoryBytes: this.consumerUp ? this.memoryBytes() : 0,
      upstreamQueued: this.upstream.size,
      producerState: this.pstate,
      consumerUp: this.consumerUp,
      oldestAgeSec: this.waiting.size > 0 ? this.now - this.waiting.headTime() : 0,
      timeToOomSec,
    };
  }

  /** Analytic figures of the scenario (fluid growth, time to OOM, steady state, watermark cycle). */
  figures(): ModelFigures {
    return { ...scenarioModel(this.sc) };
  }
}

/**
 * Whether a scenario has constant processes with the consumer at least as fast as the producer
 * (equal rates tie every completion with an arrival, decided by rounding: see stableGapHolds
 * and runTieEvents).
 */
function isStableConstant(s: Scenario): boolean {
  return !isRandom(s) && s.consumer >= s.producer;
}

/**
 * Settles the plain loop's random batches left open by its last chunk (`resume`): the streams
 * go back to the draws used. Returns false (the loop's "stopped").
 */
function settleOpen(resume: boolean): false {
  if (resume) {
    ARRIVAL_GAPS.settle(ARRIVAL_GAPS.used);
    SERVICE_TIMES.settle(SERVICE_TIMES.used);
  }
  return false;
}

/** Whether a scenario has a random process (arrivals or service). */
function isRandom(s: Scenario): boolean {
  return s.arrivals !== "constant" || s.service !== "constant";
}
