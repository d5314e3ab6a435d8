/**
 * The worker's side of the protocol: a thin adapter between messages and a {@link Timeline}.
 *
 * It owns the one thing the engine must never see, the wall clock: pacing turns wall time into
 * simulated time at the chosen speed (0.1x .. 1000x, or as fast as the worker can). The clock is
 * injected, so tests drive the runtime with a fake one over a MessageChannel.
 *
 * The visualizer applies backpressure to itself: the runtime keeps at most MAX_UNACKED_FRAMES
 * frames unacknowledged. While the page has not caught up, the simulation does not advance (and
 * does not accumulate a debt of simulated time to jump over later), exactly as a cold producer
 * under `onPause=slow` waits for its consumer.
 */
import { KIND_INDEX } from "../engine/eventLog";
import type { EventKind, SimEvent } from "../engine/types";
import { MODELS } from "../models/index";
import { STRATEGIES, modelOf, type Strategy } from "../scenario/strategies";
import {
  MAX_SPEED,
  MAX_UNACKED_FRAMES,
  MIN_SPEED,
  PROTOCOL_VERSION,
  frameTransferables,
  type Endpoint,
  type EventColumns,
  type FrameMessage,
  type ProgressMessage,
  type Speed,
  type ToWorker,
  type ZoomMessage,
} from "./protocol";
import { Timeline, sampleIntervalFor } from "./timeline";
import { startZoom, type ZoomJob } from "./zoom";

/** Wall-clock services, injected so that the simulation core never reads the real clock. */
export interface Clock {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  /** Calls `fn` after about `ms` milliseconds; returns a handle for {@link Clock.cancel}. */
  schedule(fn: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
}

/** Wall time between pacing ticks, ms (about one display frame). */
export const TICK_MS = 16;

/** Longest wall-time gap a tick accounts for, ms: a stalled tab does not cause a jump. */
const MAX_TICK_GAP_MS = 100;

/**
 * Wall-time budget of one slice of work, ms: a tick of pacing or a slice of a seek. The run
 * advances at most one sample, and at most {@link STEPS_PER_CLOCK_READ} model steps, between
 * two reads of the clock, so the worker returns to its message loop (and sees Pause, a seek, a
 * new scenario) within this budget plus one such piece of work, whatever the scenario: at
 * 10^7 events/s a sample of 0.1 s holds two million events, a few hundred milliseconds.
 */
export const SLICE_MS = 12;

/**
 * Model steps (an event handled singly, or one closed-form stretch) between two reads of the
 * clock. The slowest per-event path (every event through the general handlers) takes well under
 * a microsecond a step in Chromium, so this is a millisecond or two of work at most; the clock is
 * read after each sample too, however few steps it took.
 */
export const STEPS_PER_CLOCK_READ = 5_000;

/** Progress messages during a long seek are sent at most this often, ms. */
export const PROGRESS_INTERVAL_MS = 100;

/** Strategies this build's engine can run: every row of the strategy table whose model is present. */
export function availableStrategies(): Strategy[] {
  return STRATEGIES.filter((s) => MODELS[modelOf(s)] !== undefined);
}

/** Clamps a paced speed into the supported range; "max" passes through. */
export function clampSpeed(speed: Speed): Speed {
  if (speed === "max") return speed;
  if (!Number.isFinite(speed)) return 1;
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
}

/** Converts engine events to transferable columns. */
export function eventColumns(events: readonly SimEvent[]): EventColumns {
  const n = events.length;
  const out: EventColumns = {
    count: n,
    timeSec: new Float64Array(n),
    kind: new Uint8Array(n),
    value: new Float64Array(n),
  };
  for (let i = 0; i < n; i++) {
    out.timeSec[i] = events[i].timeSec;
    out.kind[i] = KIND_INDEX[events[i].kind];
    out.value[i] = events[i].value;
  }
  return out;
}

/** Serves the protocol on `endpoint`. Returns a function that stops serving. */
export function serveSimulation(endpoint: Endpoint, clock: Clock): () => void {
  const runtime = new SimRuntime(endpoint, clock);
  const onMessage = (event: MessageEvent) => runtime.receive(event.data as ToWorker);
  endpoint.addEventListener("message", onMessage);
  endpoint.start?.();
  return () => {
    runtime.stop();
    endpoint.removeEventListener("message", onMessage);
  };
}

/** Pacing, checkpoints and frames for one page. */
export class SimRuntime {
  private timeline: Timeline | null = null;
  private playing = false;
  private speed: Speed = 1;
  private timer: unknown = null;
  private lastTickMs = 0;
  /** Simulated time pacing has reached, s (the run follows it on the sample grid). */
  private targetSec = 0;
  private frameId = 0;
  private ackedId = 0;
  private framePending = false;
  private sentSamples = 0;
  private sentEvents = 0;
  private sentGeneration = -1;
  private readonly strategies = availableStrategies();
  /** Sample index a seek is computing towards, slice by slice; null when none is under way. */
  private seekTarget: number | null = null;
  private seekTimer: unknown = null;
  private lastProgressMs = -Infinity;
  /** Messages that refer to the moment a seek will reach, kept until it gets there. */
  private deferred: ToWorker[] = [];
  /** True while deferred messages are replayed: they share the seek's frame. */
  private holdFrames = false;
  /** The zoom being answered, slice by slice (a newer request replaces it); null when none. */
  private zoomJob: ZoomJob | null = null;
  private zoomTimer: unknown = null;
  /** Event kinds that pause playback at the sample after them (see PlayMessage.stopAt). */
  private stopAt: ReadonlySet<EventKind> = new Set();

