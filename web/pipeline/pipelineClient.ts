/**
 * The pipeline page's side of its worker (src-sim/worker/pipelineRuntime.ts): starts it (on the
 * page's thread where a worker may not start, as the single run does), applies each frame to the
 * page's data, acknowledges it (the worker's flow control) and tells the view. A crash or an error
 * message is reported once; Restart starts a fresh worker at the same moment.
 */
import type { Pipeline } from "../../src-sim/scenario/pipeline";
import type { PipelineFrameMessage, ToPipelineWorker } from "../../src-sim/worker/pipelineProtocol";
import { PROTOCOL_VERSION, type Speed } from "../../src-sim/worker/protocol";
import type { HostFactory, WorkerHandle } from "../runtime/simClient";
import { applyFrame, emptyData, type PipelineData } from "./pipelineData";

/** What the view hears from the client. */
export interface PipelineClientState {
  data: PipelineData;
  /** A sentence for the user when the worker failed; null while it runs. */
  error: string | null;
  /** Where a long seek is, while one is under way. */
  progress: { timeSec: number; targetSec: number } | null;
}

/** Talks to a pipeline's worker on behalf of the page. */
export class PipelineClient {
  private handle: WorkerHandle | null = null;
  private listeners = new Set<() => void>();
  /**
   * The moment (and whether to play on) the current worker was asked to open at, until its replay
   * arrives or the user moves the run: an edit meanwhile keeps it (see setPipeline).
   */
  private opening: { timeSec: number; play: boolean } | null = null;
  private state: PipelineClientState;

  constructor(
    private pipeline: Pipeline,
    private readonly createWorker: HostFactory,
    private readonly createFallback: HostFactory,
  ) {
    this.state = { data: emptyData(pipeline, 1), error: null, progress: null };
  }

  /** The state now (stable between changes, for useSyncExternalStore). */
  getState = (): PipelineClientState => this.state;

  /** Calls `fn` after each change; returns the unsubscribe function. */
  subscribe = (fn: () => void): (() => void) => {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  };

  private set(next: Partial<PipelineClientState>): void {
    this.state = { ...this.state, ...next };
    for (const fn of this.listeners) fn();
  }

  /** Starts a worker on the pipeline, opening at `timeSec` (paused). */
  start(speed: Speed, timeSec: number): void {
    this.stop();
    this.opening = timeSec > 0 ? { timeSec, play: false } : null;
    const onCrash = (detail: string) => this.fail(`The simulation stopped: ${detail}`);
    let handle: WorkerHandle;
    try {
      handle = this.createWorker(onCrash);
    } catch {
      // A sandboxed page may not start a worker: run on the page's thread instead.
      handle = this.createFallback(onCrash);
    }
    this.handle = handle;
    handle.endpoint.addEventListener("message", this.onMessage);
    handle.endpoint.start?.();
    this.set({ data: emptyData(this.pipeline, speed), error: null, progress: null });
    this.send({ type: "pipelineInit", protocolVersion: PROTOCOL_VERSION, pipeline: this.pipeline, speed, timeSec });
  }

  /**
   * Runs another chain (an edit of the stages): a fresh worker replays it from t = 0 to
   * `timeSec` (the whole run changes, as a whole-run edit on the playground does), playing on if
   * `play`. A fresh worker, not a message to the old one, so no frame of the old chain can arrive
   * after the new one's data.
   */
  setPipeline(pipeline: Pipeline, timeSec: number, play: boolean): void {
    // An edit while the last one still replays: the page shows the fresh worker's empty run at
    // 0 s, so the moment (and play) to keep are the ones that replay was asked for.
    const moment = this.opening
      ? { timeSec: this.opening.timeSec, play: this.opening.play || play }
      : { timeSec, play };
    this.pipeline = pipeline;
    const speed = this.state.data.speed;
    this.start(speed, Math.min(Math.max(0, moment.timeSec), pipeline.shared.duration));
    if (this.opening) this.opening.play = moment.play;
    if (moment.play) this.send({ type: "play" });
  }

  /** Stops and discards the worker. */
  stop(): void {
    if (!this.handle) return;
    this.handle.endpoint.removeEventListener("message", this.onMessage);
    this.handle.terminate();
    this.handle = null;
  }

  /** Sends a playback message (play, pause, step, seek, speed, reset). */
  send(message: ToPipelineWorker): void {
    // The user moved the run: the moment shown is the one to keep from now on.
    if (message.type === "seek" || message.type === "step" || message.type === "pipelineReset") this.opening = null;
    else if (this.opening && (message.type === "play" || message.type === "pause"))
      this.opening.play = message.type === "play";
    this.handle?.endpoint.postMessage(message);
  }

  private fail(message: string): void {
    this.stop();
    this.set({ error: message, progress: null });
  }

  private onMessage = (event: MessageEvent): void => {
    const msg = event.data as { type?: unknown } | null;
    if (typeof msg !== "object" || msg === null) return;
    if (msg.type === "pipelineFrame") {
      const frame = msg as PipelineFrameMessage;
      if (!Array.isArray(frame.stages) || !(frame.columns?.timeSec instanceof Float64Array)) {
        this.fail("The simulation sent a frame the page cannot read.");
        return;
      }
      this.send({ type: "ack", frameId: frame.frameId });
      // The replay has arrived: the page shows the moment it was opened at.
      if (this.opening && frame.timeSec >= this.opening.timeSec - 1e-9) this.opening = null;
      this.set({ data: applyFrame(this.state.data, frame), progress: null });
    } else if (msg.type === "progress") {
      const p = msg as unknown as { timeSec: number; targetSec: number };
      this.set({ progress: { timeSec: p.timeSec, targetSec: p.targetSec } });
    } else if (msg.type === "error") {
      this.fail(`The simulation stopped: ${String((msg as { message?: unknown }).message)}`);
    }
  };
}
