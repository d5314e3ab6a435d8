/**
 * The worker's side of the protocol for a single run: a thin adapter between messages and a
 * {@link Timeline}, paced by a {@link Pacer} (pacer.ts: the wall clock, play and speed, seeks in
 * slices, frame flow control and failures, shared with the comparison's and the pipeline's
 * runtimes). What is this runtime's own: the timeline of changes (edits that wait for the moment
 * a seek is heading for, or for the end of a sample under way), pausing at key moments, the zoom
 * (a window read finely, in slices) and what a frame carries.
 */
import { KIND_INDEX } from "../engine/eventLog";
import type { EventKind, SimEvent } from "../engine/types";
import { MODELS } from "../models/index";
import { STRATEGIES, modelOf, type Strategy } from "../scenario/strategies";
import { Pacer, SLICE_MS, STEPS_PER_CLOCK_READ, type Clock } from "./pacer";
import {
  checkProtocolVersion,
  frameTransferables,
  type Endpoint,
  type EventColumns,
  type FrameMessage,
  type ToWorker,
  type ZoomMessage,
} from "./protocol";
import { SentCursor } from "./sentCursor";
import { Timeline, sampleIntervalFor } from "./timeline";
import { startZoom, type ZoomJob } from "./zoom";

// The clock, the slice budgets and the speed range moved to pacer.ts; they are still read from here.
export { PROGRESS_INTERVAL_MS, SLICE_MS, STEPS_PER_CLOCK_READ, TICK_MS, clampSpeed, type Clock } from "./pacer";

