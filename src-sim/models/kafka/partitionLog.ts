/**
 * The append times of a partition's records, by offset, stored as runs of evenly spaced appends
 * (no per-record allocation): a constant producer is one run however long it runs, a Poisson one
 * a run per 0.1 s cell. Look-ups by offset and by time are binary searches over the runs.
 *
 * Times never decrease with the offset. Runs below the oldest offset anyone may still ask about
 * are trimmed; appends that have not happened yet can be cut off (a rate change).
 */

const INITIAL_RUNS = 16;

/** Append times of offsets [base, end), as runs. */
export class PartitionLog {
  private firsts = new Float64Array(INITIAL_RUNS);
  private startsSec = new Float64Array(INITIAL_RUNS);
  private stepsSec = new Float64Array(INITIAL_RUNS);
  private head = 0;
  private tail = 0;
  /** Offset after the last record whose time is known. */
  end = 0;

  /** A deep copy (for checkpoints). */
  clone(): PartitionLog {
    // Built by the constructor, then filled: the copy keeps the fast object shape.
    const c = Object.assign(new PartitionLog(), this);
    c.firsts = this.firsts.slice();
    c.startsSec = this.startsSec.slice();
    c.stepsSec = this.stepsSec.slice();
    return c;
  }

  /** Oldest offset whose time is known. */
  get base(): number {
    return this.tail > this.head ? this.firsts[this.head] : this.end;
  }

  /** Runs held (for tests and benchmarks). */
  get runCount(): number {
    return this.tail - this.head;
  }

  private runEnd(i: number): number {
    return i + 1 < this.tail ? this.firsts[i + 1] : this.end;
  }

  /**
   * Appends `count` records at `startSec + i * stepSec`. A run that continues the last run's
   * spacing (to 1e-9 relative) extends it.
   */
  append(startSec: number, stepSec: number, count: number): void {
    if (!(count > 0)) return;
    if (this.tail > this.head) {
      const last = this.tail - 1;
      const lastCount = this.end - this.firsts[last];
      const lastStep = this.stepsSec[last];
      const tol = 1e-9 * Math.max(1, Math.abs(startSec));
      if (lastCount === 1 && count === 1) {
        this.stepsSec[last] = startSec - this.startsSec[last];
        this.end += 1;
        return;
      }
      const sameStep = count === 1 || Math.abs(stepSec - lastStep) <= 1e-12 * Math.max(stepSec, lastStep);
      if (lastCount > 1 && sameStep && Math.abs(this.startsSec[last] + lastCount * lastStep - startSec) <= tol) {
        this.end += count;
        return;
      }
    }
    if (this.tail === this.firsts.length) this.makeRoom();
    const at = this.tail++;
    this.firsts[at] = this.end;
    this.startsSec[at] = startSec;
    this.stepsSec[at] = count > 1 ? stepSec : 0;
    this.end += count;
  }

  private makeRoom(): void {
    const runs = this.tail - this.head;
    if (this.head > 0 && runs <= this.firsts.length / 2) {
      this.firsts.copyWithin(0, this.head, this.tail);
      this.startsSec.copyWithin(0, this.head, this.tail);
      this.stepsSec.copyWithin(0, this.head, this.tail);
    } else {
      const cap = this.firsts.length * 2;
      const f = new Float64Array(cap);
      const s = new Float64Array(cap);
      const st = new Float64Array(cap);
      f.set(this.firsts.subarray(this.head, this.tail));
      s.set(this.startsSec.subarray(this.head, this.tail));
      st.set(this.stepsSec.subarray(this.head, this.tail));
      this.firsts = f;
      this.startsSec = s;
      this.stepsSec = st;
    }
    this.head = 0;
    this.tail = runs;
  }

  /** Index of the run holding `offset` (base <= offset < end). */
  private runOf(offset: number): number {
    let lo = this.head;
    let hi = this.tail - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.firsts[mid] <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  }

  /** Append time of `offset`, s; NaN outside [base, end). */
  timeOf(offset: number): number {
    if (!(offset >= this.base && offset < this.end)) return NaN;
    const i = this.runOf(offset);
    return this.startsSec[i] + (offset - this.firsts[i]) * this.stepsSec[i];
  }

  /**
   * Number of offsets appended strictly before `tSec` (the log end offset at that instant), among
   * those known: at least `base`, at most `end`.
   */
  countBefore(tSec: number): number {
    if (this.tail === this.head || !(this.startsSec[this.head] < tSec)) return this.base;
    // Last run that starts before t.
    let lo = this.head;
    let hi = this.tail - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.startsSec[mid] < tSec) lo = mid;
      else hi = mid - 1;
    }
    const first = this.firsts[lo];
    const n = this.runEnd(lo) - first;
    const start = this.startsSec[lo];
    const step = this.stepsSec[lo];
    if (!(step > 0)) return first + n;
    let k = Math.min(n, Math.max(1, Math.ceil((tSec - start) / step)));
    while (k > 1 && start + (k - 1) * step >= tSec) k--;
    while (k < n && start + k * step < tSec) k++;
    return first + k;
  }

  /**
   * The slice of one run that starts at `from` (base <= from < end): writes its append time and
   * spacing to `out[0]`, `out[1]` and returns where it ends (at most `to`).
   */
  sliceAt(from: number, to: number, out: Float64Array): number {
    const i = this.runOf(from);
    out[0] = this.startsSec[i] + (from - this.firsts[i]) * this.stepsSec[i];
    out[1] = this.stepsSec[i];
    const e = this.runEnd(i);
    return e < to ? e : to;
  }

  /** Forgets the times of whole runs below `offset`. */
  trimBelow(offset: number): void {
    // The last run stays: it dates the log end.
    while (this.tail - this.head > 1 && this.runEnd(this.head) <= offset) this.head++;
  }

  /** Removes every record at `offset` and after (appends that have not happened yet). */
  truncateFrom(offset: number): void {
    if (offset >= this.end) return;
    while (this.tail > this.head && this.firsts[this.tail - 1] >= offset) this.tail--;
    this.end = offset;
    if (this.tail === this.head) {
      this.head = 0;
      this.tail = 0;
    }
  }
}
