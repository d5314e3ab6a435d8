/**
 * `strategy=kafka`: a producer appending to one partition on a broker, and one consumer in a
 * consumer group running the poll loop (docs/DOMAIN.md section 4; defaults from ConsumerConfig).
 *
 * What is modelled:
 * - The broker's log is disk: it never runs out of memory, so an overloaded consumer's backlog
 *   is lag on the broker. Retention deletes whole segments (log.segment.bytes, 1 GiB, taken as
 *   1 GiB / eventBytes records) once their newest record is older than `retention`; the segment
 *   being written is never deleted.
 * - Fetching (the consumer's Fetcher): one fetch in flight at a time, sent when the consumer's
 *   fetch buffer is empty (pipelined: by the poll that drains it). The broker answers at once
 *   when it has records past the fetch offset, else as soon as one arrives (fetch.min.bytes 1),
 *   else empty after fetch.max.wait (0.5 s); the answer carries what the log holds at that
 *   instant, at most max.partition.fetch.bytes (1 MiB, taken as 1 MiB / eventBytes records) and
 *   at least one record. A round trip takes {@link FETCH_RTT_SEC}.
 * - poll() returns at most max.poll.records from the fetch buffer, waiting for the fetch when
 *   the buffer is empty. handoff=inline processes the batch in the loop and polls again after;
 *   handoff=async hands it to an unbounded in-memory queue, drained by a worker at the consumer
 *   rate, and polls again at once.
 * - Commits: auto (at a poll, when auto.commit.interval has passed since the last commit: the
 *   position, i.e. everything poll() has returned, processed or not), or batch (at each poll,
 *   the offset up to which the consumer has processed: after each batch with inline; the safe
 *   "commit what the worker finished" pattern with async).
 * - max.poll.interval: the poll timer runs from the moment poll() returns records. If the
 *   consumer has not called poll() again before max.poll.interval has passed, it is evicted at
 *   that instant (Kafka's Timer.isExpired is now >= deadline: a batch lasting exactly
 *   max.poll.interval is too long; event `eviction`). Its processing thread does not know: it finishes the batch (those
 *   records count as consumed, and will be duplicates), its commit fails, and its next poll()
 *   rejoins the group: a rebalance of `rebalance` s (event `rebalance`) with no consumption,
 *   after which it resumes at the last committed offset. Every record at or after that offset is
 *   delivered again; re-processed records count in kafkaDuplicates, not again in consumed.
 * - Retention runs when the broker's retention check does (LogManager schedules cleanupLogs at
 *   a fixed rate of log.retention.check.interval.ms, `retentionCheckInterval`, 300 s by default,
 *   after log.initial.task.delay.ms, 30 s): at each check the segments whose records are all
 *   older than retention go, so losses arrive in steps. A fetch below the log start is answered
 *   OffsetOutOfRange and the consumer resets (auto.offset.reset: latest jumps to the log end,
 *   earliest to the log start). Records deleted before anyone read them are lost at the check;
 *   records skipped by a reset to latest are lost at the reset (event `retention-loss`, at most
 *   once a second, with the count since the last one).
 * - A group with no committed offset (it never committed, e.g. evicted before its first
 *   auto-commit) starts where auto.offset.reset says when it (re)joins (SubscriptionState
 *   resetInitializingPositions): latest (the default) at the log end, skipping the backlog (those
 *   records are lost to the group), earliest at the log start (everything is delivered again).
 *   Event `offset-reset`, with the offset.
 * - Memory: baseline + (fetch buffer + in-memory queue + current batch) x eventBytes. Passing the
 *   limit (checked when a fetch lands) kills the consumer (event `oom`): the records it held that
 *   were already committed are lost (the async trap: auto-commit committed what was only
 *   fetched); the others are delivered again after a restart. With `restart` > 0 the consumer
 *   comes back after that delay, rejoins (a rebalance) and resumes at the committed offset; the
 *   broker kept everything produced meanwhile.
 * - fetchPause=on (async): pause() when the in-memory queue reaches `high` (the poll that
 *   crosses it is handed off whole), resume() when it drains to `low`; while paused the loop
 *   polls every fetch.max.wait and fetches nothing.
 *
 * Simplifications (say so in the UI):
 * - One partition, one consumer, one group; heartbeats and session.timeout are not modelled (a
 *   live consumer is never thought dead). The first join at t = 0 is instant; a restart's is a
 *   full rebalance.
 * - Segments are rolled by size only (log.roll.ms, 7 days, is not modelled): at low rates the
 *   segment being written may hold the whole run, and nothing is ever deleted (as in Kafka).
 * - Records of a batch (exponential service: a gamma-distributed batch time) finish evenly spaced
 *   within it. The async worker takes up to max(max.poll.records, 1 ms of work) records at a time.
 * - A fetch round trip is a fixed 1 ms (so a partition fetches at most 1 MiB a millisecond), and
 *   the wire size of a record is taken to be eventBytes.
 * - A Poisson producer's records come at the queue model's tick times for the seed (the same
 *   arrivals stream); beyond 8 records in 0.1 s their times are spread evenly between the first
 *   and the last (see kafka/producer.ts).
 * - The producer is never slowed (buffer.memory and max.block.ms are not modelled).
 *
 * Accounting, at every sample: produced = consumed + queued + inService + dropped + lost, with
 * consumed = records processed for the first time, inService = 1 while the record being
 * processed is a first-time one, queued = every other record appended and not yet processed
 * (broker backlog + fetch buffer + in-memory queue and batch), upstreamQueued = 0.
 * Latency = finish time - append time, first processing only.
 *
 * Columns: kafkaLagRecords is the broker's view (log end - committed offset); kafkaLagSec is the
 * age of the oldest record not yet processed (in the async trap the first looks small while the
 * second grows); kafkaClearSec = lag / (consumer - producer), Infinity when that is not positive.
 *
 * Work is per fetch, poll and batch, never per record: the log stores runs of append times,
 * processed and lost offsets are ranges, and a batch's records are finished in bulk.
 */