/** Strategies this build's engine can run: every row of the strategy table whose model is present. */
export function availableStrategies(): Strategy[] {
  return STRATEGIES.filter((s) => MODELS[modelOf(s)] !== undefined);
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

/** Checkpoints, edits, key moments, the zoom and frames for one page; pacing is its {@link Pacer}'s. */
export class SimRuntime {
  private timeline: Timeline | null = null;
  /** What the page holds of the run. */
  private readonly sent = new SentCursor();
  private readonly strategies = availableStrategies();
  /** Messages that refer to the moment a seek will reach, kept until it gets there. */
  private deferred: ToWorker[] = [];
  /** The zoom being answered, slice by slice (a newer request replaces it); null when none. */
  private zoomJob: ZoomJob | null = null;
  private zoomTimer: unknown = null;
  /** Event kinds that pause playback at the sample after them (see PlayMessage.stopAt). */
  private stopAt: ReadonlySet<EventKind> = new Set();
  private readonly pacer: Pacer;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly clock: Clock,
  ) {
    this.pacer = new Pacer(
      endpoint,
      clock,
      {
        run: () => this.timeline,
        sendFrame: (frameId) => this.sendFrame(frameId),
        watchSlice: () => this.watchSlice(),
        // One frame for the seek and what waited for it.
        seekArrived: () => this.replayDeferred(),
        seekCancelled: () => {
          this.deferred = [];
        },
        stopped: () => this.cancelZoom(),
      },
      { backToBackAtMax: true },
    );
  }

  /** Handles one message from the page; a failure becomes an `error` message, never a throw. */
  receive(message: ToWorker): void {
    this.pacer.guarded(() => this.handle(message));
  }

  /** Stops pacing, any seek and any zoom under way (for shutdown). */
  stop(): void {
    this.pacer.stop();
  }

  private cancelZoom(): void {
    if (this.zoomTimer !== null) this.clock.cancel(this.zoomTimer);
    this.zoomTimer = null;
    this.zoomJob = null;
  }

  private handle(message: ToWorker): void {
    const pacer = this.pacer;
    if (pacer.answer(message)) return;
    if (message.type === "init") {
      checkProtocolVersion(message.protocolVersion);
      pacer.stop();
      this.timeline = new Timeline(message.scenario, message.changes ?? []);
      pacer.setSpeed(message.speed);
      this.sent.clear();
      // Opening at a moment: the first frame is the one at that moment (after the seek).
      if (message.timeSec > 0) pacer.seekToTime(message.timeSec);
      pacer.changed();
      return;
    }
    const timeline = this.timeline;
    if (!timeline) throw new Error(`"${message.type}" arrived before "init".`);
    // A new scenario or a step refers to the moment the page asked for: while a seek is still
    // computing its way there, keep them until it arrives.
    if (pacer.seekTarget !== null && (message.type === "setScenario" || message.type === "step")) {
      this.deferred.push(message);
      return;
    }
    // A change belongs on the sample grid: one made while a sample is under way (a Pause inside
    // a heavy sample) applies at its end, once slices have finished it. At t = 0 a new scenario
    // restarts the run instead, with nothing to finish.
    if (message.type === "setScenario" && timeline.sampleUnderWay && timeline.index > 0) {
      this.deferred.push(message);
      pacer.seek(timeline.index + 1);
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
      pacer.seek(Math.min(here, timeline.endIndex));
      return;
    }
    if (message.type === "zoom") {
      this.answerZoom(timeline, message);
      return;
    }
    switch (message.type) {
      case "setScenario":
        if (timeline.setScenario(message.scenario)) pacer.restarted();
        // A shorter duration can end the run before the present moment.
        if (timeline.index > timeline.endIndex) pacer.seek(timeline.endIndex);
        break;
      // Both replay the run to the present moment (or the one a seek is heading for): in slices,
      // as a seek, since a heavy run takes seconds to get back there.
      case "setBase": {
        const here = pacer.seekTarget ?? timeline.index;
        if (timeline.setBase(message.scenario, false)) pacer.restarted();
        // A shorter duration can end the run before the present moment.
        else pacer.seek(Math.min(here, timeline.endIndex));
        break;
      }
      case "setChanges": {
        const here = pacer.seekTarget ?? timeline.index;
        timeline.setChanges(message.changes, false);
        if (timeline.index !== here) pacer.seek(here);
        break;
      }
      case "play":
        this.stopAt = new Set(message.stopAt ?? []);
        pacer.play();
        break;
      case "pause":
        pacer.pause();
        break;
      case "step":
        pacer.pause();
        pacer.seek(timeline.index + Math.round(message.samples));
        break;
      case "speed":
        pacer.setSpeed(message.speed);
        break;
      case "seek":
        pacer.seekToTime(message.timeSec);
        break;
      case "reset":
        pacer.pause();
        pacer.cancelSeek();
        timeline.reset(message.scenario ?? timeline.baseScenario, message.changes ?? timeline.changeList);
        break;
    }
    pacer.changed();
  }

  /** Handles the messages that waited for the seek that just arrived (their frames held: see Pacer.seekArrived). */
  private replayDeferred(): void {
    const deferred = this.deferred;
    this.deferred = [];
    for (const message of deferred) this.handle(message);
  }

  /**
   * Called as a slice of pacing begins: where the event log stands. Once the slice has run, pauses
   * on the sample just after the earliest event logged since then whose kind is in `stopAt`, going
   * back to it by replay when pacing ran past it (the run is deterministic, so this is the same run).
   */
  private watchSlice(): () => void {
    const timeline = this.timeline!;
    const fromEvent = timeline.eventCount;
    return () => {
      if (this.stopAt.size === 0 || timeline.eventCount <= fromEvent) return;
      let at = Infinity;
      for (const e of timeline.readEvents(fromEvent)) if (this.stopAt.has(e.kind) && e.timeSec < at) at = e.timeSec;
      if (at !== Infinity) this.pacer.pauseAfter(at);
    };
  }

  /** Builds and posts frame `frameId`: the samples and events the page does not have yet, and the state. */
  private sendFrame(frameId: number): void {
    const timeline = this.timeline!;
    const sim = timeline.sim;
    const from = this.sent.start(timeline.generation, sim.sampleCount, timeline.eventCount);
    const batch = sim.readSamples(from.samples);
    // Up to the current sample: while the next is under way, the engine has gone past it.
    const events = eventColumns(timeline.readEvents(from.events));
    const frame: FrameMessage = {
      type: "frame",
      frameId,
      sampleIntervalSec: timeline.sampleIntervalSec,
      samplesStart: batch.start,
      sampleCount: batch.count,
      columns: batch.columns,
      eventsStart: from.events,
      events,
      eventTotals: timeline.eventTotals(),
      live: timeline.live(),
      playing: this.pacer.playing,
      ended: timeline.index >= timeline.endIndex,
      speed: this.pacer.speed,
      scenario: sim.scenario,
      base: timeline.baseScenario,
      changes: timeline.changeList,
      strategies: this.strategies,
    };
    this.sent.sent(sim.sampleCount, timeline.eventCount);
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
      this.zoomTimer = this.clock.schedule(() => this.pacer.guarded(() => this.continueZoom()), 0);
      return;
    }
    this.zoomJob = null;
    const answer = job.answer();
    this.endpoint.postMessage(answer, frameTransferables(answer));
  }
}
