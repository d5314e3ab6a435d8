/**
 * The page's side of the worker protocol. It stores each frame's samples and events in the
 * column stores, acknowledges the frame at once (that acknowledgement is what lets the worker
 * send the next one), asks the render loop for a frame, and passes state to the store: at most
 * every READOUT_INTERVAL_MS while playing, immediately when the run stops or jumps. The readouts
 * carry the figures of the last stored sample (web/runtime/moment.ts), which the legends show too.
 *
 * It also keeps the worker honest: every message is checked before use (messageCheck.ts), and a
 * watchdog pings a worker that has been quiet for PING_AFTER_MS and declares it stopped when it
 * stays silent for WATCHDOG_MS. Any failure (a crash, an error message, a malformed frame, a
 * silent worker) discards that worker and is reported once; the page offers a restart at the
 * same scenario and moment.
 */
import type { ScenarioChange } from "../../src-sim/scenario/changes";
import type { EventKind } from "../../src-sim/engine/types";
import type { Scenario, Strategy } from "../../src-sim/scenario/params";
import { readFromWorker } from "../../src-sim/worker/messageCheck";
import {
  PROTOCOL_VERSION,
  type Endpoint,
  type FrameMessage,
  type Speed,
  type ToWorker,
  type ZoomFrameMessage,
} from "../../src-sim/worker/protocol";
import type { SimCommands } from "../store/commands";
import type { PlaybackState } from "../store/playbackSlice";
import type { Readouts } from "../store/readoutsSlice";
import type { EventStore } from "./eventStore";
import { momentAt } from "./moment";
import type { RenderLoop } from "./renderLoop";
import type { SeriesStore } from "./seriesStore";
import { fineSeriesOf, type ZoomStore, type ZoomWindow } from "./zoomStore";

/** Readouts refresh at most this often while playing, ms (10 Hz). */
export const READOUT_INTERVAL_MS = 100;

/** A worker that has sent nothing for this long is asked for a sign of life, ms. */
export const PING_AFTER_MS = 1000;

/** A worker that leaves a ping unanswered for this long counts as stopped, ms. */
export const WATCHDOG_MS = 5000;

/**
 * Where the simulation runs: in a Web Worker, or on the page's own thread (in small time slices)
 * where the page may not start a worker, such as a sandboxed frame.
 */
export type SimulationHost = "worker" | "page";

/** A worker (or a test's MessagePort) the client can talk to and later discard. */
export interface WorkerHandle {
  endpoint: Endpoint;
  /** Stops the worker (a no-op for a port). */
  terminate(): void;
  /** Where it runs ("worker" when left out). The watchdog watches workers only. */
  host?: SimulationHost;
}

/** Creates a simulation host; `onCrash` reports load and script errors (a sentence for the user). */
export type HostFactory = (onCrash: (detail: string) => void) => WorkerHandle;

/** Where the client delivers what it learns. */
export interface ClientSink {
  playback(state: PlaybackState): void;
  readouts(readouts: Readouts): void;
  /**
   * The scenario in force in the worker (differs from the page's only after replaying a recorded
   * change), the run's base scenario and timeline of changes, and the strategies the engine can run.
   */
  scenario(scenario: Scenario, strategies: readonly Strategy[], base: Scenario, changes: ScenarioChange[]): void;
  /**
   * The simulation stopped; `detail` says why, for the user, after the page's own "The
   * simulation stopped." Called once per failure.
   */
  error(detail: string): void;
  /** Where the simulation now runs (reported at every start). */
  host?(host: SimulationHost): void;
  /** A seek is computing its way through the run (null: it arrived, a frame follows). */
  progress?(progress: { timeSec: number; targetSec: number } | null): void;
}

/** The watchdog's clock and timer (injectable for tests). */
export interface WatchdogTimer {
  /** Monotonic milliseconds. */
  now(): number;
  /** Calls `fn` every `ms` milliseconds until the returned function is called. */
  every(fn: () => void, ms: number): () => void;
}

/** The real clock and setInterval. */
export const realWatchdogTimer: WatchdogTimer = {
  now: () => performance.now(),
  every: (fn, ms) => {
    const id = setInterval(fn, ms);
    return () => clearInterval(id);
  },
};

