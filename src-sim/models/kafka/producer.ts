/**
 * The producer side of the Kafka model: appends to the partition log at the producer rate, on a
 * simulated clock, materialised lazily in cells of {@link PRODUCER_CELL_SEC} so that the work is
 * per cell, not per record.
 *
 * - constant: record k is appended at origin + k / rate exactly (one run in the log).
 * - poisson: each cell draws its count from Poisson(rate x cell); up to {@link EXACT_CELL_MAX}
 *   records get exact uniform times (a true Poisson process at low rates), more are spread evenly
 *   over the cell (a simplification: the counts per 0.1 s are exact, the order within is not).
 *
 * The cells sit on a fixed grid from the origin and draw from the producer's own generator, so
 * the log does not depend on how far ahead anyone looked, nor on how a caller chunks time.
 */
import { nextPoisson, nextUniform, type RngState } from "../../engine/rng";
import type { Arrivals } from "../../scenario/params";
import type { PartitionLog } from "./partitionLog";

/** Length of a producer cell, s. */
export const PRODUCER_CELL_SEC = 0.1;
/** Poisson cells with at most this many records get exact (uniform, sorted) times. */
export const EXACT_CELL_MAX = 8;

/** Appends a producer's records to a log, lazily. */
export class Producer {
  /** Grid origin, and the constant process's origin, s. */
  private originSec: number;
  private cells = 0;
  /** Constant process: records appended since the origin. */
  private ticks = 0;
  private readonly times: number[] = [];

  constructor(
    private log: PartitionLog,
    /** The producer's own generator (seeded from the run's). */
    public rng: RngState,
    private ratePerSec: number,
    private arrivals: Arrivals,
    startSec: number,
  ) {
    this.originSec = startSec;
  }

  /** A copy appending to `log` (the copy of this producer's log). */
  clone(log: PartitionLog): Producer {
    // Built by the constructor, then filled: the copy keeps the fast object shape.
    const c = Object.assign(new Producer(log, this.rng, this.ratePerSec, this.arrivals, this.originSec), this);
    c.log = log;
    c.rng = this.rng.slice();
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
    const c0 = this.materializedSec;
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
    const g = c1 - c0;
    const n = nextPoisson(this.rng, rate * g);
    if (n === 0) return;
    if (n <= EXACT_CELL_MAX) {
      const times = this.times;
      times.length = 0;
      for (let i = 0; i < n; i++) times.push(c0 + nextUniform(this.rng) * g);
      times.sort((a, b) => a - b);
      for (const t of times) this.log.append(t, 0, 1);
    } else {
      this.log.append(c0 + g / (2 * n), g / n, n);
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
  }
}
