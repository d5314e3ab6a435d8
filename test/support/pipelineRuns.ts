/**
 * Runs of the pipeline model for its tests (test/pipeline*.test.ts): the samples as plain arrays,
 * a run of the model itself whatever the number of stages, and the determinism checks every set
 * of chains gets (a run cut by step budgets, a clone taken mid-run).
 */
import { expect, it } from "vitest";
import { Simulation, type ModelFactory } from "../../src-sim/engine/simulation";
import {
  createPipelineSimulation,
  pipelineStageSeries,
  pipelineStageSummaries,
} from "../../src-sim/models/pipelineRun";
import { PipelineModel } from "../../src-sim/models/pipeline/model";
import { stageScenario, type Pipeline } from "../../src-sim/scenario/pipeline";

/** The samples of a run as plain arrays (NaN compared as equal by toEqual). */
export function sampleColumns(sim: Simulation): Record<string, number[]> {
  const batch = sim.readSamples(0);
  return Object.fromEntries(Object.entries(batch.columns).map(([k, v]) => [k, Array.from(v)]));
}

/** A run of the pipeline model itself, whatever the number of stages (bulk optional). */
export function modelRun(p: Pipeline, bulk = true): { sim: Simulation; model: () => PipelineModel } {
  let last: PipelineModel | null = null;
  const scenarios = p.stages.map((st) => stageScenario(p.shared, st));
  const factory: ModelFactory = (ctx, scenario, startSec) => {
    last = new PipelineModel(ctx, scenario, scenarios, startSec, bulk);
    return last;
  };
  const sim = new Simulation({ ...p.shared, strategy: "unbounded" }, factory, {});
  return { sim, model: () => last! };
}

/** A per-stage column of the pipeline's own series, as a plain array. */
type StageColumn = Parameters<NonNullable<ReturnType<typeof pipelineStageSeries>>["column"]>[1];

/**
 * The determinism tests of a set of named chains: a run cut every `budgetSteps` steps is the run
 * not cut, bit for bit; a clone taken halfway goes on exactly as the original, the stage columns
 * `stageColumns` ([stage index, column]) included.
 */
export function itCutsAndClonesExactly(
  chains: [string, Pipeline][],
  budgetSteps: number,
  stageColumns: readonly [number, StageColumn][],
): void {
  it.each(chains)("a run cut by step budgets is the run not cut, bit for bit: %s", (_, p) => {
    const whole = modelRun(p);
    whole.sim.advanceTo(p.shared.duration);
    const cut = modelRun(p);
    let calls = 0;
    while (!cut.sim.advanceTo(p.shared.duration, { left: budgetSteps })) calls++;
    expect(calls).toBeGreaterThan(10);
    expect(sampleColumns(cut.sim)).toEqual(sampleColumns(whole.sim));
    expect(cut.model().stageSummaries()).toEqual(whole.model().stageSummaries());
  });

  it.each(chains)("a clone taken mid-run goes on exactly as the original: %s", (_, p) => {
    const a = createPipelineSimulation(p);
    a.advanceTo(p.shared.duration / 2);
    const b = a.clone();
    a.advanceTo(p.shared.duration);
    b.advanceTo(p.shared.duration);
    expect(sampleColumns(b)).toEqual(sampleColumns(a));
    expect(pipelineStageSummaries(b)).toEqual(pipelineStageSummaries(a));
    for (const [stage, column] of stageColumns)
      expect(Array.from(pipelineStageSeries(b)!.column(stage, column))).toEqual(
        Array.from(pipelineStageSeries(a)!.column(stage, column)),
      );
  });
}
