/**
 * The worker's side of a comparison: 2 to 4 {@link Timeline}s, one per lane, on one clock.
 *
 * Every lane is its own Timeline, exactly the one a single run of its scenario uses (same
 * scenario, same sample interval, advanced one sample at a time), so each lane's samples equal
 * that single run's bit for bit (test/worker-lanes.test.ts checks it). The lanes advance in
 * lockstep: sample k of every lane before sample k+1 of any, so play, step, seek and the frames
 * always show every lane at one moment.
 *
 * Pacing, slices and flow control follow runtime.ts (see there for why): wall time comes from
 * the injected clock, work goes in slices of SLICE_MS with the clock read every
 * STEPS_PER_CLOCK_READ model steps (so one heavy sample never holds the worker), at most
 * MAX_UNACKED_FRAMES frames wait for the page's acknowledgement. A lane whose scenario changes
 * replays to the present in slices too, as a seek. Simpler than the single run's: no timeline of
 * changes, and no fine zoom window.
 *
 * A frame always shows every lane at one sample. While a step is under way (some lanes past the
 * shared sample, others inside it) no frame is sent; a Pause there finishes the step in slices,
 * with progress, and the frame comes when every lane has arrived.
 */
import type { EventKind } from "../engine/types";
import type { Scenario } from "../scenario/params";
import { sameSimulation } from "../scenario/sameSimulation";
import { runFigures } from "../sweep/figures";
import { lanesFrameTransferables, type LaneFrame, type LanesFrameMessage, type ToLanesWorker } from "./laneProtocol";
import { MAX_UNACKED_FRAMES, PROTOCOL_VERSION, type Endpoint, type ProgressMessage, type Speed } from "./protocol";
import type { StepBudget } from "../engine/model";
import {
  PROGRESS_INTERVAL_MS,
  SLICE_MS,
  STEPS_PER_CLOCK_READ,
  TICK_MS,
  clampSpeed,
  eventColumns,
  type Clock,
} from "./runtime";
import { Timeline, sampleIntervalFor } from "./timeline";

/** Fewest and most lanes the runtime accepts (the link's rule, src-sim/scenario/lanes.ts). */
const MIN_LANES = 2;
const MAX_LANES = 4;

/** Wall-time gap a tick accounts for at most, ms (as runtime.ts). */
const MAX_TICK_GAP_MS = 100;

/** The lanes, advanced together. */
export class LaneSet {
  readonly lanes: Timeline[];

  constructor(scenarios: readonly Scenario[]) {
    this.lanes = scenarios.map((s) => new Timeline(s));
  }

  /** The shared sample index: the one every lane has reached (the others may be past it). */
  get index(): number {
    let min = Infinity;
    for (const lane of this.lanes) if (lane.index < min) min = lane.index;
    return min;
  }

  /** True when every lane stands at the shared sample, none inside the next (a frame can be shown). */
  get aligned(): boolean {
    const at = this.lanes[0].index;
    return this.lanes.every((lane) => lane.index === at && !lane.sampleUnderWay);
  }

  /** Simulated time between samples, s (the same in every lane: the duration is shared). */
  get sampleIntervalSec(): number {
    return this.lanes[0].sampleIntervalSec;
  }

  /** The shared clock, s. */
  get timeSec(): number {
    return this.index * this.sampleIntervalSec;
  }

  /** The last sample index of the run. */
  get endIndex(): number {
    return this.lanes[0].endIndex;
  }

  /**
   * Works toward the sample after the shared one, lane by lane, within `budget` model steps.
   * Returns true when every lane has arrived there; false when the budget ran out first (a later
   * call goes on where this one stopped, and every lane's run is the same as if it never had).
   */
  stepBit(budget: StepBudget): boolean {
    const next = this.index + 1;
    for (const lane of this.lanes) if (!lane.advanceTo(next, budget)) return false;
    return true;
  }