import { COL } from "../../engine/columnStore";
import {
  copyFields,
  scratchContext,
  type Model,
  type ModelFigures,
  type ModelLive,
  type StepBudget,
} from "../../engine/model";
import type { RunContext } from "../../engine/runContext";
import type { Scenario } from "../../scenario/params";
import { FIRST_RETENTION_CHECK_SEC, kafkaFigures, recordsPerFetch } from "./figures";
import { Batch, finishRecords } from "./batch";
import { nextGammaSum } from "./gamma";
import { OffsetQueue, OffsetSet } from "./offsets";
import { PartitionLog } from "./partitionLog";
import { Producer } from "./producer";

/** Round trip of a fetch request between consumer and broker, s (fixed; not a parameter). */
export const FETCH_RTT_SEC = 0.001;
/** fetch.max.wait.ms: longest a broker holds a fetch that finds no records, s. */
export const FETCH_MAX_WAIT_SEC = 0.5;
/** The async worker takes at least this much work at a time (bounds the work per second), s. */
const WORKER_SLICE_SEC = 0.001;
/** log.segment.bytes (broker default, 1 GiB): retention deletes whole segments. */
export const SEGMENT_BYTES = 1_073_741_824;
/** Retention losses are logged at most this often, s. */
const RETENTION_LOG_SEC = 1;
/**
 * log.initial.task.delay.ms (ServerLogConfigs default, 30 s): the broker's first retention check
 * runs this long after it starts, then every log.retention.check.interval.ms.
 */
export const RETENTION_INITIAL_DELAY_SEC = FIRST_RETENTION_CHECK_SEC;

/** Test hook: what the consumer did, as it happens. */
export interface KafkaObserver {
  /** poll() returned `count` (>= 1) records from `fromOffset`. */
  poll?(timeSec: number, fromOffset: number, count: number): void;
  /** The group's committed offset became `offset`. */
  commit?(timeSec: number, offset: number): void;
  /** The consumer was evicted (committed offset and position at that instant). */
  eviction?(timeSec: number, committed: number, position: number): void;
  /** Consumption (re)starts after a rebalance, at `offset`. */
  resume?(timeSec: number, offset: number): void;
  /** auto.offset.reset moved the position from `from` (deleted by retention) to `to`. */
  reset?(timeSec: number, from: number, to: number): void;
}

/** Options of {@link KafkaModel} that are not part of the scenario. */
export interface KafkaOptions {
  observer?: KafkaObserver;
}

/** The model's state at an instant (offsets and counts), for tests and readouts. */
export interface KafkaState {
  timeSec: number;
  logStart: number;
  logEnd: number;
  position: number;
  /** End of the consumer's fetch buffer: [position, available) arrived, not yet polled. */
  available: number;
  /** End of what the broker sent: [available, fetched) is on its way. */
  fetched: number;
  committed: number;
  consumerUp: boolean;
  evicted: boolean;
  rebalancing: boolean;
  paused: boolean;
  /** Records polled and not yet processed (in-memory queue + the batch in progress). */
  inApp: number;
  /** Records held in consumer memory (fetch buffer + inApp). */
  inMemory: number;
  /** Records appended, not yet processed and not lost (= queued + inService). */
  unprocessed: number;
  duplicates: number;
}

