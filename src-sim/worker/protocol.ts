/**
 * The message protocol between the page and the simulation worker, in one place (as comlink's
 * protocol.ts): every message is an interface with a string `type`, and the two unions below are
 * all that ever crosses the thread boundary. Bulk data (sample columns, event columns) travels as
 * typed arrays in the transfer list, so a frame costs no copy.
 *
 * Flow control: the worker numbers its frames and keeps at most {@link MAX_UNACKED_FRAMES} of
 * them unacknowledged; the page acknowledges each frame once it has stored it. A page that falls
 * behind therefore slows the simulation down instead of drowning in frames.
 */
import type { LiveState } from "../engine/simulation";
import type { EventKind, SampleColumn } from "../engine/types";
import type { LadderTrace } from "../models/tcp/ladder";
import type { ScenarioChange } from "../scenario/changes";
import type { Scenario, Strategy } from "../scenario/params";

/** Bumped whenever a message changes shape; `init` carries it and a mismatch is an error. */
export const PROTOCOL_VERSION = 2;

/** Throws the error a page that speaks protocol `version` gets when the worker speaks another (reload the page). */
export function checkProtocolVersion(version: number): void {
  if (version !== PROTOCOL_VERSION) {
    throw new Error(`The page speaks protocol ${version}, the worker ${PROTOCOL_VERSION}: reload the page.`);
  }
}

/** Frames the worker may have in flight before it waits for an `ack`. */
export const MAX_UNACKED_FRAMES = 2;

/** Playback speed: simulated seconds per wall-clock second (0.1 .. 1000), or as fast as possible. */
export type Speed = number | "max";

/** Slowest and fastest paced speeds, simulated s per wall s. */
export const MIN_SPEED = 0.1;
/** See {@link MIN_SPEED}. */
export const MAX_SPEED = 1000;

// ------------------------------------------------------------------ page -> worker

/** Starts (or restarts) the runtime with a scenario; must be the first message. */
export interface InitMessage {
  type: "init";
  protocolVersion: number;
  scenario: Scenario;
  /** Speed to pace at when playing. */
  speed: Speed;
  /** Simulated time to open at, s (the run is replayed to it and stays paused); 0 for the start. */
  timeSec: number;
  /** The run's timeline of changes (from the link); none when absent. */
  changes?: ScenarioChange[];
}

/**
 * Changes parameters from the current simulated time on, recorded on the run's timeline of
 * changes (replays repeat it; changes recorded after this moment are dropped).
 */
export interface SetScenarioMessage {
  type: "setScenario";
  scenario: Scenario;
}

/** Changes the scenario the run starts with (a change to the whole run, not recorded). */
export interface SetBaseMessage {
  type: "setBase";
  scenario: Scenario;
}

/** Replaces the run's timeline of changes (for example without one removed). */
export interface SetChangesMessage {
  type: "setChanges";
  changes: ScenarioChange[];
}

/** Starts pacing against the wall clock (from 0 again if the run had ended). */
export interface PlayMessage {
  type: "play";
  /**
   * Key moments to stop at: when the run logs an event of one of these kinds while playing, it
   * pauses on the first sample after it (the one that shows what happened). Absent or empty:
   * play to the end.
   */
  stopAt?: readonly EventKind[];
}

/** Stops pacing; the run stays where it is. */
export interface PauseMessage {
  type: "pause";
}

/** Pauses, then moves by a whole number of samples (negative steps go back by replay). */
export interface StepMessage {
  type: "step";
  /** Samples to move, for example 1 (one sample interval forward) or -10. */
  samples: number;
}

/** Sets the pacing speed. */
export interface SpeedMessage {
  type: "speed";
  speed: Speed;
}

/** Moves to a simulated time, back or forward, by deterministic replay from a checkpoint. */
export interface SeekMessage {
  type: "seek";
  /** Target time, s; snapped to the sample grid and clamped to [0, duration]. */
  timeSec: number;
}

/** Starts over at t = 0, with the same or a new scenario and timeline of changes. */
export interface ResetMessage {
  type: "reset";
  scenario?: Scenario;
  changes?: ScenarioChange[];
}

/**
 * Asks for a window of the run read finely (the zoom): the worker replays it from the nearest
 * checkpoint, without moving the run, and answers with a {@link ZoomFrameMessage}.
 */
export interface ZoomMessage {
  type: "zoom";
  /** Echoed in the answer; the page ignores answers to requests it has replaced. */
  requestId: number;
  fromSec: number;
  toSec: number;
  /** About how many samples the window should have (about one per pixel of the plot). */
  samples: number;
}

/** Acknowledges frame `frameId` (and every frame before it). */
export interface AckMessage {
  type: "ack";
  frameId: number;
}

/**
 * Asks for a sign of life (the page's watchdog sends it after a quiet spell); the worker answers
 * with a {@link PongMessage} between two slices of work.
 */
export interface PingMessage {
  type: "ping";
  id: number;
}

/** Every message the page sends. */
export type ToWorker =
  | InitMessage
  | SetScenarioMessage
  | SetBaseMessage
  | SetChangesMessage
  | PlayMessage
  | PauseMessage
  | StepMessage
  | SpeedMessage
  | SeekMessage
  | ResetMessage
  | AckMessage
  | PingMessage
  | ZoomMessage;

// ------------------------------------------------------------------ worker -> page

