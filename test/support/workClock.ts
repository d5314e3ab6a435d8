/**
 * A fake clock for the worker runtimes' slice tests: it moves MS_PER_READ each time it is read,
 * standing for work (the runtimes read it every sample and every STEPS_PER_CLOCK_READ model
 * steps), and runs its timers only when asked, so "how much work between two messages" is a
 * count, not a timing.
 */
import { FakeClock } from "./fakeClock";

/** Fake milliseconds each read of the clock moves it. */
export const MS_PER_READ = 5;

/** A clock that moves on its own as it is read (work takes time), and runs timers on request. */
export class WorkClock extends FakeClock {
  reads = 0;
  override now = () => {
    this.reads++;
    this.ms += MS_PER_READ;
    return this.ms;
  };
}