/** The Kafka model. See the file comment. */
export class KafkaModel implements Model {
  /** Simulated time, s. */
  now: number;
  private sc: Scenario;
  private log = new PartitionLog();
  private producer: Producer;
  /** Offsets processed at least once, or lost. */
  private done = new OffsetSet();
  /** Offsets handed to processing and not started (the async in-memory queue). */
  private app = new OffsetQueue();
  private observer: KafkaObserver | undefined;

  /** Log end offset now (as counted into ctx.produced). */
  private logEnd = 0;
  /** Oldest offset retention has kept. */
  private logStart = 0;
  private duplicates = 0;

  private up = true;
  private position = 0;
  /** End of what the broker has sent: [available, fetched) is an answer on its way. */
  private fetched = 0;
  /** End of the fetch buffer: [position, available) has arrived and awaits poll(). */
  private available = 0;
  private committed = 0;
  /** The group has committed an offset (without one, a rejoin applies auto.offset.reset). */
  private hasCommitted = false;
  private lastCommitSec: number;
  /** The broker's next retention check, s. */
  private nextCheckSec: number;
  private inFlight = false;
  /** When the broker answers the fetch in flight, s; the answer holds what the log had then. */
  private answerSec = 0;
  /** The broker has answered (the answer's content is fixed). */
  private answered = false;
  /** The answer is empty (nothing arrived within fetch.max.wait). */
  private answerEmpty = false;
  /** The answer is OffsetOutOfRange: the fetch offset was deleted by retention. */
  private outOfRange = false;
  private arriveSec = Infinity;

  /** Next step of the poll loop (a poll() call, or the end of a rebalance), s. */
  private loopAtSec: number;
  /** Inline: the loop is processing records and calls poll() when they are done. */
  private blocked = false;
  private pollReturnSec = 0;
  private evictAtSec = Infinity;
  private evicted = false;
  private rebalancing = false;
  private paused = false;
  private restartAtSec = Infinity;

  /** The batch being processed. */
  private batch = new Batch();

  /** Scratch for {@link PartitionLog.sliceAt}. */
  private readonly slice = new Float64Array(2);
  private retentionPending = 0;
  private lastRetentionLogSec = -Infinity;
  private lastHeld = 0;

  /** Starts at `startSec` with an empty log; the consumer polls at once. */
  constructor(
    private ctx: RunContext,
    scenario: Scenario,
    startSec = 0,
    options: KafkaOptions = {},
  ) {
    this.sc = { ...scenario };
    this.now = startSec;
    this.producer = new Producer(this.log, ctx.streams.arrivals, scenario.producer, scenario.arrivals, startSec);
    this.lastCommitSec = startSec;
    this.loopAtSec = startSec;
    this.nextCheckSec = startSec + RETENTION_INITIAL_DELAY_SEC;
    this.observer = options.observer;
  }

  /** A deep copy bound to `ctx` (without the observer). */
  clone(ctx: RunContext): KafkaModel {
    // Built by the constructor, then filled: the copy keeps the fast object shape (see copyFields).
    const c = copyFields(new KafkaModel(scratchContext(), this.sc, this.now), this);
    c.ctx = ctx;
    c.sc = { ...this.sc };
    c.log = this.log.clone();
    c.producer = this.producer.clone(c.log, ctx.streams.arrivals);
    c.done = this.done.clone();
    c.app = this.app.clone();
    c.batch = this.batch.clone();
    c.observer = undefined;
    return c;
  }

  // ---------------------------------------------------------------- running

