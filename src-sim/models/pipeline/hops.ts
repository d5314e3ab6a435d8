/**
 * The two hops of a pipeline that are not a queue in the stage's memory (SEMANTICS.md, "Kafka
 * hops" and "Reactive hops"): a Kafka topic, whose partition log lives on the broker (the stage
 * before appends, the stage after polls), and a Reactive Streams subscription, whose demand the
 * stage after requests and the stage before emits against. Plain state with the bookkeeping of
 * offsets and demand; the pipeline's event loop (model.ts) decides when each step happens.
 */
import { RunQueue } from "../../engine/runQueue";
import type { Scenario } from "../../scenario/params";
import type { TcpHopSummary } from "./tcpHop";

/** log.segment.bytes (broker default, 1 GiB): retention deletes whole segments, as the Kafka model does. */
export const HOP_SEGMENT_BYTES = 1_073_741_824;

/** log.initial.task.delay.ms (30 s): the broker's first retention check, then every `retentionCheckInterval`. */
export const HOP_FIRST_RETENTION_CHECK_SEC = 30;

/** What a Kafka hop did up to now, and its state: the command line's `stages[i].hop`. */
export interface KafkaHopSummary {
  kind: "kafka";
  /** Records the stage before appended to the topic (its log end offset). */
  appended: number;
  /** Oldest offset retention has kept. */
  logStart: number;
  /** Offset the group has committed. */
  committed: number;
  /** Next offset poll() returns. */
  position: number;
  /** Consumer lag as the broker sees it: log end - committed offset, records. */
  lagRecords: number;
  /** Records appended and not yet delivered to the stage after (the backlog waiting on the broker). */
  backlog: number;
  /** Bytes the partition holds on the broker: (log end - log start) x eventBytes. */
  brokerBytes: number;
  /** Records retention deleted (or a reset to latest skipped) before the stage after read them. */
  retentionLost: number;
  /** Records delivered again after a restart that the stage after had already processed. */
  duplicates: number;
  polls: number;
  commits: number;
}

/** What a Reactive hop did up to now, and its state: the command line's `stages[i].hop`. */
export interface ReactiveHopSummary {
  kind: "reactive";
  /** Items requested so far (request(n) summed over the subscriptions). */
  requested: number;
  /** Items the stage before emitted (onNext) against that demand. */
  emitted: number;
  /** Demand not yet used: requested - emitted. */
  outstanding: number;
  /** request(n) calls. */
  requests: number;
}

/**
 * The amount a limitRate subscriber re-requests: prefetch - floor(prefetch x (1 - lowTide)), at
 * least 1 and at most prefetch (128 at 0.75 gives 96). The rule of the Reactive model's
 * replenishAmount (src-sim/models/reactive/demand.ts), which a model may not import;
 * test/pipeline-hops.test.ts checks the two agree.
 */
export function hopReplenishAmount(prefetch: number, lowTide: number): number {
  const kept = prefetch * (1 - lowTide);
  const r = prefetch - Math.floor(kept + 1e-9 * Math.max(1, kept));
  return Math.min(prefetch, Math.max(1, r));
}

/** A hop's own figures (absent for the queue strategies). */
export type HopSummary = KafkaHopSummary | ReactiveHopSummary | TcpHopSummary;

/**
 * A Kafka topic of one partition between two stages, with one consumer (the stage after) in one
 * group. Offsets are counts of records; emit times (at the source) of the records are kept as runs
 * for what may still be delivered: `unread` holds offsets [unreadBase, log end), `replay` holds
 * [replayBase, position), the records delivered since the committed offset (delivered again after
 * a restart).
 */
export class KafkaHop {
  readonly unread = new RunQueue();
  readonly replay = new RunQueue();
  unreadBase = 0;
  replayBase = 0;
  logStart = 0;
  logEnd = 0;
  position = 0;
  committed = 0;
  hasCommitted = false;
  lastCommitSec: number;
  /**
   * Every offset below this one was processed by the stage after, is held by it for the first
   * time, or was lost: the backlog on the broker is logEnd - fresh.
   */
  fresh = 0;
  /** Every offset below this one was processed at least once (a delivery below it is a duplicate). */
  processedEnd = 0;
  /** Append time of the newest record of each full segment from the log start's on, s. */
  segmentEnds: number[] = [];
  nextCheckSec: number;
  /** When a rejoin (after a restart) ends and consumption resumes; Infinity when none is under way. */
  joinAtSec = Infinity;
  retentionLost = 0;
  duplicates = 0;
  polls = 0;
  commits = 0;

