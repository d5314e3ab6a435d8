/**
 * `strategy=tcp`: the producer and consumer are two applications joined by one TCP connection,
 * and TCP's flow control is the only backpressure (docs/DOMAIN.md section 3; RFC 9293; Linux).
 *
 * - The producer writes each event (`eventBytes`) into the socket send buffer (`sndBuf`) at its
 *   rate (constant or Poisson). A write copies what fits; if the buffer fills mid-event the
 *   producer is blocked (producerState 2) until the buffer drains to 2/3 of `sndBuf` (Linux's
 *   `sk_stream_wspace >= sk_stream_min_wspace`). While blocked, `onPause` applies: `slow` waits (a
 *   tick that falls due is withheld and emitted on release, then the clock restarts, as in the
 *   queue model); `buffer` keeps emitting into the producer's own buffer (a producer OOM at
 *   `producerMemory` loses it); `drop` discards at the source. A hot producer whose write finds no
 *   room at all treats it as EAGAIN: that event goes to its buffer or is dropped.
 * - The connection (connection.ts) moves the bytes: segments of at most MSS while
 *   SND.NXT - SND.UNA < SND.WND, serialised at the link rate and arriving rtt/2 later; the
 *   receiver advertises its free space rounded down to the MSS without moving the right edge left,
 *   with receiver silly-window avoidance, delayed ACKs, immediate window updates and the persist
 *   timer (see there).
 * - The consumer reads its event's bytes from the receive buffer at consumer x eventBytes bytes/s
 *   (the rate of each event is drawn once: constant, or eventBytes / Exp(consumer)), stalls while
 *   the buffer is empty, and finishes the event when its last byte is read.
 *
 * Columns: `queued` counts events handed to the socket (write started) that the consumer has not
 * begun to read: the send buffer, the network and the receive buffer; `inService` is the event it
 * is part-way through. `memoryBytes` is baseline + RCV.USER, the consumer's receive buffer: it
 * never passes baseline + rcvBuf, so the consumer cannot run out of memory under TCP (the lesson).
 * A latency is the time from the producer's write (its tick) to the consumer reading the last
 * byte. tcpWindowBytes is SND.WND (the window as the sender last heard it).
 *
 * As Linux does it (see connection.ts, timers.ts, autotune.ts): receive-buffer
 * autotuning (`rcvBufAuto`, on by default; off models setsockopt(SO_RCVBUF)), send-buffer
 * autotuning with cwnd (`sndBufAuto`), the RTO as SRTT + max(variance, 200 ms), the persist
 * timer re-armed at the probe's ACK, probe ACKs rate-limited to one per 500 ms, and 78 B of
 * TCP/IP and Ethernet overhead per segment on the link.
 *
 * Simplified (what this model leaves out): no loss, so no retransmission and no congestion
 * control (cwnd grows in slow start only to size the send buffer; it never limits sending); one
 * connection, no competing traffic and no queue at the link beyond serialisation; window scaling
 * always on (no 65,535 B cap) and RCV.BUFF all usable for the window and all payload (Linux
 * advertises about half of the buffer's memory and counts skb overhead in it); the receiver's RTT
 * estimate is the path's `rtt`; no TCP timestamps (12 B a segment) or SACK options; a zero-window
 * probe carries no data; Nagle is on and cork/TSO are not modelled.
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
import { PRODUCER_BLOCKED, PRODUCER_RUNNING } from "../../engine/model";
import { countConstant, drawRun, type Run } from "../../engine/stretchKit";
import { nextExponential, type RngState } from "../../engine/rng";
import type { RunContext } from "../../engine/runContext";
import { RunQueue } from "../../engine/runQueue";
import { firstTick, followingTickSec, retimedTicks } from "../../engine/tickClock";
import type { Scenario } from "../../scenario/params";
import { STEP_ACKED, STEP_DATA, STEP_READ_DONE, TcpConnection, type TcpObserver, type TcpParams } from "./connection";
import { EventSizes } from "./eventSizes";
import type { TcpLadder } from "./ladder";
import { tcpFigures } from "./figures";
import { StepEnvelope } from "./stepEnvelope";

// Column indices, read once: the 60-key COL table is a dictionary, and writeSample runs often.
const Q = COL.queued;
const IN_SERVICE = COL.inService;
const MEMORY = COL.memoryBytes;
const PRODUCER_STATE = COL.producerState;
const CONSUMER_UP = COL.consumerUp;
const OLDEST_AGE = COL.oldestAgeSec;
const UPSTREAM_QUEUED = COL.upstreamQueued;
const UPSTREAM_BYTES = COL.upstreamBytes;
const WINDOW = COL.tcpWindowBytes;
const IN_FLIGHT = COL.tcpInFlightBytes;
const SEND_BUFFER = COL.tcpSendBufferBytes;
const RECEIVE_BUFFER = COL.tcpReceiveBufferBytes;
const SND_UNA = COL.tcpSndUna;
const SND_NXT = COL.tcpSndNxt;

/** The blocked producer's ticks drawn by the stretch kit (module-level: no allocation per step). */
const BLOCKED_TICKS: Run = { count: 0, first: 0, step: 0, next: 0 };

