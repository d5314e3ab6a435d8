/**
 * One direction of a network path: a FIFO of timed records (segments or ACKs) in typed arrays.
 *
 * The one-way delay is the same for every record and the link serialises segments one at a time,
 * so records arrive in the order they were sent: a FIFO replaces an event heap for everything on
 * the wire, and pushing or popping allocates nothing (the arrays double when full, rarely).
 */

const INITIAL_CAPACITY = 64;

/** A ring buffer of records `(arrival time, a, b)`, oldest first. */
export class Pipe {
  private times = new Float64Array(INITIAL_CAPACITY);
  private as = new Float64Array(INITIAL_CAPACITY);
  private bs = new Float64Array(INITIAL_CAPACITY);
  private head = 0;
  private mask = INITIAL_CAPACITY - 1;
  /** Records in the pipe. */
  length = 0;
  /** Arrival time of the newest record, s (-Infinity when none was ever pushed). */
  private lastSec = -Infinity;

  /**
   * Appends a record arriving at `arrivalSec`, or at the previous record's arrival if that is
   * later: a path whose delay shrinks mid-run (a parameter change) does not reorder what is on it.
   */
  push(arrivalSec: number, a: number, b: number): void {
    if (this.length > this.mask) this.grow();
    const t = arrivalSec > this.lastSec ? arrivalSec : this.lastSec;
    const i = (this.head + this.length) & this.mask;
    this.times[i] = t;
    this.as[i] = a;
    this.bs[i] = b;
    this.length++;
    this.lastSec = t;
  }

  /** Arrival time of the oldest record, s; Infinity when empty. */
  headSec(): number {
    return this.length > 0 ? this.times[this.head] : Infinity;
  }

  /** Field `a` of the oldest record (the pipe must not be empty). */
  headA(): number {
    return this.as[this.head];
  }

  /** Field `b` of the oldest record (the pipe must not be empty). */
  headB(): number {
    return this.bs[this.head];
  }

  /** Removes the oldest record (the pipe must not be empty). */
  pop(): void {
    this.head = (this.head + 1) & this.mask;
    this.length--;
  }

  /** A deep copy (for checkpoints). */
  clone(): Pipe {
    // Built by the constructor, then filled: the copy keeps the fast object shape.
    const p = Object.assign(new Pipe(), this);
    p.times = this.times.slice();
    p.as = this.as.slice();
    p.bs = this.bs.slice();
    return p;
  }

  private grow(): void {
    const cap = this.mask + 1;
    const next = cap * 2;
    const t = new Float64Array(next);
    const a = new Float64Array(next);
    const b = new Float64Array(next);
    for (let k = 0; k < this.length; k++) {
      const j = (this.head + k) & this.mask;
      t[k] = this.times[j];
      a[k] = this.as[j];
      b[k] = this.bs[j];
    }
    this.times = t;
    this.as = a;
    this.bs = b;
    this.head = 0;
    this.mask = next - 1;
  }
}
