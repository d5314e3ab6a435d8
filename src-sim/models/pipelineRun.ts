/**
 * The run of a pipeline (issue 14): one stage is the single run of its scenario, two or more the
 * pipeline model (src-sim/models/pipeline/), and each stage's figures and columns read from it.
 * Apart from the registry (index.ts) so that what runs a single scenario (the simulation worker's
 * first chunk, the sweep worker) does not carry the pipeline model: the worker loads this with the
 * pipeline's runtime, on demand (src-sim/worker/serve.ts).
 */
import type { Model } from "../engine/model";
import { Simulation, type ModelFactory, type SimulationOptions } from "../engine/simulation";
import { stageName, stageScenario, type Pipeline } from "../scenario/pipeline";
import { createSimulation } from "./index";
import { PipelineModel } from "./pipeline/model";
import type { StageSeries } from "./pipeline/series";
import type { StageSummary } from "./pipeline/stage";

/**
 * A run of a pipeline (issue 14) at t = 0. One stage is the single-stage scenario of that stage
 * (the same run as {@link createSimulation}, bit for bit); two or more run the pipeline model
 * (src-sim/models/pipeline/). The run's summary describes the chain end to end; each stage's
 * figures are in its `modelFigures().stages` (see {@link pipelineStageSummaries}).
 */
export function createPipelineSimulation(pipeline: Pipeline, options: SimulationOptions = {}): Simulation {
  const scenarios = pipeline.stages.map((st) => stageScenario(pipeline.shared, st));
  if (scenarios.length === 1) return createSimulation(scenarios[0], options);
  const factory: ModelFactory = (ctx, scenario, startSec, bulk) =>
    new PipelineModel(ctx, scenario, scenarios, startSec, bulk) as Model;
  // The source's scenario: the stages' queues are the model's own; the engine sees a queue run.
  return new Simulation({ ...pipeline.shared, strategy: "unbounded" }, factory, options);
}

/**
 * Each stage's figures of a pipeline run: the model's own for two or more stages; for one, the
 * run's summary read as its only stage.
 */
export function pipelineStageSummaries(sim: Simulation): StageSummary[] {
  const figures = sim.modelFigures();
  if (Array.isArray(figures.stages)) return figures.stages as StageSummary[];
  const s = sim.summary();
  const sc = sim.scenario;
  const live = sim.live();
  const throughput = s.until > 0 ? s.consumed / s.until : 0;
  return [
    {
      name: stageName(0),
      strategy: sc.strategy,
      rate: sc.consumer,
      // One stage runs the single-stage model, which counts the source's drops and losses with the stage's.
      arrived: s.consumed + s.queued + s.inService + s.lost + s.dropped,
      passed: s.consumed,
      dropped: s.dropped,
      lost: s.lost,
      queued: s.queued,
      inService: s.inService,
      maxQueued: s.maxQueued,
      memoryBytes: live.memoryBytes,
      peakMemoryBytes: s.peakMemoryBytes,
      oomAt: s.oomAt,
      oomCount: s.oomCount,
      stalledSeconds: 0,
      meanInStage: s.meanInSystem,
      meanSojournSec: throughput > 0 ? s.meanInSystem / throughput : NaN,
      state: live.producerState,
      up: live.consumerUp,
      pauseSignals: s.signals.pause,
      resumeSignals: s.signals.resume,
    },
  ];
}

/**
 * Each stage's columns of a pipeline run, one row per sample (series.ts), or null for a one-stage
 * pipeline (its samples are the single run's own).
 */
export function pipelineStageSeries(sim: Simulation): StageSeries | null {
  const model = sim.currentModel;
  return model instanceof PipelineModel ? model.stageSeries() : null;
}
