/**
 * A double-ended queue of numbers (a growable ring buffer of float64), for the reference oracle.
 *
 * The oracle keeps one entry per queued event (millions in the default story), and
 * `Array.prototype.shift` is linear in V8 for large arrays, so a ring buffer keeps the oracle
 * simple *and* usable at the story's scale.
 */
export class FloatDeque {
  private data = new Float64Array(1024);
  private head = 0;
  /** Number of entries held. */
  length = 0;

  private grow(): void {
    const next = new Float64Array(this.data.length * 2);
    for (let i = 0; i < this.length; i++) next[i] = this.data[(this.head + i) % this.data.length];
    this.data = next;
    this.head = 0;
  }

  /** Appends at the tail. */
  push(value: number): void {
    if (this.length === this.data.length) this.grow();
    this.data[(this.head + this.length) % this.data.length] = value;
    this.length++;
  }

  /** Inserts at the head. */
  unshift(value: number): void {
    if (this.length === this.data.length) this.grow();
    this.head = (this.head - 1 + this.data.length) % this.data.length;
    this.data[this.head] = value;
    this.length++;
  }

  /** Removes and returns the head; throws when empty (an oracle bug, never a user error). */
  shift(): number {
    if (this.length === 0) throw new Error("FloatDeque.shift on an empty deque");
    const value = this.data[this.head];
    this.head = (this.head + 1) % this.data.length;
    this.length--;
    return value;
  }

  /** The head without removing it; NaN when empty. */
  peek(): number {
    return this.length > 0 ? this.data[this.head] : NaN;
  }

  /** Removes every entry. */
  clear(): void {
    this.head = 0;
    this.length = 0;
  }
}
