/**
 * A run that can be moved to any moment, back or forward, and always shows the same history.
 *
 * Two things make a replay identical to the original run:
 * - The engine is only ever advanced to whole sample times (`k * sampleIntervalSec`), one sample
 *   at a time. Random stretches are drawn in bulk between the times the engine is asked to stop
 *   at, so advancing by other steps (a wall-clock-dependent 1/60 s, say) would give a different
 *   run with Poisson arrivals. The sample grid is the one canonical sequence of stops. A budget
 *   of model steps may cut the work toward the next sample into pieces (the worker's bound on
 *   a slice of work); the engine then still heads for that sample, so nothing changes, and until
 *   it is recorded the timeline shows the moment before it (see {@link Timeline.live}).
 * - The run's changes (src-sim/scenario/changes.ts: from a link, or made while the run is under
 *   way) apply at their sample index, right after the engine recorded that sample, and replay
 *   there. A change made after seeking back rewrites the future: changes and checkpoints after
 *   that moment are dropped.
 *
 * Checkpoints (`Simulation.clone()`) are kept every few simulated seconds so a seek replays at
 * most one checkpoint interval of simulation.
 */
import type { FineWindow } from "../engine/fineSampler";
import type { StepBudget } from "../engine/model";
import { type LiveState, type Simulation } from "../engine/simulation";
import type { SampleBatch, SimEvent } from "../engine/types";
import { createSimulation } from "../models/index";
import {
  applyChanges,
  changeIndex,
  diffChanges,
  encodeChanges,
  isChangeableKey,
  sortChanges,
  type ScenarioChange,
} from "../scenario/changes";
import type { Scenario } from "../scenario/params";
import { sameSimulation } from "../scenario/sameSimulation";

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

interface IndexedChange extends ScenarioChange {
  /** Sample index the change applies at (right after the engine recorded that sample). */
  index: number;
}

/** The run at the current sample, kept while the engine works its way toward the next one. */
interface Settled {
  live: LiveState;
  eventCount: number;
  eventTotals: Float64Array;
}

/** Builds the engine of a run from its base scenario (createSimulation's signature). */
export type RunFactory = (scenario: Scenario, options: { sampleIntervalSec: number }) => Simulation;

/** A seekable, deterministic run: the engine plus its timeline of changes and checkpoints. */
export class Timeline {
  private base!: Scenario;
  private interval!: number;
  private checkpointEvery!: number;
  private changes: IndexedChange[] = [];
  /** Index into `changes` of the first change not yet applied to `current`. */
  private cursor = 0;
  private checkpoints = new Map<number, Simulation>();
  private current!: Simulation;
  private idx = 0;
  private gen = 0;
  /** The run at `idx` while the engine is past it, inside the next sample; null otherwise. */
  private settled: Settled | null = null;

  /**
   * Starts a run of `scenario` at t = 0, with `changes` to apply at their times. `createRun`
   * builds the engine for a base scenario (a pipeline's runtime passes one that runs its chain,
   * with `scenario` as the source's workload); by default the single run of the scenario.
   */
  constructor(
    scenario: Scenario,
    changes: readonly ScenarioChange[] = [],
    private readonly createRun: RunFactory = createSimulation,
  ) {
    this.reset(scenario, changes);
  }

  /** The engine at the current moment (read it; do not advance it directly). */
  get sim(): Simulation {
    return this.current;
  }

  /** The scenario the run starts with (before any change). */
  get baseScenario(): Scenario {
    return { ...this.base };
  }

