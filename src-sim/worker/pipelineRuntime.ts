/**
 * The worker's side of a pipeline page (issue 14): one {@link Timeline} whose engine runs the
 * chain (createPipelineSimulation), paced against wall time, seekable, with frames that carry
 * each stage's columns, live state and figures.
 *
 * The Timeline is the single run's own (checkpoints, replay, budgeted steps), given a factory that
 * builds the chain, so the samples are the direct run's of the same pipeline bit for bit
 * (test/worker-pipeline.test.ts checks it). Pacing, slices and flow control follow runtime.ts and
 * laneRuntime.ts (see there for why): wall time comes from the injected clock, work goes in slices
 * of SLICE_MS with the clock read every STEPS_PER_CLOCK_READ model steps, at most
 * MAX_UNACKED_FRAMES frames wait for the page's acknowledgement, and a frame is only sent while
 * the run stands on a sample (none while one is under way).
 */
import type { Simulation } from "../engine/simulation";
import { createPipelineSimulation, pipelineStageSeries, pipelineStageSummaries } from "../models/pipelineRun";
import { PipelineModel, type StageLiveState } from "../models/pipeline/model";
import { STAGE_DOWN } from "../models/pipeline/series";
import { pipelineTheory } from "../models/pipeline/theory";
import type { Scenario } from "../scenario/params";
import { decodePipeline, encodePipeline, stageScenario, type Pipeline } from "../scenario/pipeline";
import {
  pipelineFrameTransferables,
  STAGE_FRAME_COLUMNS,
  type PipelineFrameMessage,
  type PipelineStageFrame,
  type StageFrameColumn,
  type ToPipelineWorker,
} from "./pipelineProtocol";
import { MAX_UNACKED_FRAMES, PROTOCOL_VERSION, type Endpoint, type ProgressMessage, type Speed } from "./protocol";
import { PROGRESS_INTERVAL_MS, SLICE_MS, STEPS_PER_CLOCK_READ, TICK_MS, clampSpeed, type Clock } from "./runtime";
import { Timeline } from "./timeline";

/** Wall-time gap a tick accounts for at most, ms (as runtime.ts). */
const MAX_TICK_GAP_MS = 100;

/**
 * A pipeline from a message, made safe: re-encoded and decoded by the link's codec, which
 * repairs every bad value (a stage count out of range, an unknown strategy, a bad number) the way
 * a link is repaired. Throws only when nothing of a chain is there.
 */
export function checkPipeline(input: unknown): Pipeline {
  const p = input as Pipeline | null;
  if (typeof p !== "object" || p === null || typeof p.shared !== "object" || !Array.isArray(p.stages))
    throw new Error("A pipeline needs a source's workload and a list of stages.");
  const decoded = decodePipeline(encodePipeline(p));
  if (!decoded.pipeline) throw new Error("The pipeline has no stage that can run.");
  return { shared: { ...decoded.pipeline.shared, t: 0 }, stages: decoded.pipeline.stages };
}

/** A Timeline that runs `pipeline`'s chain (its base scenario is the source's workload). */
export function pipelineTimeline(pipeline: Pipeline): Timeline {
  const stages = pipeline.stages;
  return new Timeline(pipeline.shared, [], (shared: Scenario, options) =>
    createPipelineSimulation({ shared, stages }, options),
  );
}

/** Each stage's state now; a one-stage chain (the single-stage run) reads the engine's own. */
export function stagesLive(sim: Simulation): StageLiveState[] {
  const model = sim.currentModel;
  if (model instanceof PipelineModel) return model.stageLive();
  const live = sim.live();
  return [
    {
      queued: live.queued,
      inService: live.inService,
      holding: 0,
      memoryBytes: live.memoryBytes,
      state: 0,
      up: live.consumerUp,
      timeToOomSec: live.timeToOomSec,
    },
  ];
}

/**
 * Each stage's columns (STAGE_FRAME_COLUMNS: queued, memory, state, stalled seconds, a topic's lag) for samples [from, sampleCount). A
 * one-stage chain reads the engine's samples (its state is 3 while the stage is down; it has no
 * hop after it to stall on).
 */
