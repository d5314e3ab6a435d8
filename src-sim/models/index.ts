/**
 * The models, by the names the strategy table gives them, and the one way to build a run of any
 * scenario: {@link createSimulation}. The engine core (src-sim/engine/) knows no concrete model;
 * it receives {@link createModel} and calls it whenever the strategy in force changes model.
 * This is the only file that imports every model; models never import each other.
 */
import type { Model } from "../engine/model";
import type { RunContext } from "../engine/runContext";
import { Simulation, type ModelFactory, type SimulationOptions } from "../engine/simulation";
import type { ModelName } from "../scenario/columns";
import type { Scenario } from "../scenario/params";
import { modelOf } from "../scenario/strategies";
import { createKafkaModel } from "./kafka/model";
import { QueueModel } from "./queue/model";
import { ReactiveModel } from "./reactive/model";
import { TcpModel } from "./tcp/model";
import { PipelineModel } from "./pipeline/model";
import type { StageSummary } from "./pipeline/stage";
import type { StageSeries } from "./pipeline/series";
import { stageName, stageScenario, type Pipeline } from "../scenario/pipeline";

/** Creates a model, empty, at `startSec`, sharing the run's context. */
export type ModelConstructor = (ctx: RunContext, scenario: Scenario, startSec: number, bulk: boolean) => Model;

/** Every model by name. Exhaustive: a model named in the strategy table must be here. */
export const MODELS: Readonly<Record<ModelName, ModelConstructor>> = {
  queue: (ctx, scenario, startSec, bulk) => new QueueModel(ctx, scenario, bulk, startSec),
  tcp: (ctx, scenario, startSec, bulk) => new TcpModel(ctx, scenario, startSec, { bulk }),
  // Kafka's fetches are already counted per poll (Poisson cells); it has no per-event switch.
  kafka: (ctx, scenario, startSec) => createKafkaModel(ctx, scenario, startSec),
  reactive: (ctx, scenario, startSec, bulk) => new ReactiveModel(ctx, scenario, startSec, { bulk }),
};

/** The factory the engine receives: the model of the scenario's strategy. */
export const createModel: ModelFactory = (ctx, scenario, startSec, bulk) =>
  MODELS[modelOf(scenario.strategy)](ctx, scenario, startSec, bulk);

/** A run of `scenario` at t = 0, with every model available (what the CLI, worker and tests use). */
export function createSimulation(scenario: Scenario, options: SimulationOptions = {}): Simulation {
  return new Simulation(scenario, createModel, options);
}

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
