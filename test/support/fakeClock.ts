/**
 * A clock that only moves when the test says so, for the worker's pacing tests: reading it costs
 * nothing, and its timers run only from {@link FakeClock.advance} or {@link FakeClock.runNext}.
 */
import type { Clock } from "../../src-sim/worker/pacer";

/** A fake wall clock: `advance(ms)` moves it and runs the timers that fall due, in time order. */
export class FakeClock implements Clock {
  ms = 0;
  private queue: Array<{ at: number; fn: () => void; id: number }> = [];
  private ids = 0;
  now = () => this.ms;
  schedule = (fn: () => void, ms: number) => {
    const id = ++this.ids;
    this.queue.push({ at: this.ms + ms, fn, id });
    return id;
  };
  cancel = (handle: unknown) => {
    this.queue = this.queue.filter((t) => t.id !== handle);
  };
  /** Timers waiting. */
  get pending(): number {
    return this.queue.length;
  }
  /** Moves time forward by `ms`, running the timers that fall due (those they schedule too). */
  advance(ms: number): void {
    const end = this.ms + ms;
    for (;;) {
      this.queue.sort((a, b) => a.at - b.at);
      const next = this.queue[0];
      if (!next || next.at > end) break;
      this.queue.shift();
      this.ms = next.at;
      next.fn();
    }
    this.ms = end;
  }
  /** Fake milliseconds until the earliest timer is due (Infinity: none). */
  nextDueInMs(): number {
    return Math.min(...this.queue.map((t) => t.at - this.ms));
  }
  /** Runs the earliest timer, if any, moving the clock to its time if that is later; returns whether one ran. */
  runNext(): boolean {
    this.queue.sort((a, b) => a.at - b.at);
    const next = this.queue.shift();
    if (!next) return false;
    this.ms = Math.max(this.ms, next.at);
    next.fn();
    return true;
  }
}
