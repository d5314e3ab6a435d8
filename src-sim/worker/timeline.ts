/**
 * A run that can be moved to any moment, back or forward, and always shows the same history.
 *
 * Two things make a replay identical to the original run:
 * - The engine is only ever advanced to whole sample times (`k * sampleIntervalSec`), one sample
 *   at a time. Random stretches are drawn in bulk between the times the engine is asked to stop
 *   at, so advancing by other steps (a wall-clock-dependent 1/60 s, say) would give a different
 *   run with Poisson arrivals. The sample grid is the one canonical sequence of stops.
 * - Parameter changes made while a run is under way are recorded with the sample index they were
 *   made at, and replayed there. A change made after seeking back rewrites the future: recorded
 *   changes and checkpoints after that moment are dropped.
 *
 * Checkpoints (`Simulation.clone()`) are kept every few simulated seconds so a seek replays at
 * most one checkpoint interval of simulation.
 */
import type { FineWindow } from "../engine/fineSampler";
import { type Simulation } from "../engine/simulation";
import type { SampleBatch, SimEvent } from "../engine/types";
import { createSimulation } from "../models/index";
import type { Scenario } from "../scenario/params";

/** The finest sample interval, s: ten samples per simulated second. */
export const BASE_SAMPLE_INTERVAL_SEC = 0.1;

/** Samples a run may hold before the interval is widened (bounds memory on the page). */
export const MAX_SAMPLES_PER_RUN = 20_000;

/** Simulated time between checkpoints at the least, s. */
export const MIN_CHECKPOINT_SEC = 10;

/** Checkpoints a run keeps at most (each holds a copy of the samples so far). */
export const MAX_CHECKPOINTS = 40;

const NICE_INTERVALS_SEC = [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50];

/**
 * The sample interval for a run of `durationSec`: 0.1 s where that keeps the run within
 * {@link MAX_SAMPLES_PER_RUN} samples, else the next "nice" interval that does.
 */
export function sampleIntervalFor(durationSec: number): number {
  for (const interval of NICE_INTERVALS_SEC) {
    if (durationSec / interval <= MAX_SAMPLES_PER_RUN) return interval;
  }
  return NICE_INTERVALS_SEC[NICE_INTERVALS_SEC.length - 1];
}

/** True when two scenarios simulate the same thing (`t`, the moment to open at, is not simulated). */
export function sameSimulation(a: Scenario, b: Scenario): boolean {
  for (const key of Object.keys(a) as Array<keyof Scenario>) {
    if (key !== "t" && a[key] !== b[key]) return false;
  }
  return true;
}

interface Change {
  /** Sample index the change was made at (applied right after the engine reached it). */
  index: number;
  scenario: Scenario;
}

/** A seekable, deterministic run: the engine plus its recorded changes and checkpoints. */
export class Timeline {
  private base!: Scenario;
  private interval!: number;
  private checkpointEvery!: number;
  private changes: Change[] = [];
  /** Index into `changes` of the first change not yet applied to `current`. */
  private cursor = 0;
  private checkpoints = new Map<number, Simulation>();
  private current!: Simulation;
  private idx = 0;
  private gen = 0;

  /** Starts a run of `scenario` at t = 0. */
  constructor(scenario: Scenario) {
    this.reset(scenario);
  }

  /** The engine at the current moment (read it; do not advance it directly). */
  get sim(): Simulation {
    return this.current;
  }

  /** Simulated time between samples, s. */
  get sampleIntervalSec(): number {
    return this.interval;
  }

  /** Current sample index: the run stands at `index * sampleIntervalSec`. */
  get index(): number {
    return this.idx;
  }

  /** Current simulated time, s. */
  get timeSec(): number {
    return this.idx * this.interval;
  }

  /** Sample index of the end of the run (the duration in force now, on the grid). */
  get endIndex(): number {
    return Math.max(1, Math.round(this.current.scenario.duration / this.interval));
  }

  /** Increases on every reset: samples of an earlier generation belong to another run. */
  get generation(): number {
    return this.gen;
  }

  /** Recorded mid-run changes (for tests and diagnostics). */
  get changeCount(): number {
    return this.changes.length;
  }

  /** Checkpoints held (for tests and diagnostics). */
  get checkpointCount(): number {
    return this.checkpoints.size;
  }

  /** Starts over at t = 0 with `scenario`, forgetting recorded changes and checkpoints. */
  reset(scenario: Scenario): void {
    this.base = { ...scenario };
    this.interval = sampleIntervalFor(scenario.duration);
    const totalSamples = scenario.duration / this.interval;
    this.checkpointEvery = Math.max(
      Math.round(MIN_CHECKPOINT_SEC / this.interval),
      Math.ceil(totalSamples / MAX_CHECKPOINTS),
    );
    this.changes = [];
    this.cursor = 0;
    this.checkpoints.clear();
    this.current = this.fresh();
    this.checkpoints.set(0, this.current.clone());
    this.idx = 0;
    this.gen++;
  }