  /**
   * Handles every event strictly before `endSec`, then sets the clock to it.
   * A `budget` stops it at an event boundary, at the top of the loop (see Model.advanceTo).
   */
  advanceTo(endSec: number, budget?: StepBudget): boolean {
    for (;;) {
      if (budget !== undefined && budget.left <= 0) return false;
      const restart = this.restartAtSec;
      const arrive = this.inFlight ? this.arriveSec : Infinity;
      const batchEnd = this.batch.endSec;
      const evict = this.evictAtSec;
      const loop = this.loopAtSec;
      const check = this.nextCheckSec;
      let t = restart;
      if (check < t) t = check;
      if (arrive < t) t = arrive;
      if (batchEnd < t) t = batchEnd;
      if (evict < t) t = evict;
      if (loop < t) t = loop;
      if (!(t < endSec)) break;
      if (budget !== undefined) budget.left--;
      this.moveClock(t);
      // Records finishing at this very instant are done before anything else happens at it.
      this.settleWorker(t, true);
      // The poll timer expires at its deadline: an eviction due now comes before the batch's end.
      if (restart <= t) this.handleRestart();
      else if (check <= t) this.handleRetentionCheck();
      else if (arrive <= t) this.handleArrival();
      else if (evict <= t) this.handleEvictionDue();
      else if (batchEnd <= t) this.handleBatchEnd();
      else this.handleLoop();
      this.ctx.stepped(false);
    }
    if (endSec > this.now) this.moveClock(endSec);
    return true;
  }

  /** Moves the clock: appends, processing finished before `tSec`, integrals. */
  private moveClock(tSec: number): void {
    if (!(tSec > this.now)) return;
    const dt = tSec - this.now;
    this.producer.ensure(tSec);
    const end = this.log.countBefore(tSec);
    this.ctx.produced += end - this.logEnd;
    this.logEnd = end;
    this.settleWorker(tSec, false);
    // The answer is an event like any other: handled once the clock is past it.
    if (this.inFlight && !this.answered && this.answerSec < tSec) this.composeAnswer();
    const held = this.held();
    this.ctx.inSystemIntegral += ((this.lastHeld + held) / 2) * dt;
    this.lastHeld = held;
    const queued = held - this.inService();
    if (queued > this.ctx.maxQueued) this.ctx.maxQueued = queued;
    this.now = tSec;
  }

  /** The broker's retention check: deletes expired segments now, then waits an interval. */
  private handleRetentionCheck(): void {
    this.ctx.perEventSteps++;
    this.applyRetention(this.now);
    this.nextCheckSec = this.now + this.sc.retentionCheckInterval;
  }

  /** Log start offset a check at `tSec` leaves: the first segment holding a record younger than retention. */
  private logStartAt(tSec: number): number {
    const perSegment = Math.max(1, Math.floor(SEGMENT_BYTES / this.sc.eventBytes));
    const expired = this.log.countBefore(tSec - this.sc.retention);
    return Math.max(this.logStart, Math.floor(expired / perSegment) * perSegment);
  }

  /** Retention: segments whose records are all older than retention go; unread records are lost. */
  private applyRetention(tSec: number): void {
    const start = this.logStartAt(tSec);
    if (start <= this.logStart) return;
    // What the broker has sent is on its way or in the consumer's memory: safe from deletion.
    const from = Math.max(this.logStart, this.fetched);
    if (start > from) {
      const lost = this.done.missingIn(from, start);
      if (lost > 0) {
        this.done.add(from, start);
        this.lose(lost);
      }
    }
    this.logStart = start;
  }

  private lose(n: number): void {
    this.ctx.lost += n;
    this.retentionPending += n;
  }

  // ---------------------------------------------------------------- processing

  /** Finishes the batch's records due before `tSec` (at or before, if `inclusive`). */
  private settleWorker(tSec: number, inclusive: boolean): void {
    if (!this.batch.active) return;
    const k = this.batch.finishedBy(tSec, inclusive);
    if (k > this.batch.done) this.finishThrough(k);
  }

  /** Processes the batch's records up to the k-th. */
  private finishThrough(k: number): void {
    const batch = this.batch;
    const a = batch.current;
    const b = batch.first + k;
    const fresh = finishRecords(
      this.ctx,
      this.done,
      this.log,
      a,
      b,
      batch.finishSec(batch.done + 1),
      batch.stepSec,
      this.slice,
    );
    this.duplicates += b - a - fresh;
    batch.done = k;
  }

  /** Most records the worker takes at once. */
  private batchCap(): number {
    return Math.max(this.sc.maxPollRecords, Math.ceil(this.sc.consumer * WORKER_SLICE_SEC));
  }

  /** Starts processing the head of the in-memory queue now. */
  private startBatch(): void {
    const n = Math.min(this.app.headLength(), this.batchCap());
    const first = this.app.headStart();
    this.app.takeHead(n);
    this.batch.start(first, n, this.now, this.stepFor(n));
    this.ctx.bulkSteps++;
  }

