/**
 * Reactive Streams (spec 1.0.4) as a strategy of the engine: `strategy=reactive`.
 *
 * A publisher (the producer, ticking at the producer rate, constant or Poisson) feeds one
 * subscriber (the consumer, serving one item at a time at the consumer rate) through a
 * Subscription. The subscriber is Reactor's `limitRate(prefetch)`: on subscribe it requests
 * `prefetch`, then each time it has consumed r = prefetch - floor(prefetch x (1 - lowTide)) items
 * (0.75: prefetch - floor(prefetch / 4)) it requests r more (see reactive/demand.ts). Demand
 * saturates at Long.MAX_VALUE (Rule 3.17); request(n <= 0) fails the stream (Rule 3.9).
 *
 * - A cold publisher emits only against demand (Rule 1.1): a tick that finds no demand is held
 *   back, and the source resumes at once when a request arrives, so it never runs faster than the
 *   producer rate and is slowed to the consumer's pace.
 * - A hot publisher ticks regardless; an item nobody has requested goes to the overflow strategy:
 *   an unbounded buffer (memory grows until the consumer's process dies of OOM), a buffer of
 *   `capacity` that drops its oldest, drops the latest, or fails the stream (onError; the buffer
 *   is lost; nothing follows a terminal signal, Rules 1.7 / 1.9), onBackpressureDrop (discard
 *   while demand is 0) or onBackpressureLatest (keep one). A request drains the buffer first.
 *
 * Accounting (produced = consumed + queued + inService + upstreamQueued + dropped + lost at every
 * sample): `queued` = items delivered (onNext) and waiting in the subscriber's prefetch queue +
 * items in the overflow buffer; `inService` = the item being processed; `upstreamQueued` = 0 (the
 * overflow operator runs in the consumer's process, so its buffer is consumer memory:
 * memoryBytes = baseline + (queued + inService) x eventBytes). A cold source's held-back tick is
 * not an item (it was never produced). Latency = finish - emit.
 *
 * Simplifications (say them in the UI too):
 * - One subscriber, one stage: limitRate/publishOn with a single worker processing items in
 *   order; the overflow operator and the subscriber share the consumer's process (and memory).
 * - Signals are instantaneous: a request reaches the publisher, and onNext the subscriber, in
 *   zero time (one process; the queue model's `signalDelay` does not apply).
 * - A cold source counts as paused (producerState 1) whenever it has no outstanding demand.
 * - After onError the subscriber still processes what it had been delivered (publishOn's
 *   delayError); what the overflow buffer held, and the item that overflowed it, are lost. With
 *   `restart` > 0 it subscribes again `restart` seconds later (once it has drained): a retry.
 * - A hot item emitted while nobody is subscribed (after onError, or while the consumer is down
 *   after an OOM) is counted as lost, as the queue model counts events sent to a dead consumer.
 * - Changing prefetch mid-run: an increase is requested at once, a decrease is withheld from the
 *   next replenishments; lowTide applies from the next replenishment. Switching cold/hot or the
 *   overflow strategy keeps what the buffer holds, trimmed (and counted as dropped) to what the
 *   new strategy can hold.
 *
 * Every request(n) is an event-log entry (`request`, value n; the log keeps at most 64 entries a
 * sample window, so at small prefetch it shows a sample of them; the rsRequests column counts all)
 * and an overflow failure is `overflow-error` (value: items lost with it).
 *
 * Events are handled one at a time in the order of src-sim/models/queue/SEMANTICS.md (control, completion, tick); the
 * bulk stretches in reactive/stretches.ts skip whole request cycles where the state is steady.
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
import { PRODUCER_PAUSED, PRODUCER_RUNNING } from "../../engine/model";
import { nextExponential, type RngState } from "../../engine/rng";
import { followingTickSec, retimedTicks } from "../../engine/tickClock";
import type { RunContext } from "../../engine/runContext";
import { RunQueue } from "../../engine/runQueue";
import type { Scenario } from "../../scenario/params";
import { addDemand, isUnbounded, isValidRequest, replenishAmount } from "./demand";
import { reactiveFigures, reactiveTimeToOomSec } from "./figures";
import { tryStretch } from "./stretches";

// Module-level copies of imported bindings used on every event: transpilers may turn an import
// into a getter, which costs as much as the event itself on the per-event path.
const PAUSED = PRODUCER_PAUSED;
const RUNNING = PRODUCER_RUNNING;
const exponential = nextExponential;
const unbounded = isUnbounded;
const stretch = tryStretch;

/**
 * A signal across the Subscription, for tests and tools: `subscribe` (onSubscribe), `request`
 * (request(n)), `next` (n onNext in a row), `error` (onError; n = items lost with it), and
 * `crash`, which is not a signal but the subscriber's process dying (OOM) and ends the
 * subscription all the same.
 */