  /**
   * Changes parameters from the current moment on. At t = 0 this simply restarts with the new
   * scenario; a new duration that needs a different sample interval also restarts (the run's
   * grid cannot change under recorded samples). Returns true when the run restarted.
   */
  setScenario(next: Scenario): boolean {
    if (sameSimulation(next, this.current.scenario)) return false;
    if (this.idx === 0 || sampleIntervalFor(next.duration) !== this.interval) {
      this.reset(next);
      return true;
    }
    // The future after this moment is rewritten: drop what was recorded or checkpointed there.
    this.changes.length = this.cursor;
    for (const index of this.checkpoints.keys()) {
      if (index >= this.idx) this.checkpoints.delete(index);
    }
    this.changes.push({ index: this.idx, scenario: { ...next } });
    this.cursor = this.changes.length;
    this.current.setScenario({ ...next });
    return false;
  }

  /** Advances to sample index `target` (no-op if already there or past it). */
  advanceTo(target: number): void {
    const sim = this.current;
    while (this.idx < target) {
      this.idx++;
      sim.advanceTo(this.idx * this.interval);
      while (this.cursor < this.changes.length && this.changes[this.cursor].index === this.idx) {
        sim.setScenario({ ...this.changes[this.cursor].scenario });
        this.cursor++;
      }
      if (this.idx % this.checkpointEvery === 0 && !this.checkpoints.has(this.idx)) {
        this.checkpoints.set(this.idx, sim.clone());
      }
    }
  }

  /** Moves to sample index `target` (clamped at 0), replaying from the nearest checkpoint. */
  seek(target: number): void {
    const to = Math.max(0, Math.round(target));
    if (to >= this.idx) {
      // Forward: a checkpoint between here and there saves replaying the stretch before it.
      const from = this.bestCheckpoint(to);
      if (from > this.idx) this.restore(from);
      this.advanceTo(to);
      return;
    }
    this.restore(this.bestCheckpoint(to));
    this.advanceTo(to);
  }

  /** Largest checkpointed index <= `to`, or -1 for "start from the base scenario". */
  private bestCheckpoint(to: number): number {
    let best = -1;
    for (const index of this.checkpoints.keys()) {
      if (index <= to && index > best) best = index;
    }
    return best;
  }

  private restore(index: number): void {
    if (index < 0) {
      this.current = this.fresh();
      this.idx = 0;
      this.cursor = 0;
      this.applyChangesAt(0);
      return;
    }
    const checkpoint = this.checkpoints.get(index);
    if (!checkpoint) throw new Error(`no checkpoint at sample ${index}`);
    // Clone again: the checkpoint itself must stay as it was for the next seek.
    this.current = checkpoint.clone();
    this.idx = index;
    this.cursor = 0;
    while (this.cursor < this.changes.length && this.changes[this.cursor].index <= index) this.cursor++;
  }

  private applyChangesAt(index: number): void {
    while (this.cursor < this.changes.length && this.changes[this.cursor].index === index) {
      this.current.setScenario({ ...this.changes[this.cursor].scenario });
      this.cursor++;
    }
  }

  /**
   * A detached replay that reads `window` finely (the zoom; see src-sim/engine/fineSampler.ts):
   * from the nearest checkpoint before it, with the recorded changes, to the end of the window.
   * The timeline itself does not move. Returns the fine samples and the events inside the window.
   */
  fineWindow(window: FineWindow): { samples: SampleBatch; events: SimEvent[]; intervalSec: number } {
    const fineSec = this.interval / Math.max(1, Math.round(window.perSample));
    const startIndex = Math.max(0, Math.floor((window.fromSec - fineSec) / this.interval + 1e-9));
    const endIndex = Math.min(this.endIndex, Math.ceil(window.toSec / this.interval - 1e-9));
    const from = this.bestCheckpoint(startIndex);
    let sim: Simulation;
    let cursor = 0;
    if (from < 0) {
      sim = this.fresh();
      while (cursor < this.changes.length && this.changes[cursor].index === 0) {
        sim.setScenario({ ...this.changes[cursor].scenario });
        cursor++;
      }
    } else {
      sim = this.checkpoints.get(from)!.clone();
      while (cursor < this.changes.length && this.changes[cursor].index <= from) cursor++;
    }
    let idx = Math.max(0, from);
    const firstEvent = sim.eventCount;
    const advance = (to: number) => {
      while (idx < to) {
        idx++;
        sim.advanceTo(idx * this.interval);
        while (cursor < this.changes.length && this.changes[cursor].index === idx) {
          sim.setScenario({ ...this.changes[cursor].scenario });
          cursor++;
        }
      }
    };
    // Up to the window's start at the run's own pace, then read finely to its end.
    advance(startIndex);
    const sampler = sim.sampleFinely(window);
    advance(endIndex);
    const events = sim.readEvents(firstEvent).filter((e) => e.timeSec >= window.fromSec && e.timeSec <= window.toSec);
    return { samples: sampler.result(), events, intervalSec: sampler.intervalSec };
  }

  private fresh(): Simulation {
    return createSimulation({ ...this.base }, { sampleIntervalSec: this.interval });
  }
}