  /** Time between finishes for a batch of `n` records: constant, or a gamma(n) total spread evenly. */
  private stepFor(n: number): number {
    const s = this.sc;
    return s.service === "constant" ? 1 / s.consumer : nextGammaSum(this.ctx.streams.service, n, s.consumer) / n;
  }

  private handleBatchEnd(): void {
    if (this.batch.remaining > 0) this.finishThrough(this.batch.count);
    this.batch.clear();
    if (this.app.size > 0) this.startBatch();
    else if (this.blocked) {
      // Inline: the batch is done, the loop calls poll() again.
      this.blocked = false;
      this.evictAtSec = Infinity;
      this.loopAtSec = this.now;
    }
    if (this.paused) this.scheduleResume();
  }

  /** Records polled and not yet processed: the in-memory queue and the rest of the batch. */
  private appLoad(): number {
    return this.app.size + this.batch.remaining;
  }

  /** Offset up to which every record poll() returned has been processed. */
  private processedFrontier(): number {
    if (this.batch.active) return this.batch.current;
    if (this.app.size > 0) return this.app.headStart();
    return this.position;
  }

  // ---------------------------------------------------------------- the poll loop

  private handleLoop(): void {
    this.ctx.perEventSteps++;
    this.loopAtSec = Infinity;
    if (!this.up) return;
    const s = this.sc;
    if (this.evicted) {
      // poll() finds the consumer out of the group: its commit fails, it rejoins.
      this.startRebalance();
      return;
    }
    if (this.rebalancing) {
      this.rebalancing = false;
      this.lastCommitSec = this.now;
      if (!this.hasCommitted) this.resetUncommitted();
      this.observer?.resume?.(this.now, this.position);
    }
    const inline = s.handoff === "inline";
    if (inline && this.appLoad() > 0) {
      // Records handed off before a switch to inline: processed before the next poll.
      this.blocked = true;
      return;
    }
    if (s.commit === "auto") {
      if (this.now - this.lastCommitSec >= s.autoCommitInterval) this.commitAt(this.position);
    } else {
      this.commitAt(this.processedFrontier());
    }
    if (!inline && s.fetchPause === "on") {
      const load = this.appLoad();
      if (this.paused && load <= s.low) this.paused = false;
      else if (!this.paused && load >= s.high) this.paused = true;
    } else {
      this.paused = false;
    }
    if (this.paused) {
      this.waitPaused();
      return;
    }
    const buffered = this.available - this.position;
    if (buffered > 0) {
      if (inline) {
        this.handOff(Math.min(s.maxPollRecords, buffered));
        this.blocked = true;
        this.evictAtSec = this.now + s.maxPollInterval;
      } else {
        // The loop polls again at once until the buffer is drained (or pause() stops it).
        let n = buffered;
        if (s.fetchPause === "on") {
          const polls = Math.max(1, Math.ceil((s.high - this.appLoad()) / s.maxPollRecords));
          n = Math.min(n, polls * s.maxPollRecords);
        }
        this.handOff(n);
        if (s.fetchPause === "on" && this.appLoad() >= s.high) this.paused = true;
      }
      this.pollReturnSec = this.now;
    }
    // Pipelining: the poll that empties the buffer sends the next fetch.
    if (this.available === this.position && !this.inFlight) this.sendFetch();
    if (this.blocked) return;
    if (this.paused) this.waitPaused();
    else this.loopAtSec = this.arriveSec;
  }

  /** Paused: the loop polls every fetch.max.wait, and resumes as soon as the queue is at LOW. */
  private waitPaused(): void {
    this.loopAtSec = this.now + FETCH_MAX_WAIT_SEC;
    this.scheduleResume();
  }

  /** While paused, brings the loop forward to the instant the in-memory queue drains to LOW. */
  private scheduleResume(): void {
    const need = this.appLoad() - this.sc.low;
    let at = Infinity;
    if (need <= 0) at = this.now;
    else if (need <= this.batch.remaining) at = this.batch.finishSec(this.batch.done + need);
    if (at < this.loopAtSec) this.loopAtSec = at;
  }

  /** poll() returns `n` records from the position (in polls of at most max.poll.records). */
  private handOff(n: number): void {
    const from = this.position;
    this.app.push(from, from + n);
    this.position = from + n;
    const poll = this.observer?.poll;
    if (poll) {
      const m = this.sc.maxPollRecords;
      for (let o = from; o < from + n; o += m) poll(this.now, o, Math.min(m, from + n - o));
    }
    if (!this.batch.active) this.startBatch();
  }