  constructor(
    private readonly endpoint: Endpoint,
    private readonly clock: Clock,
  ) {}

  /** Handles one message from the page; a failure becomes an `error` message, never a throw. */
  receive(message: ToWorker): void {
    try {
      this.handle(message);
    } catch (error) {
      this.fail(error);
    }
  }

  /** Stops pacing, any seek and any zoom under way (for shutdown). */
  stop(): void {
    this.playing = false;
    this.cancelTick();
    this.cancelSeek();
    this.cancelZoom();
  }

  private cancelZoom(): void {
    if (this.zoomTimer !== null) this.clock.cancel(this.zoomTimer);
    this.zoomTimer = null;
    this.zoomJob = null;
  }

  /**
   * One piece of work between two reads of the clock: toward the next sample, at most
   * {@link STEPS_PER_CLOCK_READ} model steps. It may stop inside the sample; the next piece goes
   * on from there, and the run is the same (see Timeline.advanceTo).
   */
  private advanceBit(timeline: Timeline): void {
    timeline.advanceTo(timeline.index + 1, { left: STEPS_PER_CLOCK_READ });
  }

  private cancelSeek(): void {
    if (this.seekTimer !== null) this.clock.cancel(this.seekTimer);
    this.seekTimer = null;
    this.seekTarget = null;
    this.deferred = [];
  }