  constructor(
    readonly sc: Scenario,
    startSec: number,
  ) {
    this.lastCommitSec = startSec;
    this.nextCheckSec =
      startSec <= HOP_FIRST_RETENTION_CHECK_SEC
        ? HOP_FIRST_RETENTION_CHECK_SEC
        : HOP_FIRST_RETENTION_CHECK_SEC +
          Math.ceil((startSec - HOP_FIRST_RETENTION_CHECK_SEC) / sc.retentionCheckInterval) * sc.retentionCheckInterval;
  }

  /** Records in one segment: log.segment.bytes / eventBytes, at least 1. */
  perSegment(): number {
    return Math.max(1, Math.floor(HOP_SEGMENT_BYTES / this.sc.eventBytes));
  }

  /** The stage before appends one record (emitted at the source at `emitSec`) at `nowSec`. */
  append(nowSec: number, emitSec: number): void {
    this.unread.pushOne(emitSec);
    this.logEnd++;
    if (this.logEnd % this.perSegment() === 0) this.segmentEnds.push(nowSec);
  }

  /**
   * Appends `count` records at `firstSec + j x stepSec` (a stretch), their emit times moved from
   * `emits` (which ends empty).
   */
  appendRun(firstSec: number, stepSec: number, count: number, emits: RunQueue): void {
    const per = this.perSegment();
    for (let next = (Math.floor(this.logEnd / per) + 1) * per; next <= this.logEnd + count; next += per)
      this.segmentEnds.push(firstSec + (next - 1 - this.logEnd) * stepSec);
    this.logEnd += count;
    emits.popFront(emits.size, (start, step, n) => this.unread.push(start, step, n));
  }

  /**
   * A consumer that keeps up polls each of the `count` records appended at `firstSec + j x
   * stepSec` at once, one a poll (a stretch): they move (emit times) to `into`, and each poll's
   * commit is made at its instant, with the position before it.
   */
  pollEach(firstSec: number, stepSec: number, count: number, into: RunQueue): void {
    if (count <= 0) return;
    const p0 = this.position;
    const replay = this.replay;
    this.unread.popFront(count, (start, step, n) => {
      into.push(start, step, n);
      replay.push(start, step, n);
    });
    this.position = p0 + count;
    this.unreadBase = this.position;
    if (this.position > this.fresh) this.fresh = this.position;
    if (p0 + count - 1 > this.processedEnd) this.processedEnd = p0 + count - 1;
    this.polls += count;
    const s = this.sc;
    if (s.commit === "batch") {
      this.commits += count - 1;
      this.commit(firstSec + (count - 1) * stepSec, p0 + count - 1);
      return;
    }
    // Auto: the first poll at least autoCommitInterval after the last commit commits, and so on.
    let j = Math.max(0, Math.ceil((this.lastCommitSec + s.autoCommitInterval - firstSec) / stepSec) - 1);
    for (;;) {
      while (j < count && firstSec + j * stepSec - this.lastCommitSec < s.autoCommitInterval) j++;
      if (j >= count) return;
      this.commit(firstSec + j * stepSec, p0 + j);
      j = Math.max(j + 1, Math.ceil((this.lastCommitSec + s.autoCommitInterval - firstSec) / stepSec) - 1);
    }
  }

  /** Records poll() could return now: from the position to the log end (0 while the position is deleted). */
  readable(): number {
    return this.position >= this.logStart ? this.logEnd - this.position : 0;
  }

  /** Lag as the broker reports it: log end - committed offset. */
  lag(): number {
    return this.logEnd - this.committed;
  }

  /** The backlog on the broker: records appended, not yet delivered for the first time, not lost. */
  backlog(): number {
    return this.logEnd - this.fresh;
  }