  private commitAt(offset: number): void {
    this.committed = offset;
    this.hasCommitted = true;
    this.lastCommitSec = this.now;
    this.observer?.commit?.(this.now, offset);
  }

  /** Sends a fetch for the position (the fetch buffer is empty, nothing is on its way). */
  private sendFetch(): void {
    const from = this.fetched;
    const atBroker = this.now + FETCH_RTT_SEC / 2;
    this.producer.ensure(atBroker);
    if (this.log.countBefore(atBroker) > from) {
      this.answerSec = atBroker;
      this.answerEmpty = false;
    } else {
      const limit = atBroker + FETCH_MAX_WAIT_SEC;
      const appendSec = this.producer.timeOfUpTo(from, limit);
      this.answerEmpty = !(appendSec < limit);
      this.answerSec = this.answerEmpty ? limit : appendSec;
    }
    this.arriveSec = this.answerSec + FETCH_RTT_SEC / 2;
    this.inFlight = true;
    this.answered = false;
    this.outOfRange = false;
  }

  /** The broker answers: records from the fetch offset as the log holds them at that instant. */
  private composeAnswer(): void {
    this.answered = true;
    if (this.answerEmpty) return;
    const from = this.fetched;
    if (from < this.logStart) {
      this.outOfRange = true;
      return;
    }
    this.fetched = Math.min(from + recordsPerFetch(this.sc), Math.max(from + 1, this.log.countBefore(this.answerSec)));
  }

  /** auto.offset.reset for a position the broker no longer has; skipped records are lost. */
  private resetOffset(): void {
    const to = this.sc.offsetReset === "earliest" ? this.logStart : this.logEnd;
    this.observer?.reset?.(this.now, this.position, to);
    const lost = this.done.missingIn(this.position, to);
    if (lost > 0) {
      this.done.add(this.position, to);
      this.lose(lost);
    }
    this.position = to;
    this.fetched = to;
    this.available = to;
  }

  /**
   * A group without a committed offset joins: auto.offset.reset picks the position (latest: the
   * log end, so the backlog is skipped and lost to the group; earliest: the log start).
   */
  private resetUncommitted(): void {
    const to = this.sc.offsetReset === "earliest" ? this.logStart : this.logEnd;
    const skipped = this.done.missingIn(this.position, to);
    if (skipped > 0) {
      this.done.add(this.position, to);
      this.ctx.lost += skipped;
    }
    this.position = to;
    this.fetched = to;
    this.available = to;
    this.ctx.log.add(this.now, "offset-reset", to);
  }

  private handleArrival(): void {
    this.ctx.perEventSteps++;
    this.inFlight = false;
    this.arriveSec = Infinity;
    if (this.outOfRange) {
      // OffsetOutOfRange: auto.offset.reset; the loop fetches again from the new position.
      this.resetOffset();
      return;
    }
    this.available = this.fetched;
    this.checkMemory();
  }

  private handleEvictionDue(): void {
    this.ctx.perEventSteps++;
    this.evictAtSec = Infinity;
    if (!this.blocked || this.evicted || !this.up) return;
    this.evicted = true;
    // The gap between polls this batch will cause (known to the simulation, not the consumer).
    const pollAgainSec = this.app.size === 0 && this.batch.active ? this.batch.endSec : this.now;
    this.ctx.log.add(this.now, "eviction", pollAgainSec - this.pollReturnSec);
    this.observer?.eviction?.(this.now, this.committed, this.position);
  }

  /** (Re)joins the group: no consumption for `rebalance` s, then from the committed offset. */
  private startRebalance(): void {
    this.rebalancing = true;
    this.evicted = false;
    this.blocked = false;
    this.paused = false;
    this.evictAtSec = Infinity;
    this.ctx.log.add(this.now, "rebalance", this.hasCommitted ? this.committed : -1);
    // Fetched data of the old assignment is dropped; the broker still has it.
    this.position = this.committed;
    this.fetched = this.committed;
    this.available = this.committed;
    this.inFlight = false;
    this.arriveSec = Infinity;
    this.loopAtSec = this.now + this.sc.rebalance;
  }

  private handleRestart(): void {
    this.ctx.perEventSteps++;
    this.restartAtSec = Infinity;
    this.up = true;
    this.ctx.log.add(this.now, "restart", 0);
    this.startRebalance();
  }

  // ---------------------------------------------------------------- memory

  /** Records in consumer memory: fetch buffer, in-memory queue, batch in progress. */
  private inMemory(): number {
    return this.available - this.position + this.appLoad();
  }