/** Event-log entries in columns (transferable), oldest first in log order. */
export interface EventColumns {
  count: number;
  /** Simulated time of each entry, s. */
  timeSec: Float64Array;
  /** Index into EVENT_KINDS of each entry. */
  kind: Uint8Array;
  /** Kind-dependent value of each entry (see EVENT_KINDS). */
  value: Float64Array;
}

/**
 * New data and state. The page keeps samples [0, samplesStart) it already has, drops anything
 * after, and appends what the frame carries: so a seek back or a reset needs no separate
 * "truncate" message. Events follow what the page has, unless `eventsStart` is 0: then they
 * replace it (the logs on both sides are bounded, see src-sim/engine/eventLog.ts).
 */
export interface FrameMessage {
  type: "frame";
  /** Increasing from 1 within a runtime; acknowledge with {@link AckMessage}. */
  frameId: number;
  /** Simulated time between samples, s (fixed for a run). */
  sampleIntervalSec: number;
  /** Index of the first sample carried. */
  samplesStart: number;
  /** Number of samples carried (may be 0). */
  sampleCount: number;
  /** One array per column, each of length `sampleCount`. */
  columns: Record<SampleColumn, Float64Array>;
  /**
   * Sequence number in the engine's log of the first event carried, counting entries the log
   * has let go; 0 means "replace every event you hold".
   */
  eventsStart: number;
  events: EventColumns;
  /** Events of each kind in the run so far, logged or only counted, indexed like EVENT_KINDS. */
  eventTotals: Float64Array;
  /** Instantaneous state at `live.timeSec`. */
  live: LiveState;
  /** Whether the worker is pacing (false when paused or at the end of the run). */
  playing: boolean;
  /** True when the run reached its duration. */
  ended: boolean;
  speed: Speed;
  /**
   * The scenario in force at `live.timeSec`. The page only needs it after a seek or a replay has
   * passed a recorded parameter change, but it is small, so every frame carries it.
   */
  scenario: Scenario;
  /** The scenario the run starts with (what a link writes, with {@link FrameMessage.changes}). */
  base: Scenario;
  /** The run's timeline of changes, in time order. */
  changes: ScenarioChange[];
  /** Strategies this build of the engine can run (mechanisms land one by one). */
  strategies: readonly Strategy[];
}

/** The fine samples and the events of a zoomed window (answers a {@link ZoomMessage}). */
export interface ZoomFrameMessage {
  type: "zoomFrame";
  requestId: number;
  fromSec: number;
  toSec: number;
  /** Simulated time between the fine samples, s. */
  sampleIntervalSec: number;
  /** Time of the first fine sample, s. */
  startSec: number;
  sampleCount: number;
  columns: Record<SampleColumn, Float64Array>;
  /** The events inside the window. */
  events: EventColumns;
  /**
   * Under TCP, the window's segments and ACKs as the replay sent them (the first
   * MAX_LADDER_RECORDS; src-sim/models/tcp/ladder.ts); null for the other models.
   */
  ladder: LadderTrace | null;
  /** Wall time from the request to the answer, ms, slices of other work included (for the benchmark). */
  workMs: number;
}

/** Something went wrong inside the worker; the page shows `message` and offers a reset. */
export interface ErrorMessage {
  type: "error";
  message: string;
}

/** Answers a {@link PingMessage}: the worker is alive and reading its messages. */
export interface PongMessage {
  type: "pong";
  id: number;
}

/**
 * A seek (or opening a link at a moment) is computing its way through a long stretch of the run:
 * where it stands and where it goes. Sent at most every ~100 ms until the seek's frame arrives,
 * outside frame flow control (it is small and holds no data).
 */
export interface ProgressMessage {
  type: "progress";
  /** Simulated time computed so far, s. */
  timeSec: number;
  /** Simulated time the seek goes to, s. */
  targetSec: number;
}

/** Every message the worker sends. */
export type FromWorker = FrameMessage | ZoomFrameMessage | ProgressMessage | ErrorMessage | PongMessage;

// ------------------------------------------------------------------ transport

/**
 * The little of a Worker, a worker's global scope or a MessagePort that the runtime needs.
 * Tests pass the two ports of a MessageChannel instead of a real worker.
 */
export interface Endpoint {
  postMessage(message: unknown, transfer?: Transferable[]): void;
  addEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  removeEventListener(type: "message", listener: (event: MessageEvent) => void): void;
  /** MessagePorts deliver nothing to addEventListener listeners until started. */
  start?: () => void;
}

/**
 * Where the worker's bundle leaves its entry point when it is loaded as a module on a page rather
 * than started as a worker (a sandboxed frame may not start workers; web/runtime/simHost.ts).
 */
export const PAGE_HOST_GLOBAL = "__backpressureServeOnPage";

/** What the bundle leaves at {@link PAGE_HOST_GLOBAL}: serves the protocol on `endpoint` until the returned stop. */
export type ServeOnPage = (endpoint: Endpoint) => () => void;

/** The typed arrays of a frame, for the transfer list. */
export function frameTransferables(frame: FrameMessage | ZoomFrameMessage): Transferable[] {
  const out: Transferable[] = Object.values(frame.columns).map((c) => c.buffer);
  out.push(frame.events.timeSec.buffer, frame.events.kind.buffer, frame.events.value.buffer);
  if (frame.type === "frame") out.push(frame.eventTotals.buffer);
  return out;
}
