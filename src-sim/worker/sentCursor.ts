/**
 * What the page holds of one run, so that a frame carries only what it lacks: the first
 * `samples` samples and the events up to sequence number `events`, of run generation
 * `generation` (see Timeline.generation). Every runtime's frames go through one (the lanes keep
 * one per lane; a pipeline's frames carry no events).
 */
export class SentCursor {
  private generation = -1;
  private samples = 0;
  private events = 0;

  /** The page holds nothing (a new run on a fresh page). */
  clear(): void {
    this.samples = 0;
    this.events = 0;
  }

  /**
   * Where the next frame starts, for a run of `generation` that now holds `sampleCount` samples
   * and `eventCount` logged events (up to the moment shown).
   */
  start(generation: number, sampleCount: number, eventCount: number): { samples: number; events: number } {
    if (generation !== this.generation) {
      // A new run: the page's samples and events belong to the old one.
      this.generation = generation;
      this.clear();
    }
    // After a seek back the page keeps the shared prefix of samples (replay is deterministic).
    this.samples = Math.min(this.samples, sampleCount);
    // The page's event log is bounded like the engine's (the middle of a long run is only
    // counted), so it cannot be cut back to an earlier moment: after a seek back past logged
    // events it gets the whole bounded log again (at most a few thousand entries).
    if (this.events > eventCount) this.events = 0;
    return { samples: this.samples, events: this.events };
  }

  /** The frame went out: the page now holds `sampleCount` samples and `eventCount` events. */
  sent(sampleCount: number, eventCount: number): void {
    this.samples = sampleCount;
    this.events = eventCount;
  }
}