export function stageColumns(sim: Simulation, stageCount: number, from: number): PipelineStageColumns[] {
  const series = pipelineStageSeries(sim);
  if (series) {
    return Array.from(
      { length: stageCount },
      (_, s) =>
        Object.fromEntries(
          STAGE_FRAME_COLUMNS.map((c) => [c, series.column(s, c).slice(from)]),
        ) as PipelineStageColumns,
    );
  }
  const batch = sim.readSamples(from);
  return [
    {
      queued: batch.columns.queued,
      memoryBytes: batch.columns.memoryBytes,
      state: batch.columns.consumerUp.map((up) => (up > 0 ? 0 : STAGE_DOWN)),
      stalledSeconds: new Float64Array(batch.count),
      lag: new Float64Array(batch.count),
    },
  ];
}

/** One stage's columns, one value per sample. */
export type PipelineStageColumns = Pick<PipelineStageFrame, StageFrameColumn>;

/** Serves a pipeline on `endpoint` (the page's first message was `pipelineInit`). */
export class PipelineRuntime {
  private timeline: Timeline | null = null;
  private pipeline: Pipeline | null = null;
  private playing = false;
  private speed: Speed = 1;
  private timer: unknown = null;
  private lastTickMs = 0;
  private targetSec = 0;
  private frameId = 0;
  private ackedId = 0;
  private framePending = false;
  private sent = { samples: 0, generation: -1 };
  private seekTarget: number | null = null;
  private seekTimer: unknown = null;
  private lastProgressMs = -Infinity;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly clock: Clock,
  ) {}

  /** Handles one message; a failure becomes an `error` message, never a throw. */
  receive(message: ToPipelineWorker): void {
    try {
      this.handle(message);
    } catch (error) {
      this.fail(error);
    }
  }

  /** Stops pacing and any seek under way. */
  stop(): void {
    this.playing = false;
    if (this.timer !== null) this.clock.cancel(this.timer);
    this.timer = null;
    this.cancelSeek();
  }

  private cancelSeek(): void {
    if (this.seekTimer !== null) this.clock.cancel(this.seekTimer);
    this.seekTimer = null;
    this.seekTarget = null;
  }

  private handle(message: ToPipelineWorker): void {
    if (message.type === "ping") {
      this.endpoint.postMessage({ type: "pong", id: message.id });
      return;
    }
    if (message.type === "ack") {
      this.ackedId = Math.max(this.ackedId, message.frameId);
      this.flush();
      return;
    }
    if (message.type === "pipelineInit") {
      if (message.protocolVersion !== PROTOCOL_VERSION) {
        throw new Error(
          `The page speaks protocol ${message.protocolVersion}, the worker ${PROTOCOL_VERSION}: reload the page.`,
        );
      }
      this.stop();
      this.pipeline = checkPipeline(message.pipeline);
      this.timeline = pipelineTimeline(this.pipeline);
      this.sent = { samples: 0, generation: -1 };
      this.speed = clampSpeed(message.speed);
      const t = Number.isFinite(message.timeSec) ? message.timeSec : 0;
      if (t > 0) this.startSeek(Math.round(t / this.timeline.sampleIntervalSec));
      this.changed();
      return;
    }
    const tl = this.timeline;
    if (!tl) throw new Error(`"${message.type}" arrived before "pipelineInit".`);
    switch (message.type) {
      case "pipelineReset":
        this.setPlaying(false);
        this.cancelSeek();
        tl.reset(tl.baseScenario);
        break;
      case "play":
        if (tl.index >= tl.endIndex && this.seekTarget === null) tl.prepareSeek(0);
        this.setPlaying(true);
        break;
      case "pause":
        this.setPlaying(false);
        // Paused inside a sample: finish it in slices, so the frame shows the run on a sample.
        if (tl.sampleUnderWay && this.seekTarget === null) this.startSeek(tl.index + 1);
        break;
      case "step":
        this.setPlaying(false);
        this.startSeek((this.seekTarget ?? tl.index) + Math.round(message.samples));
        break;
      case "speed":
        this.speed = clampSpeed(message.speed);
        break;
      case "seek":
        this.startSeek(Math.round((Number.isFinite(message.timeSec) ? message.timeSec : 0) / tl.sampleIntervalSec));
        break;
    }
    this.changed();
  }

  /** Moves the run to sample `target` (clamped to the run), a slice at a time. */
  private startSeek(target: number): void {
    const tl = this.timeline!;
    this.seekTarget = tl.prepareSeek(Math.min(tl.endIndex, Math.max(0, target)));
    if (this.seekTimer !== null) this.clock.cancel(this.seekTimer);
    this.seekTimer = null;
    this.lastProgressMs = -Infinity;
    this.continueSeek();
  }

  private continueSeek(): void {
    this.seekTimer = null;
    const tl = this.timeline;
    const target = this.seekTarget;
    if (!tl || target === null) return;
    const start = this.clock.now();
    while (tl.index < target && this.clock.now() - start < SLICE_MS)
      tl.advanceTo(tl.index + 1, { left: STEPS_PER_CLOCK_READ });
    if (tl.index < target) {
      const now = this.clock.now();
      if (now - this.lastProgressMs >= PROGRESS_INTERVAL_MS) {
        this.lastProgressMs = now;
        this.endpoint.postMessage({
          type: "progress",
          timeSec: tl.timeSec,
          targetSec: target * tl.sampleIntervalSec,
        } satisfies ProgressMessage);
      }
      this.seekTimer = this.clock.schedule(() => this.guarded(() => this.continueSeek()), 0);
      return;
    }
    this.seekTarget = null;
    this.targetSec = tl.timeSec;
    this.lastTickMs = this.clock.now();
    this.changed();
  }

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
    } else if (this.timer !== null) {
      this.clock.cancel(this.timer);
      this.timer = null;
    }
  }

  private scheduleTick(): void {
    if (this.timer === null) this.timer = this.clock.schedule(() => this.tick(), TICK_MS);
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

  private pace(): void {
    const tl = this.timeline!;
    const now = this.clock.now();
    const gapMs = Math.min(MAX_TICK_GAP_MS, Math.max(0, now - this.lastTickMs));
    this.lastTickMs = now;
    if (this.frameId - this.ackedId >= MAX_UNACKED_FRAMES) return;
    if (this.seekTarget !== null) return;
    const before = tl.index;
    const end = tl.endIndex;
    let target = end;
    if (this.speed !== "max") {
      this.targetSec += (gapMs / 1000) * this.speed;
      this.targetSec = Math.min(this.targetSec, tl.timeSec + this.speed * 0.25);
      target = Math.min(end, Math.floor(this.targetSec / tl.sampleIntervalSec + 1e-9));
    }
    while (tl.index < target && this.clock.now() - now < SLICE_MS)
      tl.advanceTo(tl.index + 1, { left: STEPS_PER_CLOCK_READ });
    if (tl.index >= end) this.setPlaying(false);
    if (tl.index !== before || !this.playing) this.changed();
  }

  private changed(): void {
    this.framePending = true;
    this.flush();
  }

  /** Sends a frame if one is due, the run stands on a sample and the page's backlog allows it. */
  private flush(): void {
    const tl = this.timeline;
    const pipeline = this.pipeline;
    if (!this.framePending || !tl || !pipeline || this.seekTarget !== null || tl.sampleUnderWay) return;
    if (this.frameId - this.ackedId >= MAX_UNACKED_FRAMES) return;
    this.framePending = false;
    const sim = tl.sim;
    if (tl.generation !== this.sent.generation) this.sent = { samples: 0, generation: tl.generation };
    const from = Math.min(this.sent.samples, sim.sampleCount);
    const batch = sim.readSamples(from);
    const columns = stageColumns(sim, pipeline.stages.length, from);
    const live = stagesLive(sim);
    const summaries = pipelineStageSummaries(sim);
    const stages: PipelineStageFrame[] = columns.map((c, i) => ({ ...c, live: live[i], summary: summaries[i] }));
    this.sent.samples = sim.sampleCount;
    const frame: PipelineFrameMessage = {
      type: "pipelineFrame",
      frameId: ++this.frameId,
      sampleIntervalSec: tl.sampleIntervalSec,
      timeSec: tl.timeSec,
      playing: this.playing,
      ended: tl.index >= tl.endIndex,
      speed: this.speed,
      samplesStart: batch.start,
      sampleCount: batch.count,
      columns: batch.columns,
      stages,
      summary: sim.summary(),
      theory: pipelineTheory(
        pipeline.shared,
        pipeline.stages.map((st) => stageScenario(pipeline.shared, st)),
      ),
    };
    this.endpoint.postMessage(frame, pipelineFrameTransferables(frame));
  }

  private fail(error: unknown): void {
    this.stop();
    const message = error instanceof Error ? error.message : String(error);
    this.endpoint.postMessage({ type: "error", message });
  }
}
