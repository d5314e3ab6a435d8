/**
 * The page's side of the worker protocol. It stores each frame's samples and events in the
 * column stores, acknowledges the frame at once (that acknowledgement is what lets the worker
 * send the next one), asks the render loop for a frame, and passes state to the store: at most
 * every READOUT_INTERVAL_MS while playing, immediately when the run stops or jumps.
 */
import type { Scenario, Strategy } from "../../src-sim/scenario/params";
import {
  PROTOCOL_VERSION,
  type Endpoint,
  type FrameMessage,
  type FromWorker,
  type Speed,
  type ToWorker,
  type ZoomFrameMessage,
} from "../../src-sim/worker/protocol";
import type { SimCommands } from "../store/commands";
import type { PlaybackState } from "../store/playbackSlice";
import type { Readouts } from "../store/readoutsSlice";
import type { EventStore } from "./eventStore";
import type { RenderLoop } from "./renderLoop";
import type { SeriesStore } from "./seriesStore";
import { fineSeriesOf, type ZoomStore, type ZoomWindow } from "./zoomStore";

/** Readouts refresh at most this often while playing, ms (10 Hz). */
export const READOUT_INTERVAL_MS = 100;

/** A worker (or a test's MessagePort) the client can talk to and later discard. */
export interface WorkerHandle {
  endpoint: Endpoint;
  /** Stops the worker (a no-op for a port). */
  terminate(): void;
}

/** Where the client delivers what it learns. */
export interface ClientSink {
  playback(state: PlaybackState): void;
  readouts(readouts: Readouts): void;
  /**
   * The scenario in force in the worker (differs from the page's only after replaying a recorded
   * change) and the strategies the engine can run.
   */
  scenario(scenario: Scenario, strategies: readonly Strategy[]): void;
  /** The worker failed; the message is for the user. */
  error(message: string): void;
}

/** Options of {@link SimClient}. */
export interface SimClientOptions {
  /** Creates a worker; called at start and again on recovery. `onCrash` reports load/script errors. */
  createWorker: (onCrash: (message: string) => void) => WorkerHandle;
  series: SeriesStore;
  events: EventStore;
  loop: RenderLoop;
  sink: ClientSink;
  /** Monotonic milliseconds (injectable for tests). */
  now?: () => number;
  /** The zoom, whose window's fine samples this client asks the worker for. */
  zoom?: ZoomStore;
}

/** Talks to the simulation worker on behalf of the store and the charts. */
export class SimClient implements SimCommands {
  private handle: WorkerHandle | null = null;
  private lastPublishMs = -Infinity;
  private lastPublishSimSec = 0;
  private lastPublishPlaying = false;
  private readonly now: () => number;
  /** Frames received so far (diagnostics and tests). */
  framesReceived = 0;
  private zoomRequest = 0;
  private zoomSamples = 1000;
  /** Wall time of the last zoom answer: from request to stored, ms (the benchmark reads it). */
  lastZoomMs = NaN;
  private zoomSentMs = 0;

