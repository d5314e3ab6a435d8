/**
 * A FIFO of events stored as runs: each run is `count` events whose emit times form an
 * arithmetic sequence `start, start + step, ...`. A stretch of 100,000 evenly spaced arrivals is
 * one run, so the queue costs memory per run, not per event (no per-event allocation).
 */

/** Visits a run slice: `count` events emitted at `start + i * step`, i = 0 .. count - 1. */
export type RunVisitor = (start: number, step: number, count: number) => void;

const INITIAL_CAPACITY = 16;

/** A ring buffer of runs with O(1) push and pop at both ends. */
export class RunQueue {
  private starts = new Float64Array(INITIAL_CAPACITY);
  private steps = new Float64Array(INITIAL_CAPACITY);
  private counts = new Float64Array(INITIAL_CAPACITY);
  private head = 0;
  private runs = 0;
  /** Number of events held (sum of run counts). */
  size = 0;

  /** Number of runs held (for tests and benchmarks). */
  get runCount(): number {
    return this.runs;
  }

  /** Removes every event. */
  clear(): void {
    this.head = 0;
    this.runs = 0;
    this.size = 0;
  }

  /** A deep copy (for checkpoints). */
  clone(): RunQueue {
    const q = new RunQueue();
    q.starts = this.starts.slice();
    q.steps = this.steps.slice();
    q.counts = this.counts.slice();
    q.head = this.head;
    q.runs = this.runs;
    q.size = this.size;
    return q;
  }

  private grow(): void {
    const cap = this.starts.length;
    const next = cap * 2;
    const s = new Float64Array(next);
    const st = new Float64Array(next);
    const c = new Float64Array(next);
    for (let i = 0; i < this.runs; i++) {
      const j = (this.head + i) % cap;
      s[i] = this.starts[j];
      st[i] = this.steps[j];
      c[i] = this.counts[j];
    }
    this.starts = s;
    this.steps = st;
    this.counts = c;
    this.head = 0;
  }

  /**
   * Appends `count` events emitted at `start + i * step`. A single event that continues the last
   * run's spacing (to 1e-9 relative) is merged into it, so evenly spaced arrivals handled one at
   * a time still make one run.
   */
  push(start: number, step: number, count: number): void {
    if (count <= 0) return;
    this.size += count;
    if (this.runs > 0) {
      const cap = this.starts.length;
      const last = (this.head + this.runs - 1) % cap;
      const lc = this.counts[last];
      if (count === 1) {
        if (lc === 1) {
          this.steps[last] = start - this.starts[last];
          this.counts[last] = 2;
          return;
        }
        const expected = this.starts[last] + lc * this.steps[last];
        if (Math.abs(expected - start) <= 1e-9 * Math.max(1, Math.abs(start))) {
          this.counts[last] = lc + 1;
          return;
        }
      }
    }
    if (this.runs === this.starts.length) this.grow();
    const at = (this.head + this.runs) % this.starts.length;
    this.starts[at] = start;
    this.steps[at] = count === 1 ? 0 : step;
    this.counts[at] = count;
    this.runs++;
  }

  /**
   * Appends one event emitted at `start`: the same as `push(start, 0, 1)`, written out for the
   * engine's per-event loop (the ring's capacity is a power of two, so a mask replaces `%`).
   */
  pushOne(start: number): void {
    const runs = this.runs;
    this.size++;
    if (runs > 0) {
      const last = (this.head + runs - 1) & (this.starts.length - 1);
      const lc = this.counts[last];
      if (lc === 1) {
        this.steps[last] = start - this.starts[last];
        this.counts[last] = 2;
        return;
      }
      const expected = this.starts[last] + lc * this.steps[last];
      if (Math.abs(expected - start) <= 1e-9 * Math.max(1, Math.abs(start))) {
        this.counts[last] = lc + 1;
        return;
      }
    }
    if (runs === this.starts.length) this.grow();
    const at = (this.head + runs) & (this.starts.length - 1);
    this.starts[at] = start;
    this.steps[at] = 0;
    this.counts[at] = 1;
    this.runs = runs + 1;
  }

  /**
   * Removes the oldest event and returns its emit time (the queue must not be empty): the same
   * as `headTime()` then `popFront(1)`, written out for the engine's per-event loop.
   */
  shiftOne(): number {
    const h = this.head;
    const start = this.starts[h];
    const c = this.counts[h];
    if (c === 1) {
      this.runs--;
      this.head = this.runs === 0 ? 0 : (h + 1) & (this.starts.length - 1);
    } else {
      this.starts[h] = start + this.steps[h];
      this.counts[h] = c - 1;
    }
    this.size--;
    return start;
  }

  /** Emit time of the oldest event; NaN when empty. */
  headTime(): number {
    return this.runs > 0 ? this.starts[this.head] : NaN;
  }

  /** Emit time of the event `offset` places behind the head (0 is the head); NaN past the end. */
  timeAt(offset: number): number {
    let left = offset;
    // The capacity is a power of two (16, doubled when full): a mask replaces `%`.
    const mask = this.starts.length - 1;
    for (let i = 0; i < this.runs; i++) {
      const j = (this.head + i) & mask;
      const c = this.counts[j];
      if (left < c) return this.starts[j] + left * this.steps[j];
      left -= c;
    }
    return NaN;
  }

  /** Emit time of the newest event; NaN when empty. */
  tailTime(): number {
    if (this.runs === 0) return NaN;
    const last = (this.head + this.runs - 1) % this.starts.length;
    return this.starts[last] + (this.counts[last] - 1) * this.steps[last];
  }

  /**
   * Removes the `n` oldest events (n <= size), visiting them oldest first as run slices.
   * Returns the emit time of the last event removed (NaN if n = 0).
   */
  popFront(n: number, visit?: RunVisitor): number {
    let left = n;
    let lastTime = NaN;
    const cap = this.starts.length;
    while (left > 0 && this.runs > 0) {
      const h = this.head;
      const c = this.counts[h];
      const take = c <= left ? c : left;
      const start = this.starts[h];
      const step = this.steps[h];
      if (visit) visit(start, step, take);
      lastTime = start + (take - 1) * step;
      if (take === c) {
        this.head = (h + 1) % cap;
        this.runs--;
      } else {
        this.starts[h] = start + take * step;
        this.counts[h] = c - take;
      }
      left -= take;
      this.size -= take;
    }
    if (this.runs === 0) this.head = 0;
    return lastTime;
  }

  /** Removes the `n` newest events (n <= size). */
  popBack(n: number): void {
    let left = n;
    const cap = this.starts.length;
    while (left > 0 && this.runs > 0) {
      const last = (this.head + this.runs - 1) % cap;
      const c = this.counts[last];
      const take = c <= left ? c : left;
      if (take === c) this.runs--;
      else this.counts[last] = c - take;
      left -= take;
      this.size -= take;
    }
  }

  /** Moves every event of `other` to this queue's tail, oldest first (other ends empty). */
  appendAll(other: RunQueue): void {
    other.popFront(other.size, (start, step, count) => this.push(start, step, count));
  }
}
