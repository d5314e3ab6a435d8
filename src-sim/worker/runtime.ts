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
import { EVENT_KINDS, type EventKind, type SimEvent } from "../engine/types";
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
  type Speed,
  type ToWorker,
  type ZoomMessage,
} from "./protocol";
import { Timeline } from "./timeline";
import { zoomFrame } from "./zoom";

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

/** Wall-time budget of one tick at speed "max", ms (keeps the worker responsive to messages). */
const MAX_SPEED_BUDGET_MS = 12;

/** Samples advanced between clock checks at speed "max". */
const MAX_SPEED_CHUNK = 50;

/** Strategies this build's engine can run: every row of the strategy table whose model is present. */
export function availableStrategies(): Strategy[] {
  return STRATEGIES.filter((s) => MODELS[modelOf(s)] !== undefined);
}

const KIND_INDEX = new Map<EventKind, number>(EVENT_KINDS.map((k, i) => [k, i]));

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
    out.kind[i] = KIND_INDEX.get(events[i].kind) ?? 0;
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

  /** Stops pacing (for shutdown). */
  stop(): void {
    this.playing = false;
    this.cancelTick();
  }

  private handle(message: ToWorker): void {
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
      this.timeline = new Timeline(message.scenario);
      this.speed = clampSpeed(message.speed);
      this.sentSamples = 0;
      this.sentEvents = 0;
      if (message.timeSec > 0) this.seekTo(message.timeSec);
      this.changed();
      return;
    }
    const timeline = this.timeline;
    if (!timeline) throw new Error(`"${message.type}" arrived before "init".`);
    if (message.type === "zoom") {
      this.answerZoom(timeline, message);
      return;
    }
    switch (message.type) {
      case "setScenario":
        if (timeline.setScenario(message.scenario)) this.targetSec = 0;
        // A shorter duration can end the run before the present moment.
        if (timeline.index > timeline.endIndex) timeline.seek(timeline.endIndex);
        break;
      case "play":
        if (timeline.index >= timeline.endIndex) timeline.seek(0);
        this.setPlaying(true);
        break;
      case "pause":
        this.setPlaying(false);
        break;
      case "step":
        this.setPlaying(false);
        timeline.seek(Math.min(timeline.endIndex, Math.max(0, timeline.index + Math.round(message.samples))));
        break;
      case "speed":
        this.speed = clampSpeed(message.speed);
        break;
      case "seek":
        this.seekTo(message.timeSec);
        break;
      case "reset":
        this.setPlaying(false);
        timeline.reset(message.scenario ?? timeline.sim.scenario);
        break;
    }
    this.changed();
  }

  private seekTo(timeSec: number): void {
    const timeline = this.timeline!;
    const target = Math.round((Number.isFinite(timeSec) ? timeSec : 0) / timeline.sampleIntervalSec);
    timeline.seek(Math.min(timeline.endIndex, Math.max(0, target)));
    this.targetSec = timeline.timeSec;
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
    this.flush();
  }

  private scheduleTick(): void {
    if (this.timer === null) this.timer = this.clock.schedule(() => this.tick(), TICK_MS);
  }

  private cancelTick(): void {
    if (this.timer !== null) this.clock.cancel(this.timer);
    this.timer = null;
  }

  private tick(): void {
    this.timer = null;
    if (!this.playing || !this.timeline) return;
    try {
      this.pace();
    } catch (error) {
      this.fail(error);
      return;
    }
    if (this.playing) this.scheduleTick();
  }

  /** One pacing step: move the run as far as wall time and the page's backlog allow. */
  private pace(): void {
    const timeline = this.timeline!;
    const now = this.clock.now();
    const gapMs = Math.min(MAX_TICK_GAP_MS, Math.max(0, now - this.lastTickMs));
    this.lastTickMs = now;
    // The page has not stored what we sent: wait for it rather than run ahead (see file comment).
    if (this.frameId - this.ackedId >= MAX_UNACKED_FRAMES) return;
    const before = timeline.index;
    const end = timeline.endIndex;
    if (this.speed === "max") {
      while (timeline.index < end && this.clock.now() - now < MAX_SPEED_BUDGET_MS) {
        timeline.advanceTo(Math.min(end, timeline.index + MAX_SPEED_CHUNK));
      }
    } else {
      this.targetSec += (gapMs / 1000) * this.speed;
      // Never let pacing run more than a quarter second of wall time ahead of the run.
      this.targetSec = Math.min(this.targetSec, timeline.timeSec + this.speed * 0.25);
      const target = Math.floor(this.targetSec / timeline.sampleIntervalSec + 1e-9);
      timeline.advanceTo(Math.min(end, target));
    }
    if (timeline.index >= end) this.setPlaying(false);
    if (timeline.index !== before || !this.playing) this.changed();
  }

  /** Sends a frame if one is due and the page's backlog allows it. */
  private flush(): void {
    if (!this.framePending || !this.timeline) return;
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
    // After a seek back the page keeps the shared prefix (replay is deterministic).
    this.sentSamples = Math.min(this.sentSamples, sim.sampleCount);
    this.sentEvents = Math.min(this.sentEvents, sim.eventCount);
    const batch = sim.readSamples(this.sentSamples);
    const events = eventColumns(sim.readEvents(this.sentEvents));
    const frame: FrameMessage = {
      type: "frame",
      frameId: ++this.frameId,
      sampleIntervalSec: timeline.sampleIntervalSec,
      samplesStart: batch.start,
      sampleCount: batch.count,
      columns: batch.columns,
      eventsStart: this.sentEvents,
      events,
      live: sim.live(),
      playing: this.playing,
      ended: timeline.index >= timeline.endIndex,
      speed: this.speed,
      scenario: sim.scenario,
      strategies: this.strategies,
    };
    this.sentSamples = sim.sampleCount;
    this.sentEvents = sim.eventCount;
    this.endpoint.postMessage(frame, frameTransferables(frame));
  }

  /** The zoom: a window read finely, answered at once; the run and its frames are untouched. */
  private answerZoom(timeline: Timeline, message: ZoomMessage): void {
    const answer = zoomFrame(timeline, message, () => this.clock.now());
    this.endpoint.postMessage(answer, frameTransferables(answer));
  }

  private fail(error: unknown): void {
    this.stop();
    const message = error instanceof Error ? error.message : String(error);
    this.endpoint.postMessage({ type: "error", message });
  }
}