  /** The timeline of changes, in time order (times on the sample grid). */
  get changeList(): ScenarioChange[] {
    return this.changes.map(({ atSec, key, value }) => ({ atSec, key, value }));
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

  /**
   * True while a budgeted {@link advanceTo} left the engine inside the sample after the current
   * one: the run still stands at {@link index} (what the readers below show), and a change made
   * now waits for that sample (see {@link setScenario}).
   */
  get sampleUnderWay(): boolean {
    return this.current.sampleUnderWay;
  }

  /** The state at the current sample, for readouts (the engine's, unless a sample is under way). */
  live(): LiveState {
    return this.settled ? { ...this.settled.live } : this.current.live();
  }

  /** Events logged up to the current sample (see Simulation.eventCount). */
  get eventCount(): number {
    return this.settled ? this.settled.eventCount : this.current.eventCount;
  }

  /** Events of each kind up to the current sample (see Simulation.eventTotals). */
  eventTotals(): Float64Array {
    return this.settled ? this.settled.eventTotals.slice() : this.current.eventTotals();
  }

  /** Event-log entries held, from sequence number `from` up to the current sample. */
  readEvents(from = 0): SimEvent[] {
    return this.current.readEvents(from, this.eventCount);
  }

  /** Sample index of the end of the run (the duration in force now, on the grid). */
  get endIndex(): number {
    return Math.max(1, Math.round(this.current.scenario.duration / this.interval));
  }

  /** Increases on every reset and replay of a rewritten past: samples of an earlier generation belong to another run. */
  get generation(): number {
    return this.gen;
  }

  /** Changes on the timeline (for tests and diagnostics). */
  get changeCount(): number {
    return this.changes.length;
  }

  /** Checkpoints held (for tests and diagnostics). */
  get checkpointCount(): number {
    return this.checkpoints.size;
  }

  /** Starts over at t = 0 with `scenario` and `changes` (none by default), forgetting checkpoints. */
  reset(scenario: Scenario, changes: readonly ScenarioChange[] = []): void {
    this.base = { ...scenario };
    this.interval = sampleIntervalFor(scenario.duration);
    const totalSamples = scenario.duration / this.interval;
    this.checkpointEvery = Math.max(
      Math.round(MIN_CHECKPOINT_SEC / this.interval),
      Math.ceil(totalSamples / MAX_CHECKPOINTS),
    );
    this.changes = this.indexed(changes);
    this.checkpoints.clear();
    this.current = this.fresh();
    this.settled = null;
    this.idx = 0;
    this.cursor = 0;
    this.applyChangesAt(0);
    this.checkpoints.set(0, this.current.clone());
    this.gen++;
  }

  /**
   * Changes parameters from the current moment on, recording the change on the timeline. At
   * t = 0 this simply restarts with the new scenario (and no later changes); a new duration (the
   * whole run's) goes to the base scenario, and one that needs a different sample interval
   * restarts (the run's grid cannot change under recorded samples). The future after this moment
   * is rewritten, as an editor would: changes recorded later are dropped. Returns true when the
   * run restarted. While a sample is under way (see {@link sampleUnderWay}) the change belongs to
   * the end of that sample, a point of the grid: it is finished first, here and at once (the
   * worker finishes it in slices before calling this).
   */
  setScenario(next: Scenario): boolean {
    const now = this.current.scenario;
    if (sameSimulation(next, now)) return false;
    if (this.idx === 0) {
      this.reset(next);
      return true;
    }
    if (next.duration !== now.duration) {
      const restarted = this.setBase({ ...this.base, duration: next.duration });
      if (restarted) return true;
    }
    if (this.current.sampleUnderWay) this.advanceTo(this.idx + 1);
    const recorded = diffChanges(this.current.scenario, next, this.idx * this.interval);
    if (recorded.length === 0) return false;
    // The future after this moment is rewritten: drop what was recorded or checkpointed there.
    this.changes.length = this.cursor;
    this.dropCheckpointsFrom(this.idx);
    for (const c of recorded) this.changes.push({ ...c, index: this.idx });
    this.cursor = this.changes.length;
    this.current.setScenario(applyChanges(this.current.scenario, recorded));
    return false;
  }

  /**
   * Changes the scenario the run starts with (a change to the whole run, not recorded), keeping
   * the timeline of changes, and replays to the current moment. Returns true when the run
   * restarted at t = 0 (a duration that needs another sample interval). With `replay` false the
   * run is left at t = 0 and going back to the moment (in slices, say) is the caller's.
   */
  setBase(base: Scenario, replay = true): boolean {
    if (sampleIntervalFor(base.duration) !== this.interval) {
      this.reset(base, this.changeList);
      return true;
    }
    this.base = { ...base };
    this.replayFrom(0, replay);
    return false;
  }

  /**
   * Replaces the timeline of changes (removing one, say) and replays to the current moment. With
   * `replay` false the run is left at the checkpoint the replay starts from, before the first
   * change that differs, and going back to the moment is the caller's.
   */
  setChanges(changes: readonly ScenarioChange[], replay = true): void {
    const next = this.indexed(changes);
    let same = 0;
    while (
      same < next.length &&
      same < this.changes.length &&
      encodeChanges([next[same]]) === encodeChanges([this.changes[same]]) &&
      next[same].index === this.changes[same].index
    )
      same++;
    if (same === next.length && same === this.changes.length) return;
    const firstDiffering = Math.min(
      same < next.length ? next[same].index : Infinity,
      same < this.changes.length ? this.changes[same].index : Infinity,
    );
    this.changes = next;
    this.replayFrom(firstDiffering, replay);
  }

  /**
   * Advances to sample index `target` (no-op if already there or past it) and returns true. With
   * a `budget` of model steps (see Simulation.advanceTo) it returns false where the budget ran
   * out, possibly inside a sample; a later call goes on from there, and the run is the same as
   * if it had never stopped.
   */
  advanceTo(target: number, budget?: StepBudget): boolean {
    const sim = this.current;
    while (this.idx < target) {
      if (budget !== undefined && this.settled === null) {
        // A spent budget does not start the next sample; a started one keeps what frames show.
        if (budget.left <= 0) return false;
        this.settled = { live: sim.live(), eventCount: sim.eventCount, eventTotals: sim.eventTotals() };
      }
      if (!sim.advanceTo((this.idx + 1) * this.interval, budget)) return false;
      this.settled = null;
      this.idx++;
      this.applyChangesAt(this.idx);
      if (this.idx % this.checkpointEvery === 0 && !this.checkpoints.has(this.idx)) {
        this.checkpoints.set(this.idx, sim.clone());
      }
    }
    return true;
  }

  /**
   * Works toward the sample after the current one within `budget` model steps (see
   * {@link advanceTo}); true once there. The worker's pacer moves a run by such bits.
   */
  stepBit(budget: StepBudget): boolean {
    return this.advanceTo(this.idx + 1, budget);
  }

  /** Moves to sample index `target` (clamped at 0), replaying from the nearest checkpoint. */
  seek(target: number): void {
    this.advanceTo(this.prepareSeek(target));
  }

  /**
   * The first, cheap half of {@link seek}: restores the checkpoint a move to `target` replays
   * from (when going back, or when one lies between here and there) and returns the target
   * index; advancing to it, possibly in slices, is the caller's.
   */
  prepareSeek(target: number): number {
    const to = Math.max(0, Math.round(target));
    if (to >= this.idx) {
      // Forward: a checkpoint between here and there saves replaying the stretch before it.
      const from = this.bestCheckpoint(to);
      if (from > this.idx) this.restore(from);
      return to;
    }
    this.restore(this.bestCheckpoint(to));
    return to;
  }

  /**
   * Forgets what was simulated from sample `index` on (a change there) and, if `replay`, returns
   * to the present.
   */
  private replayFrom(index: number, replay: boolean): void {
    const here = this.idx;
    // The samples from `index` on are another run's now: a new generation makes the runtime
    // send the page the whole run again (it keeps no samples of an earlier generation).
    this.gen++;
    if (index <= 0) {
      this.checkpoints.clear();
      this.current = this.fresh();
      this.settled = null;
      this.idx = 0;
      this.cursor = 0;
      this.applyChangesAt(0);
      this.checkpoints.set(0, this.current.clone());
    } else {
      // A checkpoint at `index` was taken before the changes at `index` were applied: drop it too.
      this.dropCheckpointsFrom(index);
      this.restore(this.bestCheckpoint(index - 1));
    }
    if (replay) this.advanceTo(here);
  }

  private dropCheckpointsFrom(index: number): void {
    for (const i of this.checkpoints.keys()) {
      if (i >= index && i > 0) this.checkpoints.delete(i);
    }
  }

  private indexed(changes: readonly ScenarioChange[]): IndexedChange[] {
    return sortChanges(changes)
      .filter((c) => isChangeableKey(c.key))
      .map((c) => ({ ...c, index: changeIndex(c.atSec, this.interval) }));
  }

  /** Largest checkpointed index <= `to` (0 is always held). */
  private bestCheckpoint(to: number): number {
    let best = 0;
    for (const index of this.checkpoints.keys()) {
      if (index <= to && index > best) best = index;
    }
    return best;
  }

  private restore(index: number): void {
    const checkpoint = this.checkpoints.get(index);
    if (!checkpoint) throw new Error(`no checkpoint at sample ${index}`);
    // Clone again: the checkpoint itself must stay as it was for the next seek.
    this.current = checkpoint.clone();
    this.settled = null;
    this.idx = index;
    this.cursor = 0;
    while (this.cursor < this.changes.length && this.changes[this.cursor].index <= index) this.cursor++;
  }

  /** Applies every change at sample `index` together (one setScenario, so one repair). */
  private applyChangesAt(index: number): void {
    const from = this.cursor;
    while (this.cursor < this.changes.length && this.changes[this.cursor].index === index) this.cursor++;
    if (this.cursor > from) {
      this.current.setScenario(applyChanges(this.current.scenario, this.changes.slice(from, this.cursor)));
    }
  }

  /**
   * A detached replay that reads `window` finely (the zoom; see src-sim/engine/fineSampler.ts):
   * from the nearest checkpoint before it, with the recorded changes, to the end of the window.
   * The timeline itself does not move. Returns the fine samples and the events inside the window.
   * `onStart` is called with the replay where fine reading starts (the zoom attaches the TCP
   * ladder there: src-sim/worker/zoom.ts).
   */
  fineWindow(window: FineWindow, onStart?: (sim: Simulation) => void): FineWindowResult {
    const job = this.startFineWindow(window, onStart);
    job.advance();
    return job.result();
  }

  /**
   * The same replay as {@link fineWindow}, as a job that goes on by pieces: each `advance` works
   * within its step budget (none: to the end) and says whether the window is done; `result` is
   * then what fineWindow returns, the same bit for bit however the work was cut. The job owns a
   * clone of the checkpoint and a copy of the changes: later edits to the timeline leave it as it
   * was asked.
   */
  startFineWindow(window: FineWindow, onStart?: (sim: Simulation) => void): FineWindowJob {
    const interval = this.interval;
    const fineSec = interval / Math.max(1, Math.round(window.perSample));
    const startIndex = Math.max(0, Math.floor((window.fromSec - fineSec) / interval + 1e-9));
    const endIndex = Math.min(this.endIndex, Math.ceil(window.toSec / interval - 1e-9));
    const from = this.bestCheckpoint(startIndex);
    const changes = this.changes.slice();
    let cursor = 0;
    let sim: Simulation;
    // The recorded changes at a sample index, applied together as the timeline applies them.
    const applyAt = (index: number) => {
      const start = cursor;
      while (cursor < changes.length && changes[cursor].index === index) cursor++;
      if (cursor > start) sim.setScenario(applyChanges(sim.scenario, changes.slice(start, cursor)));
    };
    if (from < 0) {
      sim = this.fresh();
      applyAt(0);
    } else {
      sim = this.checkpoints.get(from)!.clone();
      while (cursor < changes.length && changes[cursor].index <= from) cursor++;
    }
    let idx = Math.max(0, from);
    const firstEvent = sim.eventCount;
    let sampler: FineSampling | null = null;
    // Up to the window's start at the run's own pace, then read finely to its end; a spent
    // budget stops inside a sample, and the next call goes on from there.
    const advanceTo = (to: number, budget?: StepBudget): boolean => {
      while (idx < to) {
        if (!sim.advanceTo((idx + 1) * interval, budget)) return false;
        idx++;
        applyAt(idx);
      }
      return true;
    };
    return {
      advance: (budget) => {
        if (sampler === null) {
          if (!advanceTo(startIndex, budget)) return false;
          sampler = sim.sampleFinely(window);
          onStart?.(sim);
        }
        return advanceTo(endIndex, budget);
      },
      result: () => {
        if (sampler === null || idx < endIndex) throw new Error("the fine window is not done");
        const events = sim
          .readEvents(firstEvent)
          .filter((e) => e.timeSec >= window.fromSec && e.timeSec <= window.toSec);
        return { samples: sampler.result(), events, intervalSec: sampler.intervalSec };
      },
    };
  }

  private fresh(): Simulation {
    return this.createRun({ ...this.base }, { sampleIntervalSec: this.interval });
  }
}

/** What a fine window read: its samples, the events inside it, and the fine sample interval. */
export interface FineWindowResult {
  samples: SampleBatch;
  events: SimEvent[];
  intervalSec: number;
}

/** A fine window being read by pieces (see Timeline.startFineWindow). */
export interface FineWindowJob {
  /** Works on within `budget` model steps (none: to the end); true once the window is done. */
  advance(budget?: StepBudget): boolean;
  /** The window read (only once done). */
  result(): FineWindowResult;
}

/** The fine sampler's handle, as Simulation.sampleFinely returns it. */
type FineSampling = ReturnType<Simulation["sampleFinely"]>;
