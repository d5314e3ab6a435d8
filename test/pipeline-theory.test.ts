/**
 * The chain's fluid theory (src-sim/models/pipeline/theory.ts) against the engine: where the
 * backlog builds, when a stage runs out of memory, and when each stage of a blocking chain
 * stalls. A blocking hop carries the slowest stage's rate upstream until it reaches an unbounded
 * or dropping hop, where the backlog builds at the inflow minus that throttled rate.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createPipelineSimulation, pipelineStageSeries, pipelineStageSummaries } from "../src-sim/models/index";
import { pipelineTheory, type PipelineTheory } from "../src-sim/models/pipeline/theory";
import { DEFAULT_SCENARIO } from "../src-sim/scenario/params";
import { stageScenario, type Pipeline, type StageSpec } from "../src-sim/scenario/pipeline";
import { PIPELINE_PRESETS } from "../src-sim/scenario/pipelinePresets";

const preset = (id: string): Pipeline => PIPELINE_PRESETS.find((p) => p.id === id)!.pipeline;

const theoryOf = (p: Pipeline): PipelineTheory =>
  pipelineTheory(
    p.shared,
    p.stages.map((st) => stageScenario(p.shared, st)),
  );

/** The first sample time at which stage `k`'s stalled seconds grew, or null. */
function stallStart(p: Pipeline, k: number): number | null {
  const sim = createPipelineSimulation(p);
  sim.advanceTo(p.shared.duration);
  const stalled = pipelineStageSeries(sim)!.column(k, "stalledSeconds");
  const times = sim.column("timeSec");
  for (let i = 1; i < stalled.length; i++) if (stalled[i] > stalled[i - 1]) return times[i - 1];
  return null;
}

describe("the one-unbounded-hop preset", () => {
  const p = preset("pipeline-unbounded-hop");
  const theory = theoryOf(p);

  it("puts the backlog at Stage 2, growing 10K/s once Stage 3's queue has filled", () => {
    expect(theory.bottleneck).toBe("Stage 3");
    expect(theory.backlogAt).toBe("Stage 2");
    expect(theory.hops[1].excess).toBe("grows");
    expect(theory.hops[1].growthPerSec).toBeCloseTo(10_000, 6);
    // Stage 3's queue fills at (50K - 40K)/s: 100,000 places in 10 s, then Stage 2 stalls.
    expect(theory.hops[2].fillsAtSec).toBeCloseTo(10, 6);
    expect(theory.stalls).toEqual([{ name: "Stage 2", atSec: expect.closeTo(10, 6) }]);
  });

  it("predicts Stage 2's out-of-memory at 60 s, within one sample of the engine", () => {
    const sim = createPipelineSimulation(p);
    sim.advanceTo(p.shared.duration);
    const oomAt = pipelineStageSummaries(sim)[1].oomAt;
    expect(oomAt).not.toBeNull();
    expect(theory.hops[1].timeToOomSec).not.toBeNull();
    expect(Math.abs(theory.hops[1].timeToOomSec! - oomAt!)).toBeLessThanOrEqual(sim.sampleIntervalSec);
    expect(theory.hops[1].timeToOomSec).toBeCloseTo(60, 6);
    expect(theory.firstOom).toEqual({ name: "Stage 2", atSec: theory.hops[1].timeToOomSec });
    // No other stage runs out of memory.
    expect(theory.hops.filter((h) => h.timeToOomSec !== null)).toHaveLength(1);
  });
});
