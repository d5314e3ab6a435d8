/**
 * The worker's side of a comparison: 2 to 4 {@link Timeline}s, one per lane, on one clock.
 *
 * Every lane is its own Timeline, exactly the one a single run of its scenario uses (same
 * scenario, same sample interval, advanced one sample at a time), so each lane's samples equal
 * that single run's bit for bit (test/worker-lanes.test.ts checks it). The lanes advance in
 * lockstep: sample k of every lane before sample k+1 of any, so play, step, seek and the frames
 * always show every lane at one moment.
 *
 * Pacing, slices and flow control are the {@link Pacer}'s (pacer.ts, shared with the single run
 * and the pipeline; see there for why): wall time comes from the injected clock, work goes in
 * slices of SLICE_MS with the clock read every STEPS_PER_CLOCK_READ model steps (so one heavy
 * sample never holds the worker), at most MAX_UNACKED_FRAMES frames wait for the page's
 * acknowledgement. A lane whose scenario changes replays to the present in slices too, as a seek.
 * Simpler than the single run's: no timeline of changes, and no fine zoom window.
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
import { checkProtocolVersion, type Endpoint } from "./protocol";
import type { StepBudget } from "../engine/model";
import { Pacer, type Clock } from "./pacer";
import { eventColumns } from "./runtime";
import { SentCursor } from "./sentCursor";
import { Timeline, sampleIntervalFor } from "./timeline";

/** Fewest and most lanes the runtime accepts (the link's rule, src-sim/scenario/lanes.ts). */
const MIN_LANES = 2;
const MAX_LANES = 4;

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

/** Serves a comparison on `endpoint` (the page's first message was `lanesInit`); pacing is its {@link Pacer}'s. */
export class LaneRuntime {
  private set: LaneSet | null = null;
  /** What the page holds of each lane. */
  private sent: SentCursor[] = [];
  private stopAt: ReadonlySet<EventKind> = new Set();
  /** Each lane's event count where the step under way began (null: none under way). */
  private scanFrom: number[] | null = null;
  private readonly pacer: Pacer;

  constructor(
    private readonly endpoint: Endpoint,
    clock: Clock,
  ) {
    this.pacer = new Pacer(
      endpoint,
      clock,
      {
        run: () => this.set,
        sendFrame: (frameId) => this.sendFrame(frameId),
        // A frame shows every lane at one sample.
        showable: () => this.set!.aligned,
        watchSlice: () => this.watchSlice(),
        seekCancelled: () => {
          this.scanFrom = null;
        },
      },
      // At speed max, as the single run: no idle tick between slices that ran out of time.
      { backToBackAtMax: true },
    );
  }

  /** Handles one message; a failure becomes an `error` message, never a throw. */
  receive(message: ToLanesWorker): void {
    this.pacer.guarded(() => this.handle(message));
  }

  /** Stops pacing and any seek under way. */
  stop(): void {
    this.pacer.stop();
  }

  private handle(message: ToLanesWorker): void {
    const pacer = this.pacer;
    if (pacer.answer(message)) return;
    if (message.type === "lanesInit") {
      checkProtocolVersion(message.protocolVersion);
      pacer.stop();
      this.set = new LaneSet(checkScenarios(message.scenarios));
      this.sent = this.set.lanes.map(() => new SentCursor());
      pacer.setSpeed(message.speed);
      if (message.timeSec > 0) pacer.seek(Math.round(message.timeSec / this.set.sampleIntervalSec));
      pacer.changed();
      return;
    }
    const set = this.set;
    if (!set) throw new Error(`"${message.type}" arrived before "lanesInit".`);
    switch (message.type) {
      case "lanesSet": {
        const scenarios = checkScenarios(message.scenarios);
        if (scenarios.length !== set.lanes.length) {
          // Another count of lanes is another comparison: start over at the same moment.
          const here = pacer.seekTarget ?? set.index;
          pacer.cancelSeek();
          this.set = new LaneSet(scenarios);
          this.sent = this.set.lanes.map(() => new SentCursor());
          if (here > 0) pacer.seek(here);
          break;
        }
        // Where the lanes were, or were heading: the changed lanes replay to it in slices (a
        // shorter duration ends the run before it).
        const here = pacer.seekTarget ?? set.index;
        pacer.cancelSeek();
        if (set.setScenarios(scenarios)) pacer.restarted();
        else pacer.seek(here);
        break;
      }
      case "lanesReset":
        pacer.pause();
        pacer.cancelSeek();
        set.reset();
        break;
      case "play":
        this.stopAt = new Set(message.stopAt ?? []);
        pacer.play();
        break;
      case "pause":
        pacer.pause();
        // Paused inside a step: finish it in slices, so the frame shows every lane at one sample.
        if (!set.aligned && pacer.seekTarget === null) pacer.seek(set.index + 1);
        break;
      case "step":
        pacer.pause();
        pacer.seek((pacer.seekTarget ?? set.index) + Math.round(message.samples));
        break;
      case "speed":
        pacer.setSpeed(message.speed);
        break;
      case "seek":
        pacer.seekToTime(message.timeSec);
        break;
    }
    pacer.changed();
  }

  /**
   * Called as a slice of pacing begins. Events are scanned for key moments from where the step
   * under way began, once every lane has finished it (a lane ahead has logged events after the
   * shared sample); then every lane pauses on the sample after the earliest `stopAt` event any
   * lane logged.
   */
  private watchSlice(): () => void {
    const set = this.set!;
    const fromEvents = this.scanFrom ?? set.lanes.map((l) => l.sim.eventCount);
    return () => {
      this.scanFrom = set.aligned ? null : fromEvents;
      if (this.stopAt.size === 0 || !set.aligned) return;
      let at = Infinity;
      set.lanes.forEach((lane, i) => {
        if (lane.sim.eventCount <= fromEvents[i]) return;
        for (const e of lane.sim.readEvents(fromEvents[i]))
          if (this.stopAt.has(e.kind) && e.timeSec < at) at = e.timeSec;
      });
      if (at !== Infinity) this.pacer.pauseAfter(at);
    };
  }

  /** Builds and posts frame `frameId`: every lane's new samples and events, at one sample. */
  private sendFrame(frameId: number): void {
    const set = this.set!;
    const lanes: LaneFrame[] = set.lanes.map((timeline, i) => {
      const sim = timeline.sim;
      const from = this.sent[i].start(timeline.generation, sim.sampleCount, sim.eventCount);
      const batch = sim.readSamples(from.samples);
      const frame: LaneFrame = {
        samplesStart: batch.start,
        sampleCount: batch.count,
        columns: batch.columns,
        eventsStart: from.events,
        events: eventColumns(sim.readEvents(from.events)),
        eventTotals: sim.eventTotals(),
        live: sim.live(),
        scenario: sim.scenario,
        figures: runFigures(sim, sim.scenario),
      };
      this.sent[i].sent(sim.sampleCount, sim.eventCount);
      return frame;
    });
    const frame: LanesFrameMessage = {
      type: "lanesFrame",
      frameId,
      sampleIntervalSec: set.sampleIntervalSec,
      timeSec: set.timeSec,
      playing: this.pacer.playing,
      ended: set.index >= set.endIndex,
      speed: this.pacer.speed,
      lanes,
    };
    this.endpoint.postMessage(frame, lanesFrameTransferables(frame));
  }
}
