/**
 * The pipeline presets (issue 14, item 4) show their lessons: the cascade stalls the chain stage by
 * stage from the sink back to the source and loses nothing; one unbounded hop stops the stall,
 * dies of out-of-memory, and starves the stages after it while the ones before it run free; load
 * shedding at the entrance keeps every queue inside the chain near empty. (Fast tier: with the
 * closed-form stretches each preset runs in well under a second.)
 */
import { describe, expect, it } from "vitest";
import { createPipelineSimulation, pipelineStageSummaries } from "../src-sim/models/index";
import { decodePipeline, stageScenario } from "../src-sim/scenario/pipeline";
import { PIPELINE_PRESETS } from "../src-sim/scenario/pipelinePresets";

const preset = (id: string) => PIPELINE_PRESETS.find((p) => p.id === id)!;

/** Runs a preset second by second; returns when each stage first stalled and when the source first stopped. */
function firstStalls(id: string) {
  const p = preset(id);
  const sim = createPipelineSimulation(p.pipeline);
  const stall: Array<number | null> = p.stages.map(() => null);
  let sourceStopped: number | null = null;
  for (let t = 1; t <= p.pipeline.shared.duration; t++) {
    sim.advanceTo(t);
    pipelineStageSummaries(sim).forEach((st, k) => {
      if (stall[k] === null && st.stalledSeconds > 0) stall[k] = t;
    });
    if (sourceStopped === null && sim.summary().producerPausedSeconds > 0) sourceStopped = t;
  }
  return { sim, stall, sourceStopped };
}

describe("pipeline presets", () => {
  it("every preset's link decodes without a warning into its own pipeline", () => {
    for (const p of PIPELINE_PRESETS) {
      const d = decodePipeline(p.query);
      expect(d.warnings, p.id).toEqual([]);
      const runs = (q: NonNullable<typeof d.pipeline>) => q.stages.map((st) => stageScenario(q.shared, st));
      expect(runs(d.pipeline!)).toEqual(runs(p.pipeline));
    }
    expect(PIPELINE_PRESETS.some((p) => p.title.includes("cascade"))).toBe(true);
  });

  it("the cascade: the stall spreads from the sink back to the source, 10 s a stage, and nothing is lost", () => {
    const { sim, stall, sourceStopped } = firstStalls("pipeline-cascade");
    // Stage 3's queue fills at 10K/s: 100,000 places in 10 s; then Stage 2's, then Stage 1's.
    expect(stall[2]).toBeNull();
    expect(stall[1]).toBe(11);
    expect(stall[0]).toBe(21);
    expect(sourceStopped).toBe(31);
    const s = sim.summary();
    expect(s.dropped + s.lost).toBe(0);
  });

  it("one unbounded hop: the stall stops there, the hop OOMs at 60 s, Stage 1 runs free and Stage 3 starves", () => {
    const { sim, stall, sourceStopped } = firstStalls("pipeline-unbounded-hop");
    expect(stall[0]).toBeNull();
    expect(sourceStopped).toBeNull();
    const stages = pipelineStageSummaries(sim);
    expect(stages[1].oomAt).toBeGreaterThan(59.9);
    expect(stages[1].oomAt).toBeLessThan(60.1);
    expect(stages[2].queued + stages[2].inService).toBe(0);
    expect(stages[0].lost + stages[0].dropped).toBe(0);
  });

  it("shedding at the edge: all the loss is at the entrance, the queues inside stay empty", () => {
    const sim = createPipelineSimulation(preset("pipeline-shed-at-edge").pipeline);
    sim.advanceTo(60);
    const [edge, ...inside] = pipelineStageSummaries(sim);
    expect(edge.dropped).toBeGreaterThan(3_000_000);
    for (const st of inside) {
      expect(st.maxQueued).toBeLessThanOrEqual(1);
      expect(st.dropped + st.lost).toBe(0);
    }
    expect(sim.summary().latency.p99).toBeLessThan(0.2);
  });
});
