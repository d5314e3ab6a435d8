/**
 * A fake clock for the worker runtimes' slice tests: it moves MS_PER_READ each time it is read,
 * standing for work (the runtimes read it every sample and every STEPS_PER_CLOCK_READ model
 * steps), and runs its timers only when asked, so "how much work between two messages" is a
 * count, not a timing.
 */
import type { Clock } from "../../src-sim/worker/runtime";

/** Fake milliseconds each read of the clock moves it. */
export const MS_PER_READ = 5;

/** A clock that moves on its own as it is read (work takes time), and runs timers on request. */
export class WorkClock implements Clock {
  ms = 0;
  reads = 0;
  private queue: Array<{ at: number; fn: () => void; id: number }> = [];
  private ids = 0;
  now = () => {
    this.reads++;
    this.ms += MS_PER_READ;
    return this.ms;
  };
  schedule = (fn: () => void, ms: number) => {
    const id = ++this.ids;
    this.queue.push({ at: this.ms + ms, fn, id });
    return id;
  };
  cancel = (handle: unknown) => {
    this.queue = this.queue.filter((t) => t.id !== handle);
  };
  /** Fake milliseconds until the earliest timer is due (Infinity: none). */
  nextDueInMs(): number {
    return Math.min(...this.queue.map((t) => t.at - this.ms));
  }
  /** Runs the earliest timer, if any; returns whether one ran. */
  runNext(): boolean {
    this.queue.sort((a, b) => a.at - b.at);
    const next = this.queue.shift();
    if (!next) return false;
    this.ms = Math.max(this.ms, next.at);
    next.fn();
    return true;
  }
}