/** Options of {@link SimClient}. */
export interface SimClientOptions {
  /** Creates a worker; called at start and again on recovery. */
  createWorker: HostFactory;
  /**
   * Runs the simulation without a worker, used when `createWorker` throws (workers not allowed)
   * or its worker fails before its first message (its script could not load). Sticky.
   */
  createFallback?: HostFactory;
  series: SeriesStore;
  events: EventStore;
  loop: RenderLoop;
  sink: ClientSink;
  /** Monotonic milliseconds for the readout throttle (injectable for tests). */
  now?: () => number;
  /** The zoom, whose window's fine samples this client asks the worker for. */
  zoom?: ZoomStore;
  /** The watchdog's timer; null turns the watchdog off. */
  watchdog?: WatchdogTimer | null;
}

/**
 * A failure's detail as the banner shows it after "The simulation stopped.": without the
 * browser's "Uncaught " prefix and without a repeated "The simulation stopped".
 */
export function errorDetail(raw: string): string {
  const text = raw
    .trim()
    .replace(/^uncaught\s+/i, "")
    .replace(/^(the simulation stopped[.:]?\s*)+/i, "")
    .trim();
  return text || "It gave no reason.";
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Talks to the simulation worker on behalf of the store and the charts. */
export class SimClient implements SimCommands {
  private handle: WorkerHandle | null = null;
  private lastPublishMs = -Infinity;
  private lastPublishSimSec = 0;
  private lastPublishPlaying = false;
  private readonly now: () => number;
  /** True once the worker could not be used: later starts go straight to the fallback. */
  private useFallback = false;
  /** Whether the current host has sent anything yet. */
  private heard = false;
  private stopWatchdog: (() => void) | null = null;
  private lastHeardMs = 0;
  private lastWatchMs = 0;
  private pingSentMs: number | null = null;
  private pingId = 0;
  /** Frames received so far (diagnostics and tests). */
  framesReceived = 0;
  /** True between a progress message and the frame that ends the seek. */
  private computing = false;
  private zoomRequest = 0;
  private zoomSamples = 1000;
  /** Wall time of the last zoom answer: from request to stored, ms (the benchmark reads it). */
  lastZoomMs = NaN;
  private zoomSentMs = 0;

  constructor(private readonly options: SimClientOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Starts a worker on `scenario` and its `changes`, opening at `timeSec` (paused). */
  start(scenario: Scenario, speed: Speed, timeSec = 0, changes: ScenarioChange[] = []): void {
    this.stop();
    if (this.computing) {
      this.computing = false;
      this.options.sink.progress?.(null);
    }
    this.options.series.clear();
    this.options.events.clear();
    const handle = this.createHost(() => this.start(scenario, speed, timeSec, changes));
    if (!handle) return;
    this.handle = handle;
    this.heard = false;
    handle.endpoint.addEventListener("message", this.onMessage);
    handle.endpoint.start?.();
    this.options.sink.host?.(handle.host ?? "worker");
    this.startWatchdog(handle);
    this.send({
      type: "init",
      protocolVersion: PROTOCOL_VERSION,
      scenario: { ...scenario },
      speed,
      timeSec,
      changes: changes.map((c) => ({ ...c })),
    });
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
    this.stopWatchdog?.();
    this.stopWatchdog = null;
    if (!this.handle) return;
    this.handle.endpoint.removeEventListener("message", this.onMessage);
    this.handle.terminate();
    this.handle = null;
  }

  /**
   * A worker, or the fallback where workers are not allowed. `retry` starts over on the fallback
   * when the worker fails before saying anything (its script did not load).
   */
  private createHost(retry: () => void): WorkerHandle | null {
    const { createWorker, createFallback } = this.options;
    let handle: WorkerHandle | null = null;
    const onCrash = (detail: string) => {
      if (this.handle !== handle || handle === null) return; // a discarded host
      if (!this.heard && createFallback && !this.useFallback && (handle.host ?? "worker") === "worker") {
        this.useFallback = true;
        retry();
        return;
      }
      this.fail(detail);
    };
    if (!this.useFallback) {
      try {
        handle = createWorker(onCrash);
        return handle;
      } catch (error) {
        if (!createFallback) {
          this.options.sink.error(`It could not start: ${errorDetail(describe(error))}`);
          return null;
        }
        this.useFallback = true;
      }
    }
    try {
      handle = createFallback!(onCrash);
      return handle;
    } catch (error) {
      this.options.sink.error(`It could not start: ${errorDetail(describe(error))}`);
      return null;
    }
  }

  /** Discards the host and reports the failure (once: a discarded host reports nothing more). */
  private fail(detail: string): void {
    if (!this.handle) return;
    this.stop();
    this.options.sink.error(errorDetail(detail));
  }

  private startWatchdog(handle: WorkerHandle): void {
    const timer = this.options.watchdog === undefined ? realWatchdogTimer : this.options.watchdog;
    if (!timer || (handle.host ?? "worker") !== "worker") return;
    this.lastHeardMs = this.lastWatchMs = timer.now();
    this.pingSentMs = null;
    this.stopWatchdog = timer.every(() => this.watch(timer.now()), PING_AFTER_MS);
  }

  /** One watchdog round: ping a quiet worker, or give up on one that left a ping unanswered. */
  private watch(nowMs: number): void {
    const gapMs = nowMs - this.lastWatchMs;
    this.lastWatchMs = nowMs;
    // This page was suspended (a background tab, a frozen device): its timers and the worker's
    // answers resume in no particular order, so judge nothing and ask afresh.
    if (gapMs > 3 * PING_AFTER_MS) this.pingSentMs = null;
    if (this.pingSentMs !== null) {
      if (nowMs - this.pingSentMs >= WATCHDOG_MS) {
        this.fail(`It has not answered for ${Math.round(WATCHDOG_MS / 1000)} s.`);
      }
      return;
    }
    if (nowMs - this.lastHeardMs >= PING_AFTER_MS) {
      this.pingSentMs = nowMs;
      this.send({ type: "ping", id: ++this.pingId });
    }
  }

  setScenario(scenario: Scenario): void {
    this.send({ type: "setScenario", scenario: { ...scenario } });
    this.refreshZoom();
  }
  setBase(scenario: Scenario): void {
    this.send({ type: "setBase", scenario: { ...scenario } });
  }
  setChanges(changes: ScenarioChange[]): void {
    this.send({ type: "setChanges", changes: changes.map((c) => ({ ...c })) });
  }
  play(stopAt: readonly EventKind[] = []): void {
    this.send({ type: "play", stopAt: [...stopAt] });
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
  reset(scenario: Scenario, changes: ScenarioChange[]): void {
    this.send({ type: "reset", scenario: { ...scenario }, changes: changes.map((c) => ({ ...c })) });
    this.refreshZoom();
  }
  recover(scenario: Scenario, speed: Speed, timeSec: number, changes: ScenarioChange[]): void {
    this.start(scenario, speed, timeSec, changes);
  }
  load(scenario: Scenario, speed: Speed, changes: ScenarioChange[]): void {
    // A fresh worker rather than a second `init`: frames of the old run still in flight then
    // cannot reach the page (their listener is gone) and briefly undo the new scenario.
    this.start(scenario, speed, scenario.t, changes);
  }

  private send(message: ToWorker): void {
    this.handle?.endpoint.postMessage(message);
  }

  private onMessage = (event: MessageEvent): void => {
    this.heard = true;
    this.lastHeardMs = (this.options.watchdog ?? realWatchdogTimer).now();
    this.pingSentMs = null;
    const read = readFromWorker(event.data);
    if (!read.ok) {
      this.fail(`It sent ${read.problem}, which the page cannot use.`);
      return;
    }
    const message = read.message;
    if (message?.type === "error") {
      this.fail(message.message);
    } else if (message?.type === "progress") {
      this.computing = true;
      this.options.sink.progress?.({ timeSec: message.timeSec, targetSec: message.targetSec });
    } else if (message?.type === "frame") {
      // Frames wait while the worker seeks: the first one after progress means it arrived.
      if (this.computing) {
        this.computing = false;
        this.options.sink.progress?.(null);
      }
      try {
        this.onFrame(message);
      } catch (error) {
        this.fail(`The page could not use its data (${describe(error)}).`);
      }
    } else if (message?.type === "zoomFrame") {
      this.onZoomFrame(message);
    }
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
      frame.ladder,
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
    events.apply(frame.eventsStart, frame.events, frame.eventTotals);
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
    sink.scenario(frame.scenario, frame.strategies, frame.base, frame.changes);
    sink.playback({
      playing: frame.playing,
      ended: frame.ended,
      speed: frame.speed,
      timeSec: frame.live.timeSec,
      sampleIntervalSec: frame.sampleIntervalSec,
      achievedSpeed,
    });
    // The moment shown is the last stored sample, the instant the worker's live state is at.
    sink.readouts({
      live: frame.live,
      moment: momentAt(series, series.length - 1),
      oomAtSec: this.firstOom(),
    });
  }

  private firstOom(): number | null {
    const { events } = this.options;
    const i = events.firstOf("oom");
    return i >= 0 ? events.timeSec[i] : null;
  }
}