  private handle(message: ToWorker): void {
    if (message.type === "ping") {
      this.endpoint.postMessage({ type: "pong", id: message.id });
      return;
    }
    if (message.type === "ack") {
      this.ackedId = Math.max(this.ackedId, message.frameId);
      this.flush();
      return;
    }
    if (message.type === "init") {
      if (message.protocolVersion !== PROTOCOL_VERSION) {
        throw new Error(
          `The page speaks protocol ${message.protocolVersion}, the worker ${PROTOCOL_VERSION}: reload the page.`,
        );
      }
      this.stop();
      this.timeline = new Timeline(message.scenario, message.changes ?? []);
      this.speed = clampSpeed(message.speed);
      this.sentSamples = 0;
      this.sentEvents = 0;
      // Opening at a moment: the first frame is the one at that moment (after the seek).
      if (message.timeSec > 0) this.seekTo(message.timeSec);
      this.changed();
      return;
    }
    const timeline = this.timeline;
    if (!timeline) throw new Error(`"${message.type}" arrived before "init".`);
    // A new scenario or a step refers to the moment the page asked for: while a seek is still
    // computing its way there, keep them until it arrives.
    if (this.seekTarget !== null && (message.type === "setScenario" || message.type === "step")) {
      this.deferred.push(message);
      return;
    }
    // A change belongs on the sample grid: one made while a sample is under way (a Pause inside
    // a heavy sample) applies at its end, once slices have finished it. At t = 0 a new scenario
    // restarts the run instead, with nothing to finish.
    if (message.type === "setScenario" && timeline.sampleUnderWay && timeline.index > 0) {
      this.deferred.push(message);
      this.startSeek(timeline.index + 1);
      return;
    }
    // A new duration belongs to the whole run, which replays to the present: in slices (as for
    // setBase below), the rest of the edit waiting until it gets there. One that needs another
    // sample interval restarts the run instead, with nothing to replay.
    if (
      message.type === "setScenario" &&
      timeline.index > 0 &&
      message.scenario.duration !== timeline.sim.scenario.duration &&
      sampleIntervalFor(message.scenario.duration) === timeline.sampleIntervalSec
    ) {
      const here = timeline.index;
      timeline.setBase({ ...timeline.baseScenario, duration: message.scenario.duration }, false);
      this.deferred.push(message);
      this.startSeek(Math.min(here, timeline.endIndex));
      return;
    }
    if (message.type === "zoom") {
      this.answerZoom(timeline, message);
      return;
    }
    switch (message.type) {
      case "setScenario":
        if (timeline.setScenario(message.scenario)) this.targetSec = 0;
        // A shorter duration can end the run before the present moment.
        if (timeline.index > timeline.endIndex) this.startSeek(timeline.endIndex);
        break;
      // Both replay the run to the present moment (or the one a seek is heading for): in slices,
      // as a seek, since a heavy run takes seconds to get back there.
      case "setBase": {
        const here = this.seekTarget ?? timeline.index;
        if (timeline.setBase(message.scenario, false)) this.targetSec = 0;
        // A shorter duration can end the run before the present moment.
        else this.startSeek(Math.min(here, timeline.endIndex));
        break;
      }
      case "setChanges": {
        const here = this.seekTarget ?? timeline.index;
        timeline.setChanges(message.changes, false);
        if (timeline.index !== here) this.startSeek(here);
        break;
      }
      case "play":
        if (timeline.index >= timeline.endIndex && this.seekTarget === null) timeline.seek(0);
        this.stopAt = new Set(message.stopAt ?? []);
        this.setPlaying(true);
        break;
      case "pause":
        this.setPlaying(false);
        break;
      case "step":
        this.setPlaying(false);
        this.startSeek(timeline.index + Math.round(message.samples));
        break;
      case "speed":
        this.speed = clampSpeed(message.speed);
        break;
      case "seek":
        this.seekTo(message.timeSec);
        break;
      case "reset":
        this.setPlaying(false);
        this.cancelSeek();
        timeline.reset(message.scenario ?? timeline.baseScenario, message.changes ?? timeline.changeList);
        break;
    }
    this.changed();
  }

  private seekTo(timeSec: number): void {
    const timeline = this.timeline!;
    this.startSeek(Math.round((Number.isFinite(timeSec) ? timeSec : 0) / timeline.sampleIntervalSec));
  }

  /**
   * Moves the run to sample `target` (clamped to the run), a slice at a time: a seek far into a
   * heavy run takes seconds of work, and the worker must go on answering meanwhile. Progress
   * goes to the page as `progress` messages; frames wait until the seek arrives.
   */
  private startSeek(target: number): void {
    const timeline = this.timeline!;
    const to = Math.min(timeline.endIndex, Math.max(0, target));
    timeline.prepareSeek(to);
    this.seekTarget = to;
    if (this.seekTimer !== null) this.clock.cancel(this.seekTimer);
    this.seekTimer = null;
    this.lastProgressMs = -Infinity;
    this.continueSeek();
  }