export interface RsSignal {
  kind: "subscribe" | "request" | "next" | "error" | "crash";
  timeSec: number;
  n: number;
  /** Number of the subscription (1 for the first; a resubscription after a failure is the next). */
  subscription: number;
}

/** Options of the Reactive Streams model that are not part of the scenario. */
export interface ReactiveOptions {
  /** Skip steady stretches in bulk (default true); false handles every event singly. */
  bulk?: boolean;
  /** Called with every signal, in order (a test hook; it must not change the model). */
  observer?: (signal: RsSignal) => void;
}

/** The model's internal state, for tests. */
export interface ReactiveInspection {
  subscription: number;
  subscribed: boolean;
  /** The stream failed (onError) and has not been subscribed again. */
  terminated: boolean;
  /** Outstanding demand (requested - delivered in this subscription), items. */
  demand: number;
  /** Requested in this subscription (saturating), items. */
  requested: number;
  /** onNext signals in this subscription, items. */
  delivered: number;
  /** Items delivered and waiting in the subscriber's prefetch queue (not the one in service). */
  subscriberQueue: number;
  inService: number;
  /** Items in the publisher's overflow buffer. */
  buffer: number;
  /** Items consumed since the last request. */
  consumedSinceRequest: number;
  prefetch: number;
  replenish: number;
}

/** The Reactive Streams model. See the file comment. */
export class ReactiveModel implements Model {
  /** Simulated time, s. */
  now = 0;
  sc: Scenario;
  /** The producer's stream and the service stream (RunStreams in rng.ts). */
  arrivalRng: RngState;
  serviceRng: RngState;
  readonly bulk: boolean;
  observer: ((signal: RsSignal) => void) | null;

  // limitRate: first request `prefetch`, then `replenish` per `replenish` consumed.
  prefetch: number;
  replenish: number;
  /** Demand to withhold from the next replenishments after prefetch was lowered, items. */
  owe = 0;

  // The subscription.
  subscription = 0;
  subscribed = false;
  terminated = false;
  demand = 0;
  consumedSinceRequest = 0;
  /** Cumulative request(n) calls over the run (the rsRequests column). */
  requests = 0;
  requested = 0;
  delivered = 0;

  // Publisher: constant ticks fall at arrOrigin + arrIndex / producer.
  arrOrigin = 0;
  arrIndex = 0;
  nextTickSec = Infinity;
  /** A cold source waiting for demand (its tick is held back). */
  withheld = false;
  /** The overflow buffer of a hot publisher (the `latest` slot is this buffer at size <= 1). */
  buffer = new RunQueue();

  // Subscriber: constant completions fall at busyOrigin + busyIndex / consumer.
  queue = new RunQueue();
  busy = false;
  serviceEmitSec = NaN;
  busyOrigin = 0;
  busyIndex = 0;
  nextCompletionSec = Infinity;
  /**
   * Time of the last completion. An item that reaches an idle server at that very instant
   * continues the busy period's origin, so that the one-at-a-time path and the bulk stretches
   * compute the same completion times.
   */
  lastCompletionSec = -Infinity;
  consumerUp = true;
  /** Restart after an OOM, or resubscription after onError (with `restart` > 0). */
  restartAtSec = Infinity;
  resubscribeWhenIdle = false;

  /** Starts the model at `startSec`: the subscriber subscribes at once. */
  constructor(
    public ctx: RunContext,
    scenario: Scenario,
    startSec = 0,
    options: ReactiveOptions = {},
  ) {
    this.sc = { ...scenario };
    this.arrivalRng = ctx.streams.arrivals;
    this.serviceRng = ctx.streams.service;
    this.now = startSec;
    this.bulk = options.bulk ?? true;
    this.observer = options.observer ?? null;
    this.prefetch = scenario.prefetch;
    this.replenish = replenishAmount(scenario.prefetch, scenario.lowTide);
    if (scenario.publisher === "hot") this.startTicking();
    else this.withheld = true;
    this.subscribe();
  }

  /** A deep copy bound to `ctx` (the observer, a test hook, is shared). */
  clone(ctx: RunContext): ReactiveModel {
    const copy = copyModel(this, new ReactiveModel(scratchContext(), this.sc, this.now), ctx);
    copy.queue = this.queue.clone();
    copy.buffer = this.buffer.clone();
    return copy;
  }