  brokerBytes(): number {
    return (this.logEnd - this.logStart) * this.sc.eventBytes;
  }

  /** Commits `offset` now; the replay runs below it are no longer needed. */
  commit(nowSec: number, offset: number): void {
    this.committed = offset;
    this.hasCommitted = true;
    this.lastCommitSec = nowSec;
    this.commits++;
    if (offset > this.replayBase) {
      const drop = Math.min(offset, this.position) - this.replayBase;
      if (drop > 0) this.replay.popFront(drop);
      this.replayBase += Math.max(0, drop);
    }
  }

  /**
   * poll() at `nowSec`, the stage's batch done: the commit the policy makes at a poll, then up to
   * max.poll.records from the position, pushed (emit times) to `into`. Returns the records
   * delivered and adds the duplicates among them (offsets already processed) to `this.duplicates`.
   * `lostOut[0]` receives records skipped by auto.offset.reset=latest (a position retention deleted).
   */
  poll(nowSec: number, into: RunQueue, lostOut: number[]): number {
    const s = this.sc;
    lostOut[0] = 0;
    if (this.position > this.processedEnd) this.processedEnd = this.position;
    if (s.commit === "batch" || nowSec - this.lastCommitSec >= s.autoCommitInterval) this.commit(nowSec, this.position);
    if (this.position < this.logStart)
      lostOut[0] = this.resetTo(s.offsetReset === "earliest" ? this.logStart : this.logEnd);
    const n = Math.min(s.maxPollRecords, this.logEnd - this.position);
    if (n <= 0) return 0;
    this.polls++;
    const replay = this.replay;
    this.unread.popFront(n, (start, step, count) => {
      into.push(start, step, count);
      replay.push(start, step, count);
    });
    const dup = Math.max(0, Math.min(n, this.processedEnd - this.position));
    this.duplicates += dup;
    this.position += n;
    this.unreadBase = this.position;
    if (this.position > this.fresh) this.fresh = this.position;
    return n;
  }

  /**
   * Moves the position to `to` (auto.offset.reset, or a group's first join): the replay and the
   * unread records before it are dropped. Returns the records skipped that nobody had read (lost).
   */
  private resetTo(to: number): number {
    const lost = Math.max(0, to - this.fresh);
    if (lost > 0) this.retentionLost += lost;
    this.replay.clear();
    const skip = Math.max(0, to - this.unreadBase);
    if (skip > 0) this.unread.popFront(Math.min(skip, this.unread.size));
    this.unreadBase = Math.max(this.unreadBase, to);
    this.position = to;
    this.replayBase = to;
    if (to > this.fresh) this.fresh = to;
    return lost;
  }

  /**
   * The stage after crashed holding `held` records (the newest `held` delivered, in offset order):
   * the unprocessed ones the broker still has go back to the backlog; the ones retention deleted
   * meanwhile are lost. Returns [records the stage gives back (not lost), records lost, duplicates
   * among the held].
   */
  crash(held: number): [number, number, number] {
    const lo = this.position - held;
    const pe = Math.max(this.processedEnd, lo);
    this.processedEnd = pe;
    const dupHeld = pe - lo;
    const unprocessed = this.position - pe;
    const back = Math.max(0, this.position - Math.max(pe, this.logStart));
    this.fresh -= back;
    this.duplicates -= dupHeld;
    return [dupHeld + back, unprocessed - back, dupHeld];
  }

  /**
   * The consumer rejoins the group at `nowSec` (after a restart and the rebalance): it resumes at
   * the committed offset, so everything delivered since is delivered again; a group that never
   * committed starts where auto.offset.reset says (latest skips the backlog: those records are
   * lost to the group). Returns the records that skipped (lost); a committed offset retention has
   * deleted meanwhile is reset at the next poll.
   */
  rejoin(nowSec: number): number {
    this.joinAtSec = Infinity;
    this.lastCommitSec = nowSec;
    // The replay [replayBase, position) and the unread records make one queue again.
    if (this.replay.size > 0) {
      this.replay.appendAll(this.unread);
      this.unread.appendAll(this.replay);
      this.unreadBase = this.replayBase;
    }
    this.position = this.replayBase;
    if (!this.hasCommitted) {
      if (this.sc.offsetReset === "earliest") return this.position < this.logStart ? this.resetTo(this.logStart) : 0;
      return this.resetTo(this.logEnd);
    }
    // A committed offset below what the replay kept was deleted by retention: poll() resets it.
    if (this.committed < this.position) this.position = this.committed;
    return 0;
  }