  constructor(private readonly options: SimClientOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Starts a worker on `scenario`, opening at `timeSec` (paused). */
  start(scenario: Scenario, speed: Speed, timeSec = 0): void {
    this.stop();
    this.options.series.clear();
    this.options.events.clear();
    const handle = this.options.createWorker((message) => this.options.sink.error(message));
    this.handle = handle;
    handle.endpoint.addEventListener("message", this.onMessage);
    handle.endpoint.start?.();
    this.send({ type: "init", protocolVersion: PROTOCOL_VERSION, scenario: { ...scenario }, speed, timeSec });
    this.refreshZoom();
  }

  /**
   * Asks for the fine samples of `window` (about `samples` of them, one per pixel), or leaves the
   * zoom with null. Answers to earlier requests are ignored once a newer one is out.
   */
  requestZoom(window: ZoomWindow | null, samples = this.zoomSamples): void {
    const zoom = this.options.zoom;
    if (!zoom) return;
    this.zoomSamples = samples;
    const prev = zoom.getState();
    const same = window && prev.window && window.fromSec === prev.window.fromSec && window.toSec === prev.window.toSec;
    zoom.setState({ window, fine: same ? prev.fine : null, version: prev.version + 1 });
    this.options.loop.invalidate();
    if (!window) return;
    this.zoomSentMs = this.now();
    this.send({ type: "zoom", requestId: ++this.zoomRequest, fromSec: window.fromSec, toSec: window.toSec, samples });
  }

  /** The run changed: the zoomed window is read again. */
  private refreshZoom(): void {
    const w = this.options.zoom?.getState().window;
    if (w) this.requestZoom(w);
  }

  /** Stops and discards the worker. */
  stop(): void {
    if (!this.handle) return;
    this.handle.endpoint.removeEventListener("message", this.onMessage);
    this.handle.terminate();
    this.handle = null;
  }

  setScenario(scenario: Scenario): void {
    this.send({ type: "setScenario", scenario: { ...scenario } });
    this.refreshZoom();
  }
  play(): void {
    this.send({ type: "play" });
  }
  pause(): void {
    this.send({ type: "pause" });
  }
  step(samples: number): void {
    this.send({ type: "step", samples });
  }
  seek(timeSec: number): void {
    this.send({ type: "seek", timeSec });
  }
  setSpeed(speed: Speed): void {
    this.send({ type: "speed", speed });
  }
  reset(scenario: Scenario): void {
    this.send({ type: "reset", scenario: { ...scenario } });
    this.refreshZoom();
  }
  recover(scenario: Scenario, speed: Speed): void {
    this.start(scenario, speed, 0);
  }
  load(scenario: Scenario, speed: Speed): void {
    // A fresh worker rather than a second `init`: frames of the old run still in flight then
    // cannot reach the page (their listener is gone) and briefly undo the new scenario.
    this.start(scenario, speed, scenario.t);
  }

  private send(message: ToWorker): void {
    this.handle?.endpoint.postMessage(message);
  }

  private onMessage = (event: MessageEvent): void => {
    const message = event.data as FromWorker;
    if (message.type === "error") {
      this.options.sink.error(message.message);
      return;
    }
    if (message.type === "frame") this.onFrame(message);
    if (message.type === "zoomFrame") this.onZoomFrame(message);
  };

  private onZoomFrame(frame: ZoomFrameMessage): void {
    const zoom = this.options.zoom;
    if (!zoom || frame.requestId !== this.zoomRequest) return;
    const prev = zoom.getState();
    if (!prev.window) return;
    const fine = fineSeriesOf(
      { fromSec: frame.fromSec, toSec: frame.toSec },
      frame.startSec,
      frame.sampleIntervalSec,
      frame.sampleCount,
      frame.columns,
      frame.events,
    );
    zoom.setState({ window: prev.window, fine, version: prev.version + 1 });
    this.lastZoomMs = this.now() - this.zoomSentMs;
    this.options.loop.invalidate();
  }

  private onFrame(frame: FrameMessage): void {
    const { series, events, loop, sink } = this.options;
    this.framesReceived++;
    series.sampleIntervalSec = frame.sampleIntervalSec;
    series.apply(frame.samplesStart, frame.sampleCount, frame.columns);
    events.apply(frame.eventsStart, frame.events);
    // Stored: the worker may go on. Acknowledging before drawing keeps the worker one frame
    // ahead; if this thread is busy, the ack waits behind it and the worker slows down.
    this.send({ type: "ack", frameId: frame.frameId });
    loop.invalidate();

    const now = this.now();
    if (frame.playing && now - this.lastPublishMs < READOUT_INTERVAL_MS) return;
    // Achieved speed over the last readout interval, when the run played throughout it.
    const achievedSpeed =
      frame.playing && this.lastPublishPlaying && now > this.lastPublishMs
        ? (frame.live.timeSec - this.lastPublishSimSec) / ((now - this.lastPublishMs) / 1000)
        : NaN;
    this.lastPublishMs = now;
    this.lastPublishSimSec = frame.live.timeSec;
    this.lastPublishPlaying = frame.playing;
    sink.scenario(frame.scenario, frame.strategies);
    sink.playback({
      playing: frame.playing,
      ended: frame.ended,
      speed: frame.speed,
      timeSec: frame.live.timeSec,
      sampleIntervalSec: frame.sampleIntervalSec,
      achievedSpeed,
    });
    sink.readouts({
      live: frame.live,
      // A slow consumer finishes nothing in most sample intervals: show the latest p99 of the
      // last 5 s rather than a dash that flickers.
      p99Sec: series.lastFinite("latencyP99", Math.round(5 / frame.sampleIntervalSec)),
      oomAtSec: this.firstOom(),
      peakQueued: series.max("queued"),
    });
  }

  private firstOom(): number | null {
    const { events } = this.options;
    const i = events.firstOf("oom");
    return i >= 0 ? events.timeSec[i] : null;
  }
}

/** Starts the real simulation worker (bundled by Vite as a module worker). */
export function createBrowserWorker(onCrash: (message: string) => void): WorkerHandle {
  const worker = new Worker(new URL("../../src-sim/worker/worker.ts", import.meta.url), { type: "module" });
  worker.addEventListener("error", (event) => {
    event.preventDefault();
    onCrash(event.message ? `The simulation stopped: ${event.message}` : "The simulation worker could not start.");
  });
  worker.addEventListener("messageerror", () => onCrash("A message from the simulation could not be read."));
  return { endpoint: worker as unknown as Endpoint, terminate: () => worker.terminate() };
}
