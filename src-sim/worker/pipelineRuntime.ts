/**
 * The worker's side of a pipeline page (issue 14): one {@link Timeline} whose engine runs the
 * chain (createPipelineSimulation), paced against wall time, seekable, with frames that carry
 * each stage's columns, live state and figures.
 *
 * The Timeline is the single run's own (checkpoints, replay, budgeted steps), given a factory that
 * builds the chain, so the samples are the direct run's of the same pipeline bit for bit
 * (test/worker-pipeline.test.ts checks it). Pacing, slices and flow control are the
 * {@link Pacer}'s (pacer.ts, shared with the single run and the lanes; see there for why): wall
 * time comes from the injected clock, work goes in slices of SLICE_MS with the clock read every
 * STEPS_PER_CLOCK_READ model steps, at most MAX_UNACKED_FRAMES frames wait for the page's
 * acknowledgement, and a frame is only sent while the run stands on a sample (none while one is
 * under way).
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
import { Pacer, type Clock } from "./pacer";
import { checkProtocolVersion, type Endpoint } from "./protocol";
import { SentCursor } from "./sentCursor";
import { Timeline } from "./timeline";

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

/** Serves a pipeline on `endpoint` (the page's first message was `pipelineInit`); pacing is its {@link Pacer}'s. */
export class PipelineRuntime {
  private timeline: Timeline | null = null;
  private pipeline: Pipeline | null = null;
  /** What the page holds of the run (a pipeline's frames carry no events). */
  private sent = new SentCursor();
  private readonly pacer: Pacer;

  constructor(
    private readonly endpoint: Endpoint,
    clock: Clock,
  ) {
    this.pacer = new Pacer(
      endpoint,
      clock,
      {
        run: () => this.timeline,
        sendFrame: (frameId) => this.sendFrame(frameId),
        // A frame shows the run on a sample, none while one is under way.
        showable: () => this.pipeline !== null && !this.timeline!.sampleUnderWay,
      },
      // At speed max, as the single run: no idle tick between slices that ran out of time.
      { backToBackAtMax: true },
    );
  }

  /** Handles one message; a failure becomes an `error` message, never a throw. */
  receive(message: ToPipelineWorker): void {
    this.pacer.guarded(() => this.handle(message));
  }

  /** Stops pacing and any seek under way. */
  stop(): void {
    this.pacer.stop();
  }

  private handle(message: ToPipelineWorker): void {
    const pacer = this.pacer;
    if (pacer.answer(message)) return;
    if (message.type === "pipelineInit") {
      checkProtocolVersion(message.protocolVersion);
      pacer.stop();
      this.pipeline = checkPipeline(message.pipeline);
      this.timeline = pipelineTimeline(this.pipeline);
      this.sent = new SentCursor();
      pacer.setSpeed(message.speed);
      const t = Number.isFinite(message.timeSec) ? message.timeSec : 0;
      if (t > 0) pacer.seek(Math.round(t / this.timeline.sampleIntervalSec));
      pacer.changed();
      return;
    }
    const tl = this.timeline;
    if (!tl) throw new Error(`"${message.type}" arrived before "pipelineInit".`);
    switch (message.type) {
      case "pipelineReset":
        pacer.pause();
        pacer.cancelSeek();
        tl.reset(tl.baseScenario);
        break;
      case "play":
        pacer.play();
        break;
      case "pause":
        pacer.pause();
        // Paused inside a sample: finish it in slices, so the frame shows the run on a sample.
        if (tl.sampleUnderWay && pacer.seekTarget === null) pacer.seek(tl.index + 1);
        break;
      case "step":
        pacer.pause();
        pacer.seek((pacer.seekTarget ?? tl.index) + Math.round(message.samples));
        break;
      case "speed":
        pacer.setSpeed(message.speed);
        break;
      case "seek":
        pacer.seekToTime(message.timeSec);
        break;
    }
    pacer.changed();
  }

  /** Builds and posts frame `frameId`: the new samples, each stage's columns, live state and figures. */
  private sendFrame(frameId: number): void {
    const tl = this.timeline!;
    const pipeline = this.pipeline!;
    const sim = tl.sim;
    const from = this.sent.start(tl.generation, sim.sampleCount, 0).samples;
    const batch = sim.readSamples(from);
    const columns = stageColumns(sim, pipeline.stages.length, from);
    const live = stagesLive(sim);
    const summaries = pipelineStageSummaries(sim);
    const stages: PipelineStageFrame[] = columns.map((c, i) => ({ ...c, live: live[i], summary: summaries[i] }));
    this.sent.sent(sim.sampleCount, 0);
    const frame: PipelineFrameMessage = {
      type: "pipelineFrame",
      frameId,
      sampleIntervalSec: tl.sampleIntervalSec,
      timeSec: tl.timeSec,
      playing: this.pacer.playing,
      ended: tl.index >= tl.endIndex,
      speed: this.pacer.speed,
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
}
