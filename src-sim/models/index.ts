/**
 * The models, by the names the strategy table gives them, and the one way to build a run of any
 * scenario: {@link createSimulation}. The engine core (src-sim/engine/) knows no concrete model;
 * it receives {@link createModel} and calls it whenever the strategy in force changes model.
 * This is the only file that imports every model; models never import each other. A pipeline's
 * run, built on the pipeline model, is in pipelineRun.ts: the single run does not carry it.
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