  private memoryBytes(): number {
    return this.sc.baseline + this.inMemory() * this.sc.eventBytes;
  }

  /** Kills the consumer if its memory passed the limit. */
  private checkMemory(): void {
    const mem = this.memoryBytes();
    if (mem > this.ctx.peakMemoryBytes) this.ctx.peakMemoryBytes = mem;
    if (mem > this.sc.memory) this.oom();
  }

  /** Out of memory: what it held below the committed offset is lost, the rest is fetched again. */
  private oom(): void {
    const c = this.committed;
    let lost = 0;
    const loseBelowCommitted = (a: number, b: number) => {
      const hi = Math.min(b, c);
      if (hi > a) {
        lost += this.done.missingIn(a, hi);
        this.done.add(a, hi);
      }
    };
    if (this.batch.active) loseBelowCommitted(this.batch.current, this.batch.first + this.batch.count);
    this.app.forEach(loseBelowCommitted);
    // The fetch buffer is at or after the position, so at or after the committed offset.
    this.ctx.recordOom(this.now, lost);
    this.app.clear();
    this.batch.clear();
    this.position = c;
    this.fetched = c;
    this.available = c;
    this.inFlight = false;
    this.arriveSec = Infinity;
    this.up = false;
    this.blocked = false;
    this.evicted = false;
    this.rebalancing = false;
    this.paused = false;
    this.loopAtSec = Infinity;
    this.evictAtSec = Infinity;
    this.restartAtSec = this.sc.restart > 0 ? this.now + this.sc.restart : Infinity;
  }

  // ---------------------------------------------------------------- parameters

  /**
   * Changes parameters from now on. A new producer rate or process cuts the appends not yet made
   * (a fetch waiting for them is sent again); a new consumer rate applies to the rest of the batch
   * in progress; the eviction deadline follows a new max.poll.interval.
   */
  setScenario(prev: Scenario, next: Scenario): void {
    const s = (this.sc = { ...next });
    const seedChanged = next.seed !== prev.seed;
    if (seedChanged || next.producer !== prev.producer || next.arrivals !== prev.arrivals) {
      this.producer.restart(this.now, s.producer, s.arrivals);
      if (this.inFlight && !this.answered) {
        const waiting = this.loopAtSec === this.arriveSec;
        this.inFlight = false;
        this.sendFetch();
        if (waiting) this.loopAtSec = this.arriveSec;
      }
    }
    if ((next.consumer !== prev.consumer || next.service !== prev.service) && this.batch.active) {
      const rest = this.batch.remaining;
      this.batch.start(this.batch.current, rest, this.now, this.stepFor(rest));
    }
    if (
      this.blocked &&
      !this.evicted &&
      this.evictAtSec !== Infinity &&
      next.maxPollInterval !== prev.maxPollInterval
    ) {
      this.evictAtSec = Math.max(this.now, this.pollReturnSec + s.maxPollInterval);
    }
    if (this.blocked && s.handoff === "async" && !this.evicted) {
      this.blocked = false;
      this.evictAtSec = Infinity;
      this.loopAtSec = this.now;
    }
    if (next.retentionCheckInterval !== prev.retentionCheckInterval) {
      // The schedule keeps its phase: the next check is an interval after the last one.
      const last = this.nextCheckSec - prev.retentionCheckInterval;
      this.nextCheckSec = Math.max(this.now, last + s.retentionCheckInterval);
    }
    if (this.paused) this.loopAtSec = this.now; // re-evaluated with the new marks or mode
    if (this.up) this.checkMemory();
    if (s.restart > 0 && !this.up && this.restartAtSec === Infinity) this.restartAtSec = this.now + s.restart;
  }

  // ---------------------------------------------------------------- output

  /** Records appended and neither processed nor lost (queued + in service). */
  held(): number {
    let n = this.done.missingIn(this.position, this.logEnd);
    if (this.batch.active) n += this.done.missingIn(this.batch.current, this.batch.first + this.batch.count);
    return n + this.app.missingIn(this.done);
  }

  /** 1 while the record being processed is processed for the first time. */
  private inService(): number {
    if (this.batch.remaining <= 0) return 0;
    return this.done.has(this.batch.current) ? 0 : 1;
  }

  /** Age of the oldest record not yet processed (nor lost), s; 0 when none. */
  private lagSec(): number {
    let o = -1;
    if (this.batch.active) o = this.done.firstMissing(this.batch.current, this.batch.first + this.batch.count);
    if (o < 0) o = this.app.firstMissing(this.done);
    if (o < 0) o = this.done.firstMissing(this.position, this.logEnd);
    return o < 0 ? 0 : Math.max(0, this.now - this.log.timeOf(o));
  }

