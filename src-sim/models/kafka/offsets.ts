/**
 * Sets and queues of Kafka offsets stored as ranges, never as records: a partition of millions of
 * records costs a handful of numbers.
 *
 * Offsets are integers (records of one partition, 0 at the first append); ranges are half-open,
 * [start, end).
 */

/**
 * A set of offsets: everything below `base`, plus a few disjoint ranges above it (sorted). The
 * Kafka model keeps here every offset processed at least once or lost, so that re-processing
 * counts as a duplicate and nothing is counted lost twice. Ranges touching `base` are merged into
 * it, so a consumer that moves forward keeps the set at one number.
 */
export class OffsetSet {
  /** Every offset below this is a member. */
  base = 0;
  private starts: number[] = [];
  private ends: number[] = [];

  /** A deep copy (for checkpoints). */
  clone(): OffsetSet {
    const c = new OffsetSet();
    c.base = this.base;
    c.starts = this.starts.slice();
    c.ends = this.ends.slice();
    return c;
  }

  /** Number of ranges above the base (for tests: it stays small). */
  get rangeCount(): number {
    return this.starts.length;
  }

  /** Whether `offset` is a member. */
  has(offset: number): boolean {
    if (offset < this.base) return true;
    for (let i = 0; i < this.starts.length; i++) {
      if (offset < this.starts[i]) return false;
      if (offset < this.ends[i]) return true;
    }
    return false;
  }

  /** Number of members in [a, b). */
  countIn(a: number, b: number): number {
    if (!(b > a)) return 0;
    let n = Math.max(0, Math.min(b, this.base) - a);
    for (let i = 0; i < this.starts.length; i++) {
      const s = this.starts[i];
      if (s >= b) break;
      const lo = s > a ? s : a;
      const e = this.ends[i];
      const hi = e < b ? e : b;
      if (hi > lo) n += hi - lo;
    }
    return n;
  }

  /** Number of offsets of [a, b) that are not members. */
  missingIn(a: number, b: number): number {
    return b > a ? b - a - this.countIn(a, b) : 0;
  }

  /** The first offset of [a, b) that is not a member, or -1. */
  firstMissing(a: number, b: number): number {
    let cursor = a > this.base ? a : this.base;
    for (let i = 0; i < this.starts.length && cursor < b; i++) {
      if (this.ends[i] <= cursor) continue;
      if (this.starts[i] > cursor) break;
      cursor = this.ends[i];
    }
    return cursor < b ? cursor : -1;
  }

  /** The first member of [a, b), or b. */
  firstMember(a: number, b: number): number {
    if (a < this.base) return a;
    for (let i = 0; i < this.starts.length; i++) {
      if (this.ends[i] <= a) continue;
      const s = this.starts[i];
      return s <= a ? a : s < b ? s : b;
    }
    return b;
  }

  /** Adds [a, b). */
  add(a: number, b: number): void {
    if (a < this.base) a = this.base;
    if (!(b > a)) return;
    const starts = this.starts;
    const ends = this.ends;
    // First range that ends at or after a (it may touch or overlap), and the ranges it swallows.
    let i = 0;
    while (i < starts.length && ends[i] < a) i++;
    let j = i;
    let lo = a;
    let hi = b;
    while (j < starts.length && starts[j] <= b) {
      if (starts[j] < lo) lo = starts[j];
      if (ends[j] > hi) hi = ends[j];
      j++;
    }
    starts.splice(i, j - i, lo);
    ends.splice(i, j - i, hi);
    if (starts[0] <= this.base) {
      this.base = ends[0];
      starts.shift();
      ends.shift();
    }
  }

  /**
   * Declares every offset below `x` a member and forgets the ranges there. The caller knows that
   * no offset below `x` can still be unprocessed (it keeps the set small).
   */
  raiseBase(x: number): void {
    if (x <= this.base) return;
    this.add(this.base, x);
  }
}

const INITIAL_RANGES = 8;

/**
 * A FIFO of offsets as ranges (records handed from the poll loop to processing): push at the
 * tail (a range continuing the last one extends it), take from the head.
 */
export class OffsetQueue {
  private starts = new Float64Array(INITIAL_RANGES);
  private ends = new Float64Array(INITIAL_RANGES);
  private head = 0;
  private count = 0;
  /** Offsets held. */
  size = 0;

  /** A deep copy (for checkpoints). */
  clone(): OffsetQueue {
    const q = new OffsetQueue();
    q.starts = this.starts.slice();
    q.ends = this.ends.slice();
    q.head = this.head;
    q.count = this.count;
    q.size = this.size;
    return q;
  }

  /** Removes everything. */
  clear(): void {
    this.head = 0;
    this.count = 0;
    this.size = 0;
  }

  /** Appends [a, b). */
  push(a: number, b: number): void {
    if (!(b > a)) return;
    this.size += b - a;
    const cap = this.starts.length;
    if (this.count > 0) {
      const last = (this.head + this.count - 1) % cap;
      if (this.ends[last] === a) {
        this.ends[last] = b;
        return;
      }
    }
    if (this.count === cap) this.grow();
    const at = (this.head + this.count) % this.starts.length;
    this.starts[at] = a;
    this.ends[at] = b;
    this.count++;
  }

  private grow(): void {
    const cap = this.starts.length;
    const s = new Float64Array(cap * 2);
    const e = new Float64Array(cap * 2);
    for (let i = 0; i < this.count; i++) {
      s[i] = this.starts[(this.head + i) % cap];
      e[i] = this.ends[(this.head + i) % cap];
    }
    this.starts = s;
    this.ends = e;
    this.head = 0;
  }

  /** First offset of the head range; NaN when empty. */
  headStart(): number {
    return this.count > 0 ? this.starts[this.head] : NaN;
  }

  /** Length of the head range (contiguous offsets from the head); 0 when empty. */
  headLength(): number {
    return this.count > 0 ? this.ends[this.head] - this.starts[this.head] : 0;
  }

  /** Removes `n` offsets from the head range (n <= headLength()). */
  takeHead(n: number): void {
    const h = this.head;
    this.starts[h] += n;
    this.size -= n;
    if (this.starts[h] >= this.ends[h]) {
      this.head = (h + 1) % this.starts.length;
      this.count--;
      if (this.count === 0) this.head = 0;
    }
  }

  /** Offsets held that are not members of `set`. */
  missingIn(set: OffsetSet): number {
    const cap = this.starts.length;
    let n = 0;
    for (let i = 0; i < this.count; i++) {
      const j = (this.head + i) % cap;
      n += set.missingIn(this.starts[j], this.ends[j]);
    }
    return n;
  }

  /** The oldest offset held that is not a member of `set`, or -1. */
  firstMissing(set: OffsetSet): number {
    const cap = this.starts.length;
    for (let i = 0; i < this.count; i++) {
      const j = (this.head + i) % cap;
      const o = set.firstMissing(this.starts[j], this.ends[j]);
      if (o >= 0) return o;
    }
    return -1;
  }

  /** Visits the ranges, oldest first. */
  forEach(visit: (start: number, end: number) => void): void {
    const cap = this.starts.length;
    for (let i = 0; i < this.count; i++) {
      const j = (this.head + i) % cap;
      visit(this.starts[j], this.ends[j]);
    }
  }
}