/** Options that do not change what is simulated. */
export interface TcpModelOptions {
  /**
   * Count the ticks of a blocked hot producer (buffer, drop) in bulk between connection events
   * (default true; exact for constant arrivals). False handles each tick (tests compare the two).
   */
  bulk?: boolean;
  /** Called after each change of the connection's state (a test hook; costs nothing when absent). */
  observer?: TcpObserver;
}

/** The connection's parameters in a scenario. */
export function tcpParams(s: Scenario): TcpParams {
  return {
    mss: s.mss,
    rttSec: s.rtt,
    linkBitsPerSec: s.link,
    rcvBufBytes: s.rcvBuf,
    rcvBufAuto: s.rcvBufAuto === "on",
    sndBufBytes: s.sndBuf,
    sndBufAuto: s.sndBufAuto === "on",
    delayedAck: s.delayedAck === "on",
  };
}

/** The TCP mechanism's model. See the file comment. */
export class TcpModel implements Model {
  /** Simulated time, s. */
  now: number;
  private sc: Scenario;
  /** The producer's stream and the service stream (RunStreams in rng.ts). */
  private arrivalRng: RngState;
  private serviceRng: RngState;
  private conn: TcpConnection;
  private readonly bulk: boolean;
  /**
   * Keep the envelope of the steps here while nothing reads every step (stepEnvelope.ts); false
   * reports each step to the engine (tests compare the two, bit for bit).
   */
  quietSteps = true;
  private stepEnv = new StepEnvelope();

  // Producer application: constant ticks fall at arrOrigin + arrIndex / producer.
  private arrOrigin: number;
  private arrIndex = 0;
  private nextTickSec: number;
  private blocked = false;
  /** A slow producer's tick fell due while it was blocked: it is emitted on release. */
  private pendingTick = false;
  /** Bytes of the event being written that are not in the send buffer yet. */
  private writeLeft = 0;
  private upstream = new RunQueue();

  // Events handed to the socket and not finished: emit times and sizes, oldest first.
  private emits = new RunQueue();
  private sizes = new EventSizes();
  /** Stream offset where the oldest unfinished event starts (the end of the last finished one). */
  private readStart = 0;
  private readEnd = 0;
  private reading = false;

  /** Starts an idle, established connection at `startSec`. */
  constructor(
    private ctx: RunContext,
    scenario: Scenario,
    startSec = 0,
    options: TcpModelOptions = {},
  ) {
    this.sc = { ...scenario };
    this.arrivalRng = ctx.streams.arrivals;
    this.serviceRng = ctx.streams.service;
    this.bulk = options.bulk ?? true;
    this.now = startSec;
    this.conn = new TcpConnection(tcpParams(scenario), startSec, ctx.log, options.observer);
    const ticks = firstTick(scenario, startSec, this.arrivalRng);
    this.arrOrigin = ticks.originSec;
    this.nextTickSec = ticks.nextSec;
  }

  /** A deep copy bound to `ctx`. */
  clone(ctx: RunContext): TcpModel {
    const copy = copyModel(this, new TcpModel(scratchContext(), this.sc, this.now), ctx);
    copy.conn = this.conn.clone(ctx.log);
    copy.upstream = this.upstream.clone();
    copy.emits = this.emits.clone();
    copy.sizes = this.sizes.clone();
    copy.stepEnv = this.stepEnv.clone();
    return copy;
  }

  /** Events held: in the socket (queued and in service) and in the producer's buffer. */
  held(): number {
    return this.emits.size + this.upstream.size;
  }

  /**
   * Records the segments and ACKs from now on into `ladder` (null stops it): for the worker's
   * detached replay of a zoomed span only (ladder.ts); a copy of the model never records.
   */
  traceLadder(ladder: TcpLadder | null): void {
    this.conn.ladder = ladder;
  }

  /** The connection's state now (a test hook and a readout). */
  inspect() {
    return { ...this.conn.inspect(this.now), blocked: this.blocked, writeLeft: this.writeLeft };
  }

  // ---------------------------------------------------------------- running

