/**
 * The producer side of the Kafka model: appends to the partition log at the producer rate, on a
 * simulated clock, materialised lazily in cells of {@link PRODUCER_CELL_SEC} so that the work is
 * per cell, not per record.
 *
 * - constant: record k is appended at origin + k / rate exactly (one run in the log).
 * - poisson: the first record one exponential gap after the origin, each next one a gap later,
 *   the gaps drawn one by one from the run's arrivals stream (RunStreams in rng.ts), so the
 *   records come at exactly the times the queue model's producer ticks with the same seed. A
 *   cell of up to {@link EXACT_CELL_MAX} records appends each at its time; more are spread evenly
 *   between the cell's exact first and last (a simplification: the counts per 0.1 s and the ends
 *   are exact, the order within is not).
 *
 * The cells sit on a fixed grid from the origin and only the producer draws from the arrivals
 * stream, so the log does not depend on how far ahead anyone looked, nor on how a caller chunks
 * time.
 */
import { nextExponential, type RngState } from "../../engine/rng";
import type { Arrivals } from "../../scenario/params";
import type { PartitionLog } from "./partitionLog";

/** Length of a producer cell, s. */
export const PRODUCER_CELL_SEC = 0.1;
/** Poisson cells with at most this many records get each its exact time. */
export const EXACT_CELL_MAX = 8;

/** Appends a producer's records to a log, lazily. */
export class Producer {
  /** Grid origin, and the constant process's origin, s. */
  private originSec: number;
  private cells = 0;
  /** Constant process: records appended since the origin. */
  private ticks = 0;
  /** Poisson process: time of the next record not yet appended, s. */
  private nextSec: number;
  private readonly times: number[] = [];

  constructor(
    private log: PartitionLog,
    /** The run's arrivals stream (the producer is its only user in a Kafka run). */
    public rng: RngState,
    private ratePerSec: number,
    private arrivals: Arrivals,
    startSec: number,
  ) {
    this.originSec = startSec;
    this.nextSec = arrivals === "constant" ? NaN : startSec + nextExponential(rng, ratePerSec);
  }

  /** A copy appending to `log` (the copy of this producer's log), drawing from `rng` (the copy's stream). */
  clone(log: PartitionLog, rng: RngState): Producer {
    // Built by the constructor, then filled: the copy keeps the fast object shape.
    // The constructor's first draw goes to a throwaway copy of the stream, not to either run's.
    const c = Object.assign(new Producer(log, rng.slice(), this.ratePerSec, this.arrivals, this.originSec), this);
    c.log = log;
    c.rng = rng;
    return c;
  }

  /** Every append before this instant is in the log, s. */
  get materializedSec(): number {
    return this.originSec + this.cells * PRODUCER_CELL_SEC;
  }

  /** Makes sure every append strictly before `tSec` is in the log. */
  ensure(tSec: number): void {
    while (this.materializedSec < tSec) this.materializeCell();
  }

  /**
   * Append time of `offset` if it is appended before `horizonSec` (materialising up to there as
   * needed); Infinity otherwise.
   */
  timeOfUpTo(offset: number, horizonSec: number): number {
    while (this.log.end <= offset && this.materializedSec < horizonSec) this.materializeCell();
    const t = offset < this.log.end ? this.log.timeOf(offset) : Infinity;
    return t < horizonSec ? t : Infinity;
  }

  private materializeCell(): void {
    this.cells++;
    const c1 = this.materializedSec;
    const rate = this.ratePerSec;
    if (this.arrivals === "constant") {
      const origin = this.originSec;
      let k = Math.max(this.ticks, Math.floor((c1 - origin) * rate));
      while (k > this.ticks && origin + (k - 1) / rate >= c1) k--;
      while (origin + k / rate < c1) k++;
      if (k > this.ticks) this.log.append(origin + this.ticks / rate, 1 / rate, k - this.ticks);
      this.ticks = k;
      return;
    }
    // The per-event expression of every model's producer: the record after one at t is at t + gap.
    const first = this.nextSec;
    const times = this.times;
    times.length = 0;
    let t = first;
    let last = first;
    let n = 0;
    while (t < c1) {
      n++;
      last = t;
      if (n <= EXACT_CELL_MAX) times.push(t);
      t = t + nextExponential(this.rng, rate);
    }
    this.nextSec = t;
    if (n === 0) return;
    if (n <= EXACT_CELL_MAX) {
      for (const x of times) this.log.append(x, 0, 1);
    } else {
      this.log.append(first, (last - first) / (n - 1), n);
    }
  }

  /**
   * New rate or process from `nowSec` on: appends not yet made are cut from the log. A constant
   * process that stays constant keeps its next append's time (as the queue model does); the
   * others start afresh at `nowSec`.
   */
  restart(nowSec: number, ratePerSec: number, arrivals: Arrivals): void {
    this.ensure(nowSec);
    const cut = this.log.countBefore(nowSec);
    let next = cut < this.log.end ? this.log.timeOf(cut) : NaN;
    if (!Number.isFinite(next) && this.arrivals === "constant") next = this.originSec + this.ticks / this.ratePerSec;
    this.log.truncateFrom(cut);
    const keep = this.arrivals === "constant" && arrivals === "constant" && next >= nowSec;
    this.originSec = keep ? next : nowSec;
    this.cells = 0;
    this.ticks = 0;
    this.ratePerSec = ratePerSec;
    this.arrivals = arrivals;
    // A Poisson clock draws a fresh gap from now (memoryless), as the other models' producers.
    this.nextSec = arrivals === "constant" ? NaN : nowSec + nextExponential(this.rng, ratePerSec);
  }
}