  /**
   * Restores, in every lane, the checkpoint a move to `target` replays from; returns the clamped
   * target. The lanes may stand at different samples then (a lane whose scenario changed lost
   * its later checkpoints): {@link stepBit} moves the ones behind first, until all arrive.
   */
  prepareSeek(target: number): number {
    const to = Math.min(this.endIndex, Math.max(0, Math.round(target)));
    for (const lane of this.lanes) lane.prepareSeek(to);
    return to;
  }

  /**
   * Takes new scenarios: a lane whose scenario differs goes back to the checkpoint its whole run
   * replays from (a change to the whole run), leaving the replay to the present to the caller,
   * in slices. Returns true when every lane restarted at 0 instead (a new sample interval).
   */
  setScenarios(scenarios: readonly Scenario[]): boolean {
    const interval = sampleIntervalFor(scenarios[0].duration);
    if (interval !== this.sampleIntervalSec) {
      scenarios.forEach((s, i) => this.lanes[i].reset(s));
      return true;
    }
    scenarios.forEach((s, i) => {
      if (!sameSimulation(this.lanes[i].baseScenario, s)) this.lanes[i].setBase(s, false);
    });
    return false;
  }

  /** Every lane back to t = 0. */
  reset(): void {
    for (const lane of this.lanes) lane.reset(lane.baseScenario);
  }
}

/** Checks a lanes message's scenarios before anything runs them. */
function checkScenarios(scenarios: unknown): Scenario[] {
  if (!Array.isArray(scenarios) || scenarios.length < MIN_LANES || scenarios.length > MAX_LANES) {
    throw new Error(`A comparison has ${MIN_LANES} to ${MAX_LANES} lanes.`);
  }
  const duration = (scenarios[0] as Scenario).duration;
  if (scenarios.some((s: Scenario) => s.duration !== duration)) throw new Error("The lanes must share one duration.");
  return scenarios as Scenario[];
}