  /**
   * Handles every event strictly before `endSec` (ties: the connection before a tick); a
   * `budget` stops it at an event boundary, at the top of the loop (see Model.advanceTo).
   */
  advanceTo(endSec: number, budget?: StepBudget): boolean {
    const conn = this.conn;
    // Steps noted here (stepEnvelope.ts) unless the engine reads each one.
    const quiet = this.quietSteps && !this.ctx.stepsWatched;
    for (;;) {
      if (budget !== undefined && budget.left <= 0) {
        if (quiet) this.flushSteps();
        return false;
      }
      const tc = conn.nextSec();
      const ta = this.nextTickSec;
      if (ta < tc) {
        if (!(ta < endSec)) break;
        if (budget !== undefined) budget.left--;
        if (this.blocked && this.bulk && this.sc.onPause !== "slow") {
          this.blockedTicks(tc < endSec ? tc : endSec);
          if (quiet) this.noteStep();
          else this.ctx.stepped(true);
          continue;
        }
        this.moveClock(ta);
        this.ctx.perEventSteps++;
        this.handleTick();
        if (quiet) this.noteStep();
        else this.ctx.stepped(false);
        continue;
      }
      if (!(tc < endSec)) break;
      if (budget !== undefined) budget.left--;
      this.moveClock(tc);
      this.ctx.perEventSteps++;
      const flags = conn.step(tc);
      if (flags & STEP_DATA) {
        const mem = this.sc.baseline + conn.user;
        if (mem > this.ctx.peakMemoryBytes) this.ctx.peakMemoryBytes = mem;
      }
      if (flags & STEP_READ_DONE) this.finishEvent();
      if (flags & STEP_ACKED && this.blocked) this.maybeRelease();
      if (quiet) this.noteStep();
      else this.ctx.stepped(false);
    }
    if (quiet) this.flushSteps();
    if (endSec > this.now) this.moveClock(endSec);
    return true;
  }

  /** Notes the state after a step in the model's own envelope: the values writeSample would write. */
  private noteStep(): void {
    const conn = this.conn;
    const user = conn.userAt(this.now);
    const inService = this.reading && conn.rcvNxt - this.readStart - user > 0 ? 1 : 0;
    this.stepEnv.note(
      this.emits.size - inService,
      inService,
      user,
      this.oldestAgeSec(inService),
      this.upstream.size,
      conn.sndWnd,
      conn.sndNxt - conn.sndUna,
      conn.writeSeq - conn.sndUna,
      conn.sndUna,
      conn.sndNxt,
    );
  }

  /** Hands the envelope of the steps noted to the engine's. */
  private flushSteps(): void {
    this.stepEnv.flush(this.ctx.envelope, this.sc.baseline, this.sc.eventBytes);
  }

  private moveClock(toSec: number): void {
    const dt = toSec - this.now;
    if (dt > 0) {
      this.ctx.inSystemIntegral += this.emits.size * dt;
      if (this.blocked) this.ctx.pausedSeconds += dt;
    }
    this.now = toSec;
  }

  // ---------------------------------------------------------------- producer

  private handleTick(): void {
    const s = this.sc;
    if (this.blocked) {
      if (s.onPause === "slow") {
        this.pendingTick = true;
        this.nextTickSec = Infinity;
        return;
      }
      this.ctx.produced++;
      this.scheduleNextTick();
      this.reject(this.now);
      return;
    }
    this.ctx.produced++;
    this.scheduleNextTick();
    if (s.onPause !== "slow" && this.conn.sendSpace() === 0) {
      // A non-blocking write() gets EAGAIN: the producer waits for the socket to become writable.
      this.blocked = true;
      this.reject(this.now);
      return;
    }
    this.startEvent(this.now);
  }

  /** A hot producer cannot write the event emitted at `emitSec`: it buffers it or drops it. */
  private reject(emitSec: number): void {
    if (this.sc.onPause === "buffer") {
      this.upstream.push(emitSec, 0, 1);
      if (this.upstream.size > this.producerCapacity()) this.producerOom(emitSec);
    } else {
      this.ctx.drop(1, emitSec);
    }
  }

  private scheduleNextTick(): void {
    this.arrIndex++;
    this.nextTickSec = followingTickSec(this.sc, this.arrOrigin, this.arrIndex, this.now, this.arrivalRng);
  }

