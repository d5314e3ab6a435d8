/**
 * The messages of a pipeline page (issue 14): one worker runs one chain of stages. The page opens
 * it with {@link PipelineInitMessage} instead of `init`, then speaks the single run's playback
 * messages (play, pause, step, speed, seek, ack, ping: protocol.ts) and `pipelineReset`. The worker
 * answers with {@link PipelineFrameMessage}s under the same flow control as single-run frames
 * (MAX_UNACKED_FRAMES).
 */
import type { SampleColumn, Summary } from "../engine/types";
import type { StageLiveState } from "../models/pipeline/model";
import type { StageSummary } from "../models/pipeline/stage";
import type { PipelineTheory } from "../models/pipeline/theory";
import type { Pipeline } from "../scenario/pipeline";
import type {
  AckMessage,
  PauseMessage,
  PingMessage,
  PlayMessage,
  SeekMessage,
  Speed,
  SpeedMessage,
  StepMessage,
} from "./protocol";

/** Starts a pipeline's run at `timeSec` (replayed there, paused). */
export interface PipelineInitMessage {
  type: "pipelineInit";
  protocolVersion: number;
  pipeline: Pipeline;
  speed: Speed;
  timeSec: number;
}

/** The run back to t = 0. */
export interface PipelineResetMessage {
  type: "pipelineReset";
}

/** Every message the page sends to a pipeline's worker. */
export type ToPipelineWorker =
  | PipelineInitMessage
  | PipelineResetMessage
  | PlayMessage
  | PauseMessage
  | StepMessage
  | SpeedMessage
  | SeekMessage
  | AckMessage
  | PingMessage;

/** The columns each stage's share of a frame carries, one value per sample (see PipelineStageFrame). */
export const STAGE_FRAME_COLUMNS = ["queued", "memoryBytes", "state", "stalledSeconds", "lag"] as const;

/** One of {@link STAGE_FRAME_COLUMNS}. */
export type StageFrameColumn = (typeof STAGE_FRAME_COLUMNS)[number];

/** One stage's share of a frame: its columns for the samples carried, its state and figures now. */
export interface PipelineStageFrame {
  /** Events waiting in the stage's queue, one per sample carried. */
  queued: Float64Array;
  /** The stage's memory in use, bytes, one per sample carried. */
  memoryBytes: Float64Array;
  /** 0 running, 1 paused, 2 blocked, 3 down, one per sample carried (at the sample's instant). */
  state: Float64Array;
  /**
   * Simulated seconds the stage has held a finished event so far, one per sample carried: its
   * growth over a sample interval is how much of it the stage was stalled (a stage throttled by a
   * blocking hop is released at each of the next stage's takes, so the instant's state alone
   * often reads running).
   */
  stalledSeconds: Float64Array;
  /** Behind a Kafka topic: its lag (log end - committed), records, one per sample carried; 0 elsewhere. */
  lag: Float64Array;
  live: StageLiveState;
  summary: StageSummary;
}

/** New data of the chain at one moment. */
export interface PipelineFrameMessage {
  type: "pipelineFrame";
  frameId: number;
  sampleIntervalSec: number;
  /** The run's clock, s. */
  timeSec: number;
  playing: boolean;
  ended: boolean;
  speed: Speed;
  /** Index of the first sample carried (the page keeps [0, samplesStart) and drops the rest). */
  samplesStart: number;
  sampleCount: number;
  /** The engine's samples of the chain as a whole (sums over the stages, the source's state). */
  columns: Record<SampleColumn, Float64Array>;
  stages: PipelineStageFrame[];
  /** The run end to end so far (latency from the source's emit to the sink). */
  summary: Summary;
  theory: PipelineTheory;
}

/** The typed arrays of a pipeline frame, for the transfer list. */
export function pipelineFrameTransferables(frame: PipelineFrameMessage): Transferable[] {
  const out: Transferable[] = Object.values(frame.columns).map((c) => c.buffer);
  for (const st of frame.stages) for (const c of STAGE_FRAME_COLUMNS) out.push(st[c].buffer);
  return out;
}
