/**
 * The messages of a comparison (issue 13): one worker runs 2 to 4 lanes on one clock. The page
 * opens it with {@link LanesInitMessage} instead of `init`, and then speaks the single run's
 * playback messages (play, pause, step, speed, seek, ack, ping: protocol.ts), which move every
 * lane together. The worker answers with {@link LanesFrameMessage}s, one per step of the shared
 * clock, under the same flow control as single-run frames (MAX_UNACKED_FRAMES).
 */
import type { LiveState } from "../engine/simulation";
import type { SampleColumn } from "../engine/types";
import type { Scenario } from "../scenario/params";
import type { RunFigures } from "../sweep/figures";
import type {
  AckMessage,
  EventColumns,
  PauseMessage,
  PingMessage,
  PlayMessage,
  SeekMessage,
  Speed,
  SpeedMessage,
  StepMessage,
} from "./protocol";

/** Starts a comparison: one run per lane, all at `timeSec` (replayed there, paused). */
export interface LanesInitMessage {
  type: "lanesInit";
  protocolVersion: number;
  /** Each lane's whole scenario (the shared workload with the lane's strategy and keys); 2 to 4. */
  scenarios: Scenario[];
  speed: Speed;
  timeSec: number;
}

/**
 * Replaces the lanes' scenarios (a change to the whole run of each lane whose scenario differs):
 * those lanes replay to the current moment; a new count of lanes or a duration that needs
 * another sample interval restarts every lane at 0.
 */
export interface LanesSetMessage {
  type: "lanesSet";
  scenarios: Scenario[];
}

/** Every lane back to t = 0. */
export interface LanesResetMessage {
  type: "lanesReset";
}

/** Every message the page sends to a comparison's worker. */
export type ToLanesWorker =
  | LanesInitMessage
  | LanesSetMessage
  | LanesResetMessage
  | PlayMessage
  | PauseMessage
  | StepMessage
  | SpeedMessage
  | SeekMessage
  | AckMessage
  | PingMessage;

/** One lane's share of a frame: as a single-run frame's data, plus the lane's figures so far. */
export interface LaneFrame {
  /** Index of the first sample carried (the page keeps [0, samplesStart) and drops the rest). */
  samplesStart: number;
  sampleCount: number;
  columns: Record<SampleColumn, Float64Array>;
  /** As FrameMessage.eventsStart: 0 replaces the page's events. */
  eventsStart: number;
  events: EventColumns;
  eventTotals: Float64Array;
  live: LiveState;
  /** The scenario this lane runs. */
  scenario: Scenario;
  /** The scorecard's figures of this lane at the current moment (src-sim/sweep/figures.ts). */
  figures: RunFigures;
}

/** New data for every lane, at one moment of the shared clock. */
export interface LanesFrameMessage {
  type: "lanesFrame";
  frameId: number;
  sampleIntervalSec: number;
  /** The shared clock, s: every lane stands here. */
  timeSec: number;
  playing: boolean;
  ended: boolean;
  speed: Speed;
  lanes: LaneFrame[];
}

/** The typed arrays of a lanes frame, for the transfer list. */
export function lanesFrameTransferables(frame: LanesFrameMessage): Transferable[] {
  const out: Transferable[] = [];
  for (const lane of frame.lanes) {
    for (const c of Object.values(lane.columns)) out.push(c.buffer);
    out.push(lane.events.timeSec.buffer, lane.events.kind.buffer, lane.events.value.buffer, lane.eventTotals.buffer);
  }
  return out;
}
