/**
 * The pipeline presets (issue 14, item 4) show their lessons: the cascade stalls the chain stage by
 * stage from the sink back to the source and loses nothing; one unbounded hop stops the stall,
 * dies of out-of-memory, and starves the stages after it while the ones before it run free; load
 * shedding at the entrance keeps every queue inside the chain near empty. (Fast tier: with the
 * closed-form stretches each preset runs in well under a second.)
 */
import { describe, expect, it } from "vitest";
import { createPipelineSimulation, pipelineStageSummaries } from "../src-sim/models/pipelineRun";
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

  it("a Kafka topic in the middle: the source and Stage 1 never stall, the lag grows 5K/s on the broker, nothing is lost", () => {
    const p = preset("pipeline-kafka-middle");
    const { sim, stall, sourceStopped } = firstStalls("pipeline-kafka-middle");
    expect(sourceStopped).toBeNull();
    expect(stall).toEqual([null, null, null]);
    const stages = pipelineStageSummaries(sim);
    const hop = stages[1].hop!;
    if (hop.kind !== "kafka") throw new Error("a Kafka hop");
    expect(hop.appended).toBe(20_000 * 60);
    // 5K/s more in than out for 60 s: 300K records wait on the broker (less what the last poll took).
    expect(hop.backlog).toBeGreaterThan(290_000);
    expect(hop.backlog).toBeLessThanOrEqual(300_000);
    // The lag (log end - committed) trails by at most 5 s of reading: auto-commit every 5 s at 15K/s.
    expect(hop.lagRecords).toBeGreaterThanOrEqual(hop.backlog);
    expect(hop.lagRecords - hop.backlog).toBeLessThanOrEqual(75_000 + 500);
    // About 10 s on average behind the topic (Little's law, the broker's wait included).
    expect(stages[1].meanSojournSec).toBeGreaterThan(9.5);
    expect(stages[1].meanSojournSec).toBeLessThan(10.5);
    expect(hop.brokerBytes).toBe(hop.appended * p.pipeline.shared.eventBytes);
    // Stage 2 works at its own rate with at most one poll in memory; Stage 3 keeps up.
    expect(Math.abs(stages[1].passed - 15_000 * 60)).toBeLessThanOrEqual(1);
    expect(stages[1].maxQueued).toBeLessThanOrEqual(500);
    expect(stages[2].maxQueued).toBeLessThanOrEqual(1);
    const s = sim.summary();
    expect(s.dropped + s.lost).toBe(0);
  });

  it("Reactive demand reaches a cold source: it emits at the slow end's 20K/s, no queue passes 128, nothing is lost", () => {
    const { sim, sourceStopped } = firstStalls("pipeline-reactive-cold");
    expect(sourceStopped).not.toBeNull();
    const produced = sim.column("produced");
    const from = Math.round(10 / sim.sampleIntervalSec);
    const to = Math.round(30 / sim.sampleIntervalSec);
    expect(Math.abs((produced[to] - produced[from]) / 20 - 20_000)).toBeLessThan(20);
    const stages = pipelineStageSummaries(sim);
    for (const st of stages) {
      expect(st.maxQueued).toBeLessThanOrEqual(128);
      expect(st.dropped + st.lost).toBe(0);
      const hop = st.hop!;
      if (hop.kind !== "reactive") throw new Error("a Reactive hop");
      expect(hop.emitted).toBeLessThanOrEqual(hop.requested);
    }
    expect(sim.summary().dropped + sim.summary().lost).toBe(0);
  });
});