  /** Items held: the subscriber's queue, the one in service, the overflow buffer. */
  held(): number {
    return this.queue.size + (this.busy ? 1 : 0) + this.buffer.size;
  }

  /** The model's state, for tests. */
  inspect(): ReactiveInspection {
    return {
      subscription: this.subscription,
      subscribed: this.subscribed,
      terminated: this.terminated,
      demand: this.demand,
      requested: this.requested,
      delivered: this.delivered,
      subscriberQueue: this.queue.size,
      inService: this.busy ? 1 : 0,
      buffer: this.buffer.size,
      consumedSinceRequest: this.consumedSinceRequest,
      prefetch: this.prefetch,
      replenish: this.replenish,
    };
  }

  // ---------------------------------------------------------------- running

  /**
   * Handles every event with a time strictly before `endSec`, then sets the clock to it.
   * A `budget` stops it at an event boundary, at the top of the loop (see Model.advanceTo).
   */
  advanceTo(endSec: number, budget?: StepBudget): boolean {
    for (;;) {
      if (budget !== undefined && budget.left <= 0) return false;
      const tc = this.restartAtSec;
      const td = this.nextCompletionSec;
      const ta = this.nextTickSec;
      const first = tc < td ? (tc < ta ? tc : ta) : td < ta ? td : ta;
      if (!(first < endSec)) break;
      if (budget !== undefined) budget.left--;
      // Read step by step (a fine sampler), request cycles go one event at a time (stretches.ts).
      if (this.bulk && stretch(this, tc < endSec ? tc : endSec, this.ctx.stepsWatched)) {
        this.ctx.stepped(true);
        continue;
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

  /** Moves the clock over a stretch with no events, integrating the time-weighted figures. */
  moveClock(toSec: number): void {
    const dt = toSec - this.now;
    if (dt > 0) {
      this.ctx.inSystemIntegral += this.held() * dt;
      if (this.producerState() === PAUSED) this.ctx.pausedSeconds += dt;
    }
    this.now = toSec;
  }

  /** A cold source is paused while it has no demand (or no subscriber); a hot one never is. */
  producerState(): number {
    return this.sc.publisher === "cold" && (!this.subscribed || this.demand <= 0) ? PAUSED : RUNNING;
  }

  private startTicking(): void {
    this.withheld = false;
    if (this.sc.arrivals === "constant") {
      this.arrOrigin = this.now;
      this.arrIndex = 0;
      this.nextTickSec = this.now;
    } else {
      this.nextTickSec = this.now + exponential(this.arrivalRng, this.sc.producer);
    }
  }

  /** A held-back cold source resumes at once: it emits now and carries on from here. */
  private release(): void {
    this.withheld = false;
    this.arrOrigin = this.now;
    this.arrIndex = 0;
    this.nextTickSec = this.now;
  }

  private scheduleNextTick(): void {
    this.arrIndex++;
    this.nextTickSec = followingTickSec(this.sc, this.arrOrigin, this.arrIndex, this.now, this.arrivalRng);
  }

  private handleTick(): void {
    const s = this.sc;
    if (s.publisher === "cold" && (!this.subscribed || this.demand <= 0)) {
      // Rule 1.1: a cold source emits only against demand; it waits for the next request.
      this.withheld = true;
      this.nextTickSec = Infinity;
      return;
    }
    this.ctx.produced++;
    this.scheduleNextTick();
    if (!this.subscribed) {
      // A hot source with nobody subscribed (failed stream, or a consumer down after an OOM).
      this.ctx.lost++;
      return;
    }
    if (this.demand > 0) this.emit(this.now);
    else this.overflow(this.now);
    this.checkMemory();
  }

  /** onNext of the oldest item available: the buffer's head if it holds any (FIFO), else this one. */
  private emit(emitSec: number): void {
    let e = emitSec;
    if (this.buffer.size > 0) {
      this.buffer.push(emitSec, 0, 1);
      e = this.buffer.headTime();
      this.buffer.popFront(1);
    }
    this.onNext(e, 0, 1);
  }

  /** Delivers `count` items emitted at `start + i x step` to the subscriber (onNext each). */
  onNext(start: number, step: number, count: number): void {
    this.delivered += count;
    if (!unbounded(this.demand)) this.demand -= count;
    if (this.observer) this.signal("next", count);
    if (this.busy) {
      this.queue.push(start, step, count);
    } else {
      this.startService(start);
      if (count > 1) this.queue.push(start + step, step, count - 1);
    }
  }

  /** A hot item with no demand: the overflow strategy decides. */
  private overflow(emitSec: number): void {
    const s = this.sc;
    const b = this.buffer;
    switch (s.overflow) {
      case "buffer":
        b.push(emitSec, 0, 1);
        return;
      case "drop-oldest":
        if (b.size >= s.capacity) {
          b.popFront(1);
          this.ctx.drop(1, this.now);
        }
        b.push(emitSec, 0, 1);
        return;
      case "drop-latest":
        if (b.size >= s.capacity) this.ctx.drop(1, this.now);
        else b.push(emitSec, 0, 1);
        return;
      case "error":
        if (b.size >= s.capacity) this.fail(1, true);
        else b.push(emitSec, 0, 1);
        return;
      case "drop":
        this.ctx.drop(1, this.now);
        return;
      case "latest":
        if (b.size > 0) {
          this.ctx.drop(b.size, this.now);
          b.clear();
        }
        b.push(emitSec, 0, 1);
        return;
    }
  }

  private startService(emitSec: number): void {
    const s = this.sc;
    this.busy = true;
    this.serviceEmitSec = emitSec;
    if (s.service === "constant") {
      if (this.lastCompletionSec === this.now) {
        this.busyIndex++;
      } else {
        this.busyOrigin = this.now;
        this.busyIndex = 1;
      }
      this.nextCompletionSec = this.busyOrigin + this.busyIndex / s.consumer;
    } else {
      this.nextCompletionSec = this.now + exponential(this.serviceRng, s.consumer);
    }
  }

  private handleCompletion(): void {
    const s = this.sc;
    this.ctx.intervalHist.add(this.now - this.serviceEmitSec);
    this.ctx.consumed++;
    this.lastCompletionSec = this.now;
    if (this.queue.size > 0) {
      this.serviceEmitSec = this.queue.headTime();
      this.queue.popFront(1);
      if (s.service === "constant") {
        this.busyIndex++;
        this.nextCompletionSec = this.busyOrigin + this.busyIndex / s.consumer;
      } else {
        this.nextCompletionSec = this.now + exponential(this.serviceRng, s.consumer);
      }
    } else {
      this.busy = false;
      this.nextCompletionSec = Infinity;
    }
    if (this.subscribed) {
      if (++this.consumedSinceRequest >= this.replenish) this.replenishNow();
    } else if (this.resubscribeWhenIdle && !this.busy) {
      this.subscribe();
    }
  }

  /** limitRate: request what was consumed since the last request (less any demand owed). */
  replenishNow(): void {
    let n = this.consumedSinceRequest;
    this.consumedSinceRequest = 0;
    if (this.owe > 0) {
      const pay = Math.min(this.owe, n);
      this.owe -= pay;
      n -= pay;
    }
    if (n > 0) this.request(n);
  }

  /**
   * Subscription.request(n), called by the subscriber (tests may call it too). A NOP after a
   * terminal signal (Rule 3.6); n <= 0 or not whole fails the stream (Rule 3.9); demand saturates
   * (Rule 3.17). The publisher answers at once: from its buffer first, then a held-back cold
   * source resumes.
   */
  request(n: number): void {
    if (!this.subscribed) return;
    if (!isValidRequest(n)) {
      this.fail(0, false);
      return;
    }
    this.recordRequest(this.now, n);
    if (this.buffer.size > 0) this.drainBuffer();
    if (this.withheld && this.demand > 0 && this.sc.publisher === "cold") this.release();
  }

  /** Counts and logs a request(n) at `timeSec` and adds its demand (no publisher reaction). */
  recordRequest(timeSec: number, n: number): void {
    this.requests++;
    this.ctx.log.add(timeSec, "request", n);
    this.requested = addDemand(this.requested, n);
    this.demand = addDemand(this.demand, n);
    if (this.observer) this.observer({ kind: "request", timeSec, n, subscription: this.subscription });
  }

  private drainBuffer(): void {
    const k = Math.min(this.buffer.size, this.demand);
    if (k <= 0) return;
    draining = this;
    this.buffer.popFront(k, visitDraining);
    draining = null;
  }

  /** Reports a signal to the observer at the current time. */
  signal(kind: RsSignal["kind"], n: number): void {
    if (this.observer) this.observer({ kind, timeSec: this.now, n, subscription: this.subscription });
  }

  private subscribe(): void {
    this.subscription++;
    this.subscribed = true;
    this.terminated = false;
    this.resubscribeWhenIdle = false;
    this.demand = 0;
    this.consumedSinceRequest = 0;
    this.owe = 0;
    this.requested = 0;
    this.delivered = 0;
    this.signal("subscribe", 0);
    this.request(this.prefetch);
  }

  /** The subscription ends: no demand; a cold source stops. */
  private endSubscription(): void {
    this.subscribed = false;
    this.demand = 0;
    this.consumedSinceRequest = 0;
    this.owe = 0;
    if (this.sc.publisher === "cold") {
      this.withheld = true;
      this.nextTickSec = Infinity;
    }
  }

  /**
   * onError: the stream fails. What the overflow buffer held (and `extraLost` items more: the
   * one that overflowed it) is lost; the subscriber finishes what it was delivered; with
   * `restart` > 0 it subscribes again later.
   */
  private fail(extraLost: number, overflowed: boolean): void {
    const lost = this.buffer.size + extraLost;
    if (overflowed) this.ctx.log.add(this.now, "overflow-error", lost);
    this.ctx.lost += lost;
    this.buffer.clear();
    this.signal("error", lost);
    this.endSubscription();
    this.terminated = true;
    if (this.sc.restart > 0) this.restartAtSec = this.now + this.sc.restart;
  }

  private handleControl(): void {
    this.restartAtSec = Infinity;
    if (!this.consumerUp) {
      this.consumerUp = true;
      this.ctx.log.add(this.now, "restart", 0);
      this.subscribe();
      return;
    }
    if (this.subscribed) return;
    if (this.busy || this.queue.size > 0) this.resubscribeWhenIdle = true;
    else this.subscribe();
  }

  /** Largest number of items the consumer's process can hold without passing its memory limit. */
  maxHeld(): number {
    const s = this.sc;
    const n = Math.floor((s.memory - s.baseline) / s.eventBytes);
    // Guard the floor against rounding: the defining test is the memory formula itself.
    if (s.baseline + (n + 1) * s.eventBytes <= s.memory) return n + 1;
    if (n >= 0 && s.baseline + n * s.eventBytes > s.memory) return n - 1;
    return n;
  }

  memoryBytes(): number {
    return this.sc.baseline + this.held() * this.sc.eventBytes;
  }

  /** Updates the peaks; kills the consumer if its memory passed the limit (true if it did). */
  checkMemory(): boolean {
    const q = this.queue.size + this.buffer.size;
    if (q > this.ctx.maxQueued) this.ctx.maxQueued = q;
    const mem = this.memoryBytes();
    if (mem > this.ctx.peakMemoryBytes) this.ctx.peakMemoryBytes = mem;
    if (mem <= this.sc.memory) return false;
    this.crash();
    return true;
  }

  /** The consumer's process dies of OOM: everything it held is lost, the subscription with it. */
  private crash(): void {
    const held = this.held();
    this.ctx.recordOom(this.now, held);
    this.queue.clear();
    this.buffer.clear();
    this.busy = false;
    this.nextCompletionSec = Infinity;
    this.lastCompletionSec = -Infinity;
    this.consumerUp = false;
    if (this.subscribed) this.signal("crash", held);
    this.endSubscription();
    this.terminated = false;
    this.resubscribeWhenIdle = false;
    this.restartAtSec = this.sc.restart > 0 ? this.now + this.sc.restart : Infinity;
  }

  // ---------------------------------------------------------------- parameters

  /**
   * Changes parameters from now on. Rates: scheduled ticks and completions keep their times,
   * later ones follow the new rates. See the file comment for prefetch, publisher and overflow.
   */
  setScenario(prev: Scenario, next: Scenario): void {
    this.sc = { ...next };
    const s = this.sc;
    const ticks = retimedTicks(
      prev,
      next,
      { originSec: this.arrOrigin, index: this.arrIndex, nextSec: this.nextTickSec },
      this.now,
      this.arrivalRng,
    );
    if (ticks) ({ originSec: this.arrOrigin, index: this.arrIndex, nextSec: this.nextTickSec } = ticks);
    if (next.consumer !== prev.consumer || next.service !== prev.service) {
      this.lastCompletionSec = -Infinity;
      if (this.busy) {
        if (s.service === "constant") {
          this.busyOrigin = prev.service === "constant" ? this.nextCompletionSec : this.now;
          this.busyIndex = prev.service === "constant" ? 0 : 1;
          this.nextCompletionSec = this.busyOrigin + this.busyIndex / s.consumer;
        } else {
          this.nextCompletionSec = this.now + exponential(this.serviceRng, s.consumer);
        }
      }
    }
    if (next.publisher !== prev.publisher) {
      if (s.publisher === "hot" && this.withheld) this.startTicking();
      else if (s.publisher === "cold" && (!this.subscribed || this.demand <= 0)) {
        this.withheld = true;
        this.nextTickSec = Infinity;
      }
    }
    this.trimBuffer();
    const r = replenishAmount(s.prefetch, s.lowTide);
    if (s.prefetch !== this.prefetch || r !== this.replenish) {
      const delta = s.prefetch - this.prefetch;
      this.prefetch = s.prefetch;
      this.replenish = r;
      if (this.subscribed) {
        if (delta > 0) {
          const pay = Math.min(this.owe, delta);
          this.owe -= pay;
          if (delta > pay) this.request(delta - pay);
        } else if (delta < 0) {
          this.owe -= delta;
        }
        if (this.subscribed && this.consumedSinceRequest >= this.replenish) this.replenishNow();
      }
    }
    if (this.consumerUp) this.checkMemory();
    const down = !this.consumerUp || (this.terminated && !this.resubscribeWhenIdle);
    if (s.restart > 0 && down && !Number.isFinite(this.restartAtSec)) this.restartAtSec = this.now + s.restart;
  }

  /** Cuts the overflow buffer to what the overflow strategy holds; the excess is dropped. */
  private trimBuffer(): void {
    const s = this.sc;
    const b = this.buffer;
    let keep = Infinity;
    if (s.overflow === "drop") keep = 0;
    else if (s.overflow === "latest") keep = 1;
    else if (s.overflow !== "buffer") keep = s.capacity;
    if (b.size <= keep) return;
    const excess = b.size - keep;
    // drop-latest and error keep the oldest (the newest would have been refused); the rest keep the newest.
    if (s.overflow === "drop-latest" || s.overflow === "error") b.popBack(excess);
    else b.popFront(excess);
    this.ctx.drop(excess, this.now);
  }

  // ---------------------------------------------------------------- output

  /** Writes the model's columns of a sample row. */
  writeSample(r: Float64Array): void {
    const queued = this.queue.size + this.buffer.size;
    r[COL.queued] = queued;
    r[COL.inService] = this.busy ? 1 : 0;
    r[COL.memoryBytes] = this.consumerUp ? this.memoryBytes() : 0;
    r[COL.producerState] = this.producerState();
    r[COL.consumerUp] = this.consumerUp ? 1 : 0;
    r[COL.oldestAgeSec] = this.oldestAgeSec();
    r[COL.upstreamQueued] = 0;
    r[COL.upstreamBytes] = 0;
    r[COL.rsDemand] = this.subscribed ? this.demand : 0;
    r[COL.rsRequests] = this.requests;
    r[COL.rsBuffer] = this.buffer.size;
  }

  /** The subscriber's queue holds older items than the buffer (FIFO through both). */
  private oldestAgeSec(): number {
    if (this.queue.size > 0) return this.now - this.queue.headTime();
    if (this.buffer.size > 0) return this.now - this.buffer.headTime();
    return 0;
  }

  /** Nothing to close per sample (drop bursts are the engine's). */
  afterSample(): void {}

  /** The state right now, for readouts. */
  live(): ModelLive {
    return {
      queued: this.queue.size + this.buffer.size,
      inService: this.busy ? 1 : 0,
      memoryBytes: this.consumerUp ? this.memoryBytes() : 0,
      upstreamQueued: 0,
      producerState: this.producerState(),
      consumerUp: this.consumerUp,
      oldestAgeSec: this.oldestAgeSec(),
      timeToOomSec: this.consumerUp ? reactiveTimeToOomSec(this.sc, this.memoryBytes()) : Infinity,
    };
  }

  /** Request sizes and rates, throughput, drop rate, time to OOM or to overflow (reactive/figures.ts). */
  figures(): ModelFigures {
    return reactiveFigures(this.sc);
  }
}

// The model whose buffer is being drained: a module-level visitor, so no closure per request.
let draining: ReactiveModel | null = null;

function visitDraining(start: number, step: number, count: number): void {
  draining!.onNext(start, step, count);
}

/** The registry's factory for `strategy=reactive`. */
export function createReactiveModel(
  ctx: RunContext,
  scenario: Scenario,
  startSec: number,
  options?: ReactiveOptions,
): ReactiveModel {
  return new ReactiveModel(ctx, scenario, startSec, options);
}