  /** Time to clear the lag at the current rates, s: Infinity when it does not shrink. */
  private clearSec(): number {
    const lag = this.logEnd - this.committed;
    if (lag <= 0) return 0;
    const net = this.sc.consumer - this.sc.producer;
    return net > 0 ? lag / net : Infinity;
  }

  /** Writes the model's columns of a sample row. */
  writeSample(r: Float64Array): void {
    const held = this.held();
    const inService = this.inService();
    const lagSec = this.lagSec();
    r[COL.queued] = held - inService;
    r[COL.inService] = inService;
    r[COL.memoryBytes] = this.up ? this.memoryBytes() : 0;
    r[COL.producerState] = 0;
    r[COL.consumerUp] = this.up ? 1 : 0;
    r[COL.oldestAgeSec] = lagSec;
    r[COL.upstreamQueued] = 0;
    r[COL.upstreamBytes] = 0;
    r[COL.kafkaLogStart] = this.logStart;
    r[COL.kafkaLogEnd] = this.logEnd;
    r[COL.kafkaPosition] = this.position;
    r[COL.kafkaCommitted] = this.committed;
    r[COL.kafkaLagRecords] = this.logEnd - this.committed;
    r[COL.kafkaLagSec] = lagSec;
    r[COL.kafkaClearSec] = this.clearSec();
    r[COL.kafkaDuplicates] = this.duplicates;
    // No batch in progress reads as an empty one at the position (a level column is never NaN
    // under its own model: the envelope relies on it); no deadline running reads Infinity.
    const b = this.batch;
    r[COL.kafkaBatchStart] = b.active ? b.first : this.position;
    r[COL.kafkaBatchNext] = b.active ? b.current : this.position;
    r[COL.kafkaBatchEnd] = b.active ? b.first + b.count : this.position;
    r[COL.kafkaPollLeftSec] = this.evictAtSec - this.now;
  }

  /** Logs retention losses (at most once a second) and forgets what no one can ask about. */
  afterSample(): void {
    if (this.retentionPending > 0 && this.now - this.lastRetentionLogSec >= RETENTION_LOG_SEC) {
      this.ctx.log.add(this.now, "retention-loss", this.retentionPending);
      this.retentionPending = 0;
      this.lastRetentionLogSec = this.now;
    }
    const frontier = this.processedFrontier();
    this.log.trimBelow(Math.min(this.committed, this.position, this.logStart, frontier));
    // Everything below the committed offset and the oldest record in memory is processed or lost.
    this.done.raiseBase(Math.min(this.committed, frontier));
  }

  /** The state right now, for readouts. */
  live(): ModelLive {
    const s = this.sc;
    const held = this.held();
    const inService = this.inService();
    let timeToOomSec = Infinity;
    const growth = s.producer - s.consumer;
    if (this.up && s.handoff === "async" && s.fetchPause === "off" && growth > 0) {
      timeToOomSec = Math.max(0, (s.memory - this.memoryBytes()) / (growth * s.eventBytes));
    }
    return {
      queued: held - inService,
      inService,
      memoryBytes: this.up ? this.memoryBytes() : 0,
      upstreamQueued: 0,
      producerState: 0,
      consumerUp: this.up,
      oldestAgeSec: this.lagSec(),
      timeToOomSec,
    };
  }

  /** Offsets and counts now (tests, readouts). */
  inspect(): KafkaState {
    return {
      timeSec: this.now,
      logStart: this.logStart,
      logEnd: this.logEnd,
      position: this.position,
      available: this.available,
      fetched: this.fetched,
      committed: this.committed,
      consumerUp: this.up,
      evicted: this.evicted,
      rebalancing: this.rebalancing,
      paused: this.paused,
      inApp: this.appLoad(),
      inMemory: this.inMemory(),
      unprocessed: this.held(),
      duplicates: this.duplicates,
    };
  }

  /** Figures of the scenario: lag growth, batch time against max.poll.interval, OOM, retention. */
  figures(): ModelFigures {
    return kafkaFigures(this.sc);
  }
}

/** The registry's factory for `strategy=kafka`. */
export function createKafkaModel(ctx: RunContext, scenario: Scenario, startSec: number): KafkaModel {
  return new KafkaModel(ctx, scenario, startSec);
}