  /**
   * The broker's retention check at `nowSec`: the full segments whose newest record is older than
   * `retention` go. Returns the records deleted that the stage after had not read (lost).
   */
  retentionCheck(nowSec: number): number {
    this.nextCheckSec = nowSec + this.sc.retentionCheckInterval;
    const per = this.perSegment();
    let start = this.logStart;
    while (this.segmentEnds.length > 0 && nowSec - this.segmentEnds[0] > this.sc.retention) {
      this.segmentEnds.shift();
      start += per;
    }
    if (start <= this.logStart) return 0;
    const lost = Math.max(0, start - this.fresh);
    if (lost > 0) {
      this.retentionLost += lost;
      this.fresh = start;
    }
    const skip = start - this.unreadBase;
    if (skip > 0) {
      this.unread.popFront(Math.min(skip, this.unread.size));
      this.unreadBase = start;
    }
    const cut = Math.min(start, this.position) - this.replayBase;
    if (cut > 0) {
      this.replay.popFront(Math.min(cut, this.replay.size));
      this.replayBase += cut;
    }
    this.logStart = start;
    return lost;
  }

  summary(): KafkaHopSummary {
    return {
      kind: "kafka",
      appended: this.logEnd,
      logStart: this.logStart,
      committed: this.committed,
      position: this.position,
      lagRecords: this.lag(),
      backlog: this.backlog(),
      brokerBytes: this.brokerBytes(),
      retentionLost: this.retentionLost,
      duplicates: this.duplicates,
      polls: this.polls,
      commits: this.commits,
    };
  }

  /** A deep copy (for checkpoints). */
  clone(): KafkaHop {
    const c = Object.assign(new KafkaHop(this.sc, 0), this);
    Object.assign(c, { unread: this.unread.clone(), replay: this.replay.clone() });
    c.segmentEnds = this.segmentEnds.slice();
    return c;
  }
}

/**
 * A Reactive Streams subscription between two stages (spec 1.0.4, Reactor's limitRate): the stage
 * after requests `prefetch` when it subscribes, then `replenish` each time it has taken that many
 * items into processing; the stage before emits only while requested > emitted.
 */
export class ReactiveHop {
  requested = 0;
  emitted = 0;
  requests = 0;
  /** Items taken since the last request. */
  taken = 0;

  constructor(
    readonly prefetch: number,
    /** The limitRate amount (replenishAmount in src-sim/models/reactive/demand.ts's rule). */
    readonly replenish: number,
  ) {
    this.subscribe();
  }

  /** Demand not yet used. */
  outstanding(): number {
    return this.requested - this.emitted;
  }

  /** A new subscription: request(prefetch). */
  subscribe(): void {
    this.requested = this.emitted + this.prefetch;
    this.taken = 0;
    this.requests++;
  }

  /** The subscription is cancelled (the stage after crashed): no demand until it subscribes again. */
  cancel(): void {
    this.requested = this.emitted;
    this.taken = 0;
  }

  /** The stage after took an item into processing; returns true when that made it request more. */
  take(): boolean {
    this.taken++;
    if (this.taken < this.replenish) return false;
    this.taken -= this.replenish;
    this.requested += this.replenish;
    this.requests++;
    return true;
  }

  summary(): ReactiveHopSummary {
    return {
      kind: "reactive",
      requested: this.requested,
      emitted: this.emitted,
      outstanding: this.outstanding(),
      requests: this.requests,
    };
  }

  /** A deep copy (for checkpoints). */
  clone(): ReactiveHop {
    return Object.assign(new ReactiveHop(this.prefetch, this.replenish), this);
  }
}