  /** One slice of the seek under way; schedules the next, or finishes it. */
  private continueSeek(): void {
    this.seekTimer = null;
    const timeline = this.timeline;
    const target = this.seekTarget;
    if (!timeline || target === null) return;
    const start = this.clock.now();
    while (timeline.index < target && this.clock.now() - start < SLICE_MS) this.advanceBit(timeline);
    if (timeline.index < target) {
      const now = this.clock.now();
      if (now - this.lastProgressMs >= PROGRESS_INTERVAL_MS) {
        this.lastProgressMs = now;
        this.endpoint.postMessage({
          type: "progress",
          timeSec: timeline.timeSec,
          targetSec: target * timeline.sampleIntervalSec,
        } satisfies ProgressMessage);
      }
      this.seekTimer = this.clock.schedule(() => this.guarded(() => this.continueSeek()), 0);
      return;
    }
    this.seekTarget = null;
    this.targetSec = timeline.timeSec;
    this.lastTickMs = this.clock.now();
    const deferred = this.deferred;
    this.deferred = [];
    // One frame for the seek and what waited for it.
    this.holdFrames = true;
    try {
      for (const message of deferred) this.handle(message);
    } finally {
      this.holdFrames = false;
    }
    this.changed();
  }

  /** Runs `fn` from a timer: a failure becomes an `error` message. */
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
      this.targetSec = this.timeline!.timeSec;
      this.scheduleTick();
    } else {
      this.cancelTick();
    }
  }

  private changed(): void {
    this.framePending = true;
    if (!this.holdFrames) this.flush();
  }

  private scheduleTick(delayMs = TICK_MS): void {
    if (this.timer === null) this.timer = this.clock.schedule(() => this.tick(), delayMs);
  }

  private cancelTick(): void {
    if (this.timer !== null) this.clock.cancel(this.timer);
    this.timer = null;
  }

  private tick(): void {
    this.timer = null;
    if (!this.playing || !this.timeline) return;
    let more: boolean;
    try {
      more = this.pace();
    } catch (error) {
      this.fail(error);
      return;
    }
    if (!this.playing) return;
    // As fast as it can: a slice that ran out of time is followed by the next at once (the
    // messages that came meanwhile are read in between), not by TICK_MS of idling; one that ran
    // out of work or waited for the page keeps a tick per TICK_MS. Paced speeds keep the cadence.
    if (this.speed !== "max") this.scheduleTick();
    else this.scheduleTick(more ? 0 : Math.max(0, TICK_MS - (this.clock.now() - this.lastTickMs)));
  }

  /**
   * One pacing step: move the run as far as wall time and the page's backlog allow. Returns
   * true when the slice ran out of time with work left (the run behind its target).
   */
  private pace(): boolean {
    const timeline = this.timeline!;
    const now = this.clock.now();
    const gapMs = Math.min(MAX_TICK_GAP_MS, Math.max(0, now - this.lastTickMs));
    this.lastTickMs = now;
    // The page has not stored what we sent: wait for it rather than run ahead (see file comment).
    if (this.frameId - this.ackedId >= MAX_UNACKED_FRAMES) return false;
    // A seek is computing its way to the moment play goes on from.
    if (this.seekTarget !== null) return false;
    const before = timeline.index;
    const eventsBefore = timeline.eventCount;
    const end = timeline.endIndex;
    let target = end;
    if (this.speed !== "max") {
      this.targetSec += (gapMs / 1000) * this.speed;
      // Never let pacing run more than a quarter second of wall time ahead of the run.
      this.targetSec = Math.min(this.targetSec, timeline.timeSec + this.speed * 0.25);
      target = Math.min(end, Math.floor(this.targetSec / timeline.sampleIntervalSec + 1e-9));
    }
    // Bit by bit within the slice budget (see SLICE_MS); a paced run that cannot keep up falls
    // behind its target and catches up, or not, on the next ticks.
    while (timeline.index < target && this.clock.now() - now < SLICE_MS) this.advanceBit(timeline);
    if (this.stopAt.size > 0) this.stopAtKeyMoment(eventsBefore);
    if (timeline.index >= end) this.setPlaying(false);
    if (timeline.index !== before || !this.playing) this.changed();
    return this.playing && timeline.index < target;
  }

  /**
   * Pauses on the sample just after the earliest event logged since `fromEvent` whose kind is in
   * `stopAt`, going back to it by replay when pacing ran past it (the run is deterministic, so
   * this is the same run). Returns whether it stopped.
   */
  private stopAtKeyMoment(fromEvent: number): boolean {
    const timeline = this.timeline!;
    if (timeline.eventCount <= fromEvent) return false;
    let at = Infinity;
    for (const e of timeline.readEvents(fromEvent)) if (this.stopAt.has(e.kind) && e.timeSec < at) at = e.timeSec;
    if (at === Infinity) return false;
    const index = Math.min(timeline.endIndex, Math.floor(at / timeline.sampleIntervalSec + 1e-9) + 1);
    this.setPlaying(false);
    // Back by replay from a checkpoint: in slices, as any seek.
    if (index < timeline.index) this.startSeek(index);
    return true;
  }

  /** Sends a frame if one is due and the page's backlog allows it. */
  private flush(): void {
    // During a seek the page sees progress messages; the frame comes when the seek arrives.
    if (!this.framePending || !this.timeline || this.seekTarget !== null) return;
    if (this.frameId - this.ackedId >= MAX_UNACKED_FRAMES) return;
    this.framePending = false;
    const timeline = this.timeline;
    const sim = timeline.sim;
    if (timeline.generation !== this.sentGeneration) {
      // A new run: the page's samples and events belong to the old one.
      this.sentGeneration = timeline.generation;
      this.sentSamples = 0;
      this.sentEvents = 0;
    }
    // After a seek back the page keeps the shared prefix of samples (replay is deterministic).
    this.sentSamples = Math.min(this.sentSamples, sim.sampleCount);
    // The page's event log is bounded like the engine's (the middle of a long run is only
    // counted), so it cannot be cut back to an earlier moment: after a seek back past logged
    // events it gets the whole bounded log again (at most a few thousand entries).
    if (this.sentEvents > timeline.eventCount) this.sentEvents = 0;
    const batch = sim.readSamples(this.sentSamples);
    // Up to the current sample: while the next is under way, the engine has gone past it.
    const events = eventColumns(timeline.readEvents(this.sentEvents));
    const frame: FrameMessage = {
      type: "frame",
      frameId: ++this.frameId,
      sampleIntervalSec: timeline.sampleIntervalSec,
      samplesStart: batch.start,
      sampleCount: batch.count,
      columns: batch.columns,
      eventsStart: this.sentEvents,
      events,
      eventTotals: timeline.eventTotals(),
      live: timeline.live(),
      playing: this.playing,
      ended: timeline.index >= timeline.endIndex,
      speed: this.speed,
      scenario: sim.scenario,
      base: timeline.baseScenario,
      changes: timeline.changeList,
      strategies: this.strategies,
    };
    this.sentSamples = sim.sampleCount;
    this.sentEvents = timeline.eventCount;
    this.endpoint.postMessage(frame, frameTransferables(frame));
  }

  /**
   * The zoom: a window read finely by a detached replay (the run and its frames are untouched),
   * in slices as a seek is, so that a window deep in a heavy run never holds the worker. A newer
   * request replaces one under way (the page ignores answers to replaced requests anyway).
   */
  private answerZoom(timeline: Timeline, message: ZoomMessage): void {
    this.cancelZoom();
    this.zoomJob = startZoom(timeline, message, () => this.clock.now());
    this.continueZoom();
  }

  /** One slice of the zoom under way; schedules the next, or sends the answer. */
  private continueZoom(): void {
    this.zoomTimer = null;
    const job = this.zoomJob;
    if (!job) return;
    const start = this.clock.now();
    let done = false;
    while (!done && this.clock.now() - start < SLICE_MS) done = job.advance({ left: STEPS_PER_CLOCK_READ });
    if (!done) {
      this.zoomTimer = this.clock.schedule(() => this.guarded(() => this.continueZoom()), 0);
      return;
    }
    this.zoomJob = null;
    const answer = job.answer();
    this.endpoint.postMessage(answer, frameTransferables(answer));
  }

  private fail(error: unknown): void {
    this.stop();
    const message = error instanceof Error ? error.message : String(error);
    this.endpoint.postMessage({ type: "error", message });
  }
}