  /**
   * Ticks of a blocked hot producer before `limitSec` (the next connection event or the end), in
   * one step: none of them touches the connection. Constant arrivals give the same counts and
   * times as one tick at a time; Poisson ones draw their own gaps (the same ticks as one at a time) and spread
   * the emit times evenly.
   */
  private blockedTicks(limitSec: number): void {
    const s = this.sc;
    const first = this.nextTickSec;
    let n: number;
    let step: number;
    if (s.arrivals === "constant") {
      n = countConstant(this.arrOrigin, this.arrIndex, s.producer, limitSec);
      step = 1 / s.producer;
      this.arrIndex += n;
      this.nextTickSec = this.arrOrigin + this.arrIndex / s.producer;
    } else {
      // The ticks' own gaps from the arrivals stream (the stretch kit's random-window convention).
      drawRun(BLOCKED_TICKS, this.arrivalRng, false, 0, 0, first, s.producer, this.now, limitSec);
      n = BLOCKED_TICKS.count;
      step = BLOCKED_TICKS.step;
      this.nextTickSec = BLOCKED_TICKS.next;
    }
    this.ctx.bulkSteps++;
    this.ctx.produced += n;
    if (s.onPause === "drop") {
      this.ctx.drop(n, first);
      return;
    }
    // Into the producer's buffer, with an OOM each time it passes its limit.
    const cap = this.producerCapacity();
    let t = first;
    let left = n;
    while (left > 0) {
      const room = cap - this.upstream.size;
      if (left <= room) {
        this.upstream.push(t, step, left);
        return;
      }
      const k = room >= 0 ? room + 1 : 1;
      this.upstream.push(t, step, k);
      this.producerOom(t + (k - 1) * step);
      t += k * step;
      left -= k;
    }
  }

  /** Most events the producer's buffer holds without passing `producerMemory`. */
  private producerCapacity(): number {
    const s = this.sc;
    let n = Math.floor(s.producerMemory / s.eventBytes);
    // Guard the floor against rounding: the defining test is the memory product itself.
    if ((n + 1) * s.eventBytes <= s.producerMemory) n++;
    else if (n > 0 && n * s.eventBytes > s.producerMemory) n--;
    return n;
  }

  private producerOom(atSec: number): void {
    const held = this.upstream.size;
    this.ctx.lost += held;
    this.upstream.clear();
    this.ctx.log.add(atSec, "producer-oom", held);
  }

  /** The producer starts writing an event emitted at `emitSec` (it joins the socket). */
  private startEvent(emitSec: number): void {
    this.emits.pushOne(emitSec);
    this.sizes.push(this.sc.eventBytes);
    this.writeLeft = this.sc.eventBytes;
    if (this.emits.size > this.ctx.maxQueued) {
      const q = this.emits.size - this.inService();
      if (q > this.ctx.maxQueued) this.ctx.maxQueued = q;
    }
    if (!this.reading) this.startReading();
    this.writeMore();
  }

  /** Copies as much of the current event as fits; blocks the producer on the rest. */
  private writeMore(): void {
    const room = this.conn.sendSpace();
    const n = this.writeLeft < room ? this.writeLeft : room;
    if (n > 0) {
      this.writeLeft -= n;
      this.conn.write(this.now, n);
    }
    if (this.writeLeft > 0) this.blocked = true;
  }

  /** After an ACK: a blocked producer may write again once the send buffer is at most 2/3 full. */
  private maybeRelease(): void {
    if (3 * this.conn.sendUsed() > 2 * this.conn.sendCapacity()) return;
    this.blocked = false;
    if (this.writeLeft > 0) this.writeMore();
    // A hot producer writes from its own buffer, oldest first, until the socket is full again.
    while (!this.blocked && this.upstream.size > 0) {
      if (this.conn.sendSpace() === 0) {
        this.blocked = true;
        break;
      }
      const emitSec = this.upstream.headTime();
      this.upstream.popFront(1);
      this.startEvent(emitSec);
    }
    if (!this.blocked && this.pendingTick) {
      // The withheld tick is emitted now, and the producer's clock restarts from here.
      this.pendingTick = false;
      this.arrOrigin = this.now;
      this.arrIndex = 0;
      this.nextTickSec = this.now;
    }
  }

  // ---------------------------------------------------------------- consumer

  private startReading(): void {
    const size = this.sizes.first();
    this.readEnd = this.readStart + size;
    this.reading = true;
    this.conn.setReader(this.now, this.readRate(size, size), this.readEnd);
  }

  /**
   * Reading speed for the `leftBytes` still to read of an event of `sizeBytes`, bytes/s: the
   * consumer rate in bytes, or (exponential service) the rest over one exponential draw.
   */
  private readRate(sizeBytes: number, leftBytes: number): number {
    const s = this.sc;
    if (s.service === "constant") return sizeBytes * s.consumer;
    return leftBytes / nextExponential(this.serviceRng, s.consumer);
  }