/** Serves a comparison on `endpoint` (the page's first message was `lanesInit`). */
export class LaneRuntime {
  private set: LaneSet | null = null;
  private playing = false;
  private speed: Speed = 1;
  private timer: unknown = null;
  private lastTickMs = 0;
  private targetSec = 0;
  private frameId = 0;
  private ackedId = 0;
  private framePending = false;
  private sent: Array<{ samples: number; events: number; generation: number }> = [];
  private seekTarget: number | null = null;
  private seekTimer: unknown = null;
  private lastProgressMs = -Infinity;
  private stopAt: ReadonlySet<EventKind> = new Set();
  /** Each lane's event count where the step under way began (null: none under way). */
  private scanFrom: number[] | null = null;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly clock: Clock,
  ) {}

  /** Handles one message; a failure becomes an `error` message, never a throw. */
  receive(message: ToLanesWorker): void {
    try {
      this.handle(message);
    } catch (error) {
      this.fail(error);
    }
  }

  /** Stops pacing and any seek under way. */
  stop(): void {
    this.playing = false;
    if (this.timer !== null) this.clock.cancel(this.timer);
    this.timer = null;
    this.cancelSeek();
  }

  private cancelSeek(): void {
    this.scanFrom = null;
    if (this.seekTimer !== null) this.clock.cancel(this.seekTimer);
    this.seekTimer = null;
    this.seekTarget = null;
  }

  private handle(message: ToLanesWorker): void {
    if (message.type === "ping") {
      this.endpoint.postMessage({ type: "pong", id: message.id });
      return;
    }
    if (message.type === "ack") {
      this.ackedId = Math.max(this.ackedId, message.frameId);
      this.flush();
      return;
    }
    if (message.type === "lanesInit") {
      if (message.protocolVersion !== PROTOCOL_VERSION) {
        throw new Error(
          `The page speaks protocol ${message.protocolVersion}, the worker ${PROTOCOL_VERSION}: reload the page.`,
        );
      }
      this.stop();
      this.set = new LaneSet(checkScenarios(message.scenarios));
      this.sent = this.set.lanes.map(() => ({ samples: 0, events: 0, generation: -1 }));
      this.speed = clampSpeed(message.speed);
      if (message.timeSec > 0) this.startSeek(Math.round(message.timeSec / this.set.sampleIntervalSec));
      this.changed();
      return;
    }
    const set = this.set;
    if (!set) throw new Error(`"${message.type}" arrived before "lanesInit".`);
    switch (message.type) {
      case "lanesSet": {
        const scenarios = checkScenarios(message.scenarios);
        if (scenarios.length !== set.lanes.length) {
          // Another count of lanes is another comparison: start over at the same moment.
          const here = this.seekTarget ?? set.index;
          this.cancelSeek();
          this.set = new LaneSet(scenarios);
          this.sent = this.set.lanes.map(() => ({ samples: 0, events: 0, generation: -1 }));
          if (here > 0) this.startSeek(here);
          break;
        }
        // Where the lanes were, or were heading: the changed lanes replay to it in slices (a
        // shorter duration ends the run before it).
        const here = this.seekTarget ?? set.index;
        this.cancelSeek();
        if (set.setScenarios(scenarios)) this.targetSec = 0;
        else this.startSeek(here);
        break;
      }
      case "lanesReset":
        this.setPlaying(false);
        this.cancelSeek();
        set.reset();
        break;
      case "play":
        if (set.index >= set.endIndex && this.seekTarget === null) set.prepareSeek(0);
        this.stopAt = new Set(message.stopAt ?? []);
        this.setPlaying(true);
        break;
      case "pause":
        this.setPlaying(false);
        // Paused inside a step: finish it in slices, so the frame shows every lane at one sample.
        if (!set.aligned && this.seekTarget === null) this.startSeek(set.index + 1);
        break;
      case "step":
        this.setPlaying(false);
        this.startSeek((this.seekTarget ?? set.index) + Math.round(message.samples));
        break;
      case "speed":
        this.speed = clampSpeed(message.speed);
        break;
      case "seek":
        this.startSeek(Math.round((Number.isFinite(message.timeSec) ? message.timeSec : 0) / set.sampleIntervalSec));
        break;
    }
    this.changed();
  }

  /** Moves every lane to sample `target`, a slice at a time (see runtime.ts's startSeek). */
  private startSeek(target: number): void {
    const set = this.set!;
    this.seekTarget = set.prepareSeek(target);
    if (this.seekTimer !== null) this.clock.cancel(this.seekTimer);
    this.seekTimer = null;
    this.lastProgressMs = -Infinity;
    this.continueSeek();
  }

  private continueSeek(): void {
    this.seekTimer = null;
    const set = this.set;
    const target = this.seekTarget;
    if (!set || target === null) return;
    const start = this.clock.now();
    while (set.index < target && this.clock.now() - start < SLICE_MS) set.stepBit({ left: STEPS_PER_CLOCK_READ });
    if (set.index < target) {
      const now = this.clock.now();
      if (now - this.lastProgressMs >= PROGRESS_INTERVAL_MS) {
        this.lastProgressMs = now;
        this.endpoint.postMessage({
          type: "progress",
          timeSec: set.timeSec,
          targetSec: target * set.sampleIntervalSec,
        } satisfies ProgressMessage);
      }
      this.seekTimer = this.clock.schedule(() => this.guarded(() => this.continueSeek()), 0);
      return;
    }
    this.seekTarget = null;
    this.targetSec = set.timeSec;
    this.lastTickMs = this.clock.now();
    this.changed();
  }

  private guarded(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.fail(error);
    }
  }

  private setPlaying(playing: boolean): void {
    if (playing === this.playing) return;
    this.playing = playing;
    if (playing) {
      this.lastTickMs = this.clock.now();
      this.targetSec = this.set!.timeSec;
      this.scheduleTick();
    } else if (this.timer !== null) {
      this.clock.cancel(this.timer);
      this.timer = null;
    }
  }

  private scheduleTick(): void {
    if (this.timer === null) this.timer = this.clock.schedule(() => this.tick(), TICK_MS);
  }

  private tick(): void {
    this.timer = null;
    if (!this.playing || !this.set) return;
    try {
      this.pace();
    } catch (error) {
      this.fail(error);
      return;
    }
    if (this.playing) this.scheduleTick();
  }

  private pace(): void {
    const set = this.set!;
    const now = this.clock.now();
    const gapMs = Math.min(MAX_TICK_GAP_MS, Math.max(0, now - this.lastTickMs));
    this.lastTickMs = now;
    if (this.frameId - this.ackedId >= MAX_UNACKED_FRAMES) return;
    if (this.seekTarget !== null) return;
    const before = set.index;
    // Events are scanned for key moments from where the step under way began.
    const eventsBefore = this.scanFrom ?? set.lanes.map((l) => l.sim.eventCount);
    const end = set.endIndex;
    let target = end;
    if (this.speed !== "max") {
      this.targetSec += (gapMs / 1000) * this.speed;
      this.targetSec = Math.min(this.targetSec, set.timeSec + this.speed * 0.25);
      target = Math.min(end, Math.floor(this.targetSec / set.sampleIntervalSec + 1e-9));
    }
    while (set.index < target && this.clock.now() - now < SLICE_MS) set.stepBit({ left: STEPS_PER_CLOCK_READ });
    // Key moments are looked for once every lane has finished the step (a lane ahead has logged
    // events after the shared sample).
    this.scanFrom = set.aligned ? null : eventsBefore;
    if (this.stopAt.size > 0 && set.aligned) this.stopAtKeyMoment(eventsBefore);
    if (set.index >= end) this.setPlaying(false);
    if (set.index !== before || !this.playing) this.changed();
  }

  /** Pauses every lane on the sample after the earliest `stopAt` event any lane logged. */
  private stopAtKeyMoment(fromEvents: readonly number[]): void {
    const set = this.set!;
    let at = Infinity;
    set.lanes.forEach((lane, i) => {
      if (lane.sim.eventCount <= fromEvents[i]) return;
      for (const e of lane.sim.readEvents(fromEvents[i])) if (this.stopAt.has(e.kind) && e.timeSec < at) at = e.timeSec;
    });
    if (at === Infinity) return;
    const index = Math.min(set.endIndex, Math.floor(at / set.sampleIntervalSec + 1e-9) + 1);
    this.setPlaying(false);
    // Back by replay from a checkpoint: in slices, as any seek.
    if (index < set.index) this.startSeek(index);
  }

  private changed(): void {
    this.framePending = true;
    this.flush();
  }

  /** Sends a frame of every lane if one is due and the page's backlog allows it. */
  private flush(): void {
    const set = this.set;
    if (!this.framePending || !set || this.seekTarget !== null || !set.aligned) return;
    if (this.frameId - this.ackedId >= MAX_UNACKED_FRAMES) return;
    this.framePending = false;
    const lanes: LaneFrame[] = set.lanes.map((timeline, i) => {
      const sim = timeline.sim;
      const sent = this.sent[i];
      if (timeline.generation !== sent.generation) {
        sent.generation = timeline.generation;
        sent.samples = 0;
        sent.events = 0;
      }
      sent.samples = Math.min(sent.samples, sim.sampleCount);
      if (sent.events > sim.eventCount) sent.events = 0;
      const batch = sim.readSamples(sent.samples);
      const frame: LaneFrame = {
        samplesStart: batch.start,
        sampleCount: batch.count,
        columns: batch.columns,
        eventsStart: sent.events,
        events: eventColumns(sim.readEvents(sent.events)),
        eventTotals: sim.eventTotals(),
        live: sim.live(),
        scenario: sim.scenario,
        figures: runFigures(sim, sim.scenario),
      };
      sent.samples = sim.sampleCount;
      sent.events = sim.eventCount;
      return frame;
    });
    const frame: LanesFrameMessage = {
      type: "lanesFrame",
      frameId: ++this.frameId,
      sampleIntervalSec: set.sampleIntervalSec,
      timeSec: set.timeSec,
      playing: this.playing,
      ended: set.index >= set.endIndex,
      speed: this.speed,
      lanes,
    };
    this.endpoint.postMessage(frame, lanesFrameTransferables(frame));
  }

  private fail(error: unknown): void {
    this.stop();
    const message = error instanceof Error ? error.message : String(error);
    this.endpoint.postMessage({ type: "error", message });
  }
}