  private finishEvent(): void {
    this.ctx.consumed++;
    this.ctx.intervalHist.add(this.now - this.emits.shiftOne());
    this.sizes.shift();
    this.readStart = this.readEnd;
    this.reading = false;
    if (this.emits.size > 0) this.startReading();
    else this.conn.setReader(this.now, 0, this.readStart);
  }

  /** 1 while the consumer is part-way through an event, else 0. */
  private inService(): number {
    return this.reading && this.conn.readPast(this.now, this.readStart) > 0 ? 1 : 0;
  }

  // ---------------------------------------------------------------- parameters

  /**
   * Changes parameters from now on. Scheduled ticks keep their times (later ones follow the new
   * rate), the event being read continues at the new consumer rate, events already written keep
   * their size, and the connection takes its new parameters at once (what is on the wire keeps its
   * times; a smaller buffer applies as it drains).
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
    if (this.pendingTick && s.onPause !== "slow") {
      this.pendingTick = false;
      this.arrOrigin = this.now;
      this.arrIndex = 0;
      this.nextTickSec = this.now;
    }
    this.conn.setParams(this.now, tcpParams(s));
    if (
      (next.consumer !== prev.consumer || next.service !== prev.service || next.eventBytes !== prev.eventBytes) &&
      this.reading
    ) {
      const left = this.readEnd - this.readStart - Math.max(0, this.conn.readPast(this.now, this.readStart));
      this.conn.setReader(this.now, this.readRate(this.sizes.first(), left), this.readEnd);
    }
    if (this.upstream.size > this.producerCapacity()) this.producerOom(this.now);
    if (this.blocked) this.maybeRelease();
  }

  // ---------------------------------------------------------------- output

  /** Writes the core and TCP columns of a sample row. */
  writeSample(r: Float64Array): void {
    const conn = this.conn;
    const inService = this.inService();
    const user = conn.userAt(this.now);
    const upstream = this.upstream.size;
    r[Q] = this.emits.size - inService;
    r[IN_SERVICE] = inService;
    r[MEMORY] = this.sc.baseline + user;
    r[PRODUCER_STATE] = this.blocked ? PRODUCER_BLOCKED : PRODUCER_RUNNING;
    r[CONSUMER_UP] = 1;
    r[OLDEST_AGE] = this.oldestAgeSec(inService);
    r[UPSTREAM_QUEUED] = upstream;
    r[UPSTREAM_BYTES] = upstream * this.sc.eventBytes;
    r[WINDOW] = conn.sndWnd;
    r[IN_FLIGHT] = conn.sndNxt - conn.sndUna;
    r[SEND_BUFFER] = conn.sendUsed();
    r[RECEIVE_BUFFER] = user;
    r[SND_UNA] = conn.sndUna;
    r[SND_NXT] = conn.sndNxt;
  }

  private oldestAgeSec(inService: number): number {
    if (this.emits.size <= inService) return 0;
    return this.now - (inService ? this.emits.timeAt(1) : this.emits.headTime());
  }

  /** Nothing to close per interval. */
  afterSample(): void {}

  /** The state right now, for readouts. */
  live(): ModelLive {
    const inService = this.inService();
    return {
      queued: this.emits.size - inService,
      inService,
      memoryBytes: this.sc.baseline + this.conn.userAt(this.now),
      upstreamQueued: this.upstream.size,
      producerState: this.blocked ? PRODUCER_BLOCKED : PRODUCER_RUNNING,
      consumerUp: true,
      oldestAgeSec: this.oldestAgeSec(inService),
      timeToOomSec: Infinity,
    };
  }

  /** Closed-form figures of the scenario and what the connection has done so far. */
  figures(): ModelFigures {
    const c = this.conn;
    return {
      ...tcpFigures(this.sc),
      segments: c.segments,
      acks: c.acksSent,
      probes: c.probes,
      zeroWindows: c.zeroWindows,
      windowUpdates: c.windowUpdates,
      rtoSec: c.rto.rtoSec,
      srttSec: Number.isNaN(c.rto.srttSec) ? null : c.rto.srttSec,
      probeAcksRateLimited: c.probeAcksRateLimited,
      rcvBufBytes: c.rcvBuf,
      sndBufBytes: c.sndBuf,
      cwndSegments: c.cwnd,
    };
  }
}

/** The registry's factory for `strategy=tcp`. */
export function createTcpModel(ctx: RunContext, scenario: Scenario, startSec: number): Model {
  return new TcpModel(ctx, scenario, startSec);
}
