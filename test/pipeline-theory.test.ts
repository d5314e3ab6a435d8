/**
 * The chain's fluid theory (src-sim/models/pipeline/theory.ts) against the engine: where the
 * backlog builds, when a stage runs out of memory, and when each stage of a blocking chain
 * stalls. A blocking hop carries the slowest stage's rate upstream until it reaches an unbounded
 * or dropping hop, where the backlog builds at the inflow minus that throttled rate.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createPipelineSimulation, pipelineStageSeries, pipelineStageSummaries } from "../src-sim/models/pipelineRun";
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

/** What the engine shows of a chain: when each stage (and the source) first stalled, dropped, ran out of memory. */
interface EngineView {
  sampleSec: number;
  stallStart: Array<number | null>;
  sourceStallStart: number | null;
  dropStart: Array<number | null>;
  oomAt: Array<number | null>;
  /** Events/s consumed over the last 5 s. */
  lateRate: number;
}

function engineView(p: Pipeline): EngineView {
  const sim = createPipelineSimulation(p);
  sim.advanceTo(p.shared.duration);
  const series = pipelineStageSeries(sim)!;
  const times = sim.column("timeSec");
  // A running total's first increase: the sample interval it started in begins at times[i - 1].
  const firstRise = (col: ArrayLike<number>): number | null => {
    for (let i = 1; i < col.length; i++) if (col[i] > col[i - 1]) return times[i - 1];
    return null;
  };
  // A throttled source is released at every take of Stage 1, so its state at a sample's instant
  // mostly reads running: its emission falling short of its rate says it is held.
  const produced = sim.column("produced");
  let sourceStallStart: number | null = null;
  for (let i = 1; i < produced.length && sourceStallStart === null; i++)
    if (produced[i] - produced[i - 1] < 0.99 * p.shared.producer * (times[i] - times[i - 1]))
      sourceStallStart = times[i - 1];
  const consumed = sim.column("consumed");
  const n = consumed.length - 1;
  const back = Math.round(5 / sim.sampleIntervalSec);
  return {
    sampleSec: sim.sampleIntervalSec,
    stallStart: p.stages.map((_, k) => firstRise(series.column(k, "stalledSeconds"))),
    sourceStallStart,
    dropStart: p.stages.map((_, k) => firstRise(series.column(k, "dropped"))),
    oomAt: pipelineStageSummaries(sim).map((s) => s.oomAt),
    lateRate: (consumed[n] - consumed[n - back]) / (times[n] - times[n - back]),
  };
}

describe("the cascade preset", () => {
  const p = preset("pipeline-cascade");
  const theory = theoryOf(p);

  it("stalls Stage 2 at 10 s, Stage 1 at 20 s and the source at 30 s, as the engine does", () => {
    expect(theory.stalls.map((s) => s.name)).toEqual(["Stage 2", "Stage 1", "source"]);
    expect(theory.stalls.map((s) => s.atSec)).toEqual([
      expect.closeTo(10, 6),
      expect.closeTo(20, 6),
      expect.closeTo(30, 6),
    ]);
    expect(theory.backlogAt).toBe("source");
    expect(theory.stalledStages).toBe(2);
    expect(theory.firstOom).toBeNull();
    const run = engineView(p);
    expect(Math.abs(run.stallStart[1]! - 10)).toBeLessThanOrEqual(run.sampleSec);
    expect(Math.abs(run.stallStart[0]! - 20)).toBeLessThanOrEqual(run.sampleSec);
    expect(Math.abs(run.sourceStallStart! - 30)).toBeLessThanOrEqual(run.sampleSec);
    expect(run.stallStart[2]).toBeNull();
  });
});

describe("the shed-at-edge preset", () => {
  const p = preset("pipeline-shed-at-edge");
  const theory = theoryOf(p);

  it("drops at Stage 1 only; the stages after it keep up", () => {
    expect(theory.bottleneck).toBe("Stage 1");
    expect(theory.throughput).toBe(40_000);
    expect(theory.backlogAt).toBe("Stage 1");
    expect(theory.hops.map((h) => h.excess)).toEqual(["drops", "keeps up", "keeps up"]);
    // 5,000 places filled at 100K - 40K events/s.
    expect(theory.hops[0].fillsAtSec).toBeCloseTo(5000 / 60_000, 9);
    expect(theory.stalls).toEqual([]);
    const run = engineView(p);
    expect(run.dropStart[0]).not.toBeNull();
    expect(Math.abs(run.dropStart[0]! - theory.hops[0].fillsAtSec!)).toBeLessThanOrEqual(run.sampleSec);
    expect(run.dropStart.slice(1)).toEqual([null, null]);
    expect(run.stallStart).toEqual([null, null, null]);
    expect(run.oomAt).toEqual([null, null, null]);
  });
});

describe("random chains against the engine (fast-check)", () => {
  const COVERAGE = new Set<string>();
  const strategies = ["unbounded", "drop-newest", "drop-oldest", "block"] as const;
  const stageArb = fc.record({
    strategy: fc.constantFrom(...strategies),
    consumer: fc.constantFrom(20_000, 30_000, 45_000, 60_000, 80_000),
    capacity: fc.constantFrom(2000, 20_000, 100_000),
    memory: fc.constantFrom(40_000_000, 150_000_000, 6_000_000_000),
  });
  const chainArb = fc.record({
    producer: fc.constantFrom(25_000, 50_000, 70_000),
    stages: fc.array(stageArb, { minLength: 2, maxLength: 4 }),
  });

  it("the predicted bottleneck, backlog, stalls, drops and first crash are the engine's", () => {
    fc.assert(
      fc.property(chainArb, (chain) => {
        const duration = 20;
        const stages: StageSpec[] = chain.stages.map(({ strategy, ...params }) => ({ strategy, params }));
        const p: Pipeline = { shared: { ...DEFAULT_SCENARIO, producer: chain.producer, duration }, stages };
        const theory = theoryOf(p);
        const run = engineView(p);
        const rates = chain.stages.map((s) => s.consumer);
        const slowest = Math.min(chain.producer, ...rates);
        expect(theory.throughput).toBe(slowest);
        // Up to the first crash (after it the chain depends on the restart), within a margin.
        const until = Math.min(duration, theory.firstOom?.atSec ?? Infinity) - 0.5;
        const tol = (t: number) => Math.max(2 * run.sampleSec, 0.01 * t);
        const seen = (t: number | null) => (t !== null && t < until ? t : null);
        // Each predicted stall is the engine's, and the engine stalls nowhere else.
        for (const [k, st] of stages.entries()) {
          const predicted = theory.stalls.find((s) => s.name === `Stage ${k + 1}`)?.atSec ?? null;
          if (predicted !== null && Math.abs(predicted - until) < 1) continue;
          const engine = seen(run.stallStart[k]);
          if (predicted === null || predicted >= until)
            expect(engine, `Stage ${k + 1} (${st.strategy}) stalls`).toBeNull();
          else expect(Math.abs(engine! - predicted)).toBeLessThanOrEqual(tol(predicted));
        }
        const sourceStall = theory.stalls.find((s) => s.name === "source")?.atSec ?? null;
        if (sourceStall === null || sourceStall >= until + 1) expect(seen(run.sourceStallStart)).toBeNull();
        else if (sourceStall < until - 1)
          expect(Math.abs(run.sourceStallStart! - sourceStall)).toBeLessThanOrEqual(tol(sourceStall));
        // Where the backlog builds for good: a growing hop's queue, a dropping hop, or the source.
        const backlog = theory.hops.find((h) => h.name === theory.backlogAt);
        if (backlog?.excess === "drops" && backlog.fillsAtSec! < until)
          expect(run.dropStart[theory.hops.indexOf(backlog)]).not.toBeNull();
        COVERAGE.add(`${theory.backlogAt === null ? "none" : (backlog?.excess ?? "source")}`);
        if (theory.stalls.some((s) => s.atSec < until)) COVERAGE.add("stall");
        if (theory.firstOom !== null && theory.firstOom.atSec < duration - 1) COVERAGE.add("oom");
        // Each dropping hop drops from when its queue fills, and no other hop drops.
        for (const [k, h] of theory.hops.entries()) {
          const fills = h.fillsAtSec;
          if (fills !== null && Math.abs(fills - until) < 1) continue;
          const predicted = hopAtLimitDrops(h.strategy) && fills !== null && fills < until ? fills : null;
          const engine = seen(run.dropStart[k]);
          if (predicted === null) expect(engine, `${h.name} drops`).toBeNull();
          else expect(Math.abs(engine! - predicted)).toBeLessThanOrEqual(tol(predicted));
        }
        // The first crash: its stage and time.
        const firstEngine = run.oomAt.reduce<number | null>(
          (a, t) => (t !== null && (a === null || t < a) ? t : a),
          null,
        );
        if (theory.firstOom === null || theory.firstOom.atSec > duration + 1) {
          if (theory.firstOom === null || theory.firstOom.atSec > duration + 1) expect(firstEngine).toBeNull();
        } else if (theory.firstOom.atSec < duration - 1) {
          expect(firstEngine).not.toBeNull();
          expect(`Stage ${run.oomAt.indexOf(firstEngine) + 1}`).toBe(theory.firstOom.name);
          expect(Math.abs(firstEngine! - theory.firstOom.atSec)).toBeLessThanOrEqual(tol(theory.firstOom.atSec));
        }
        // With no crash, the sink runs at the chain's throughput once the bottleneck is busy.
        if (firstEngine === null) expect(Math.abs(run.lateRate - slowest) / slowest).toBeLessThan(0.01);
      }),
      { numRuns: 30, seed: 14 },
    );
    // The chains drawn cover every outcome, so the comparisons above are not vacuous.
    expect([...COVERAGE].sort()).toEqual(["drops", "grows", "none", "oom", "source", "stall"]);
  });
});

function hopAtLimitDrops(strategy: string): boolean {
  return strategy === "drop-newest" || strategy === "drop-oldest";
}

describe("hops that are mechanisms of their own", () => {
  it("a Kafka topic: the lag grows on the broker at inflow minus the reader's rate, nobody stalls, no OOM", () => {
    const p = preset("pipeline-kafka-middle");
    const theory = theoryOf(p);
    expect(theory.backlogAt).toBe("Stage 2");
    expect(theory.hops[1].excess).toBe("lags");
    expect(theory.hops[1].growthPerSec).toBeCloseTo(5_000, 6);
    expect(theory.stalls).toEqual([]);
    expect(theory.firstOom).toBeNull();
    // The engine: the records not yet read at 60 s (log end - position) are 5K/s for 60 s, within
    // a poll (the committed lag trails them by up to auto.commit.interval.ms of reading).
    const sim = createPipelineSimulation(p);
    sim.advanceTo(60);
    const hop = pipelineStageSummaries(sim)[1].hop as { backlog: number };
    expect(Math.abs(hop.backlog - 5_000 * 60)).toBeLessThanOrEqual(Number(p.stages[1].params.maxPollRecords ?? 500));
  });

  it("Reactive demand: the slow end's rate reaches the cold source, every stage before it held to it", () => {
    const theory = theoryOf(preset("pipeline-reactive-cold"));
    expect(theory.throughput).toBe(20_000);
    expect(theory.backlogAt).toBe("source");
    expect(theory.hops[0].inflow).toBe(20_000);
    expect(theory.stalledStages).toBe(2);
    expect(theory.firstOom).toBeNull();
    // Each hop holds at most its prefetch, so the stalls come within milliseconds.
    for (const s of theory.stalls) expect(s.atSec).toBeLessThan(0.01);
  });

  it("a TCP hop carries at most a window per round trip (the smaller buffer over the RTT), as the engine does within 5%", () => {
    for (const buffers of [{}, { sndBuf: 131_072 }]) {
      const shared = { ...DEFAULT_SCENARIO, producer: 50_000, ...buffers };
      const stages = [
        { strategy: "block", params: { consumer: 60_000 } },
        { strategy: "tcp", params: { consumer: 60_000 } },
      ] satisfies StageSpec[];
      const theory = theoryOf({ shared, stages });
      const window = Math.min(
        Math.floor(shared.sndBuf / shared.eventBytes),
        Math.floor(shared.rcvBuf / shared.eventBytes),
      );
      // 16 events per 20 ms with the default 16 KiB send buffer: 800/s; 128 KiB both: 6,550/s.
      expect(theory.throughput).toBeCloseTo(window / shared.rtt, 6);
      expect(theory.bottleneck).toBe("Stage 2");
      expect(theory.backlogAt).toBe("source");
      const sim = createPipelineSimulation({ shared, stages });
      sim.advanceTo(10);
      const before = sim.summary().consumed;
      sim.advanceTo(20);
      const rate = (sim.summary().consumed - before) / 10;
      expect(Math.abs(rate - theory.throughput) / theory.throughput).toBeLessThan(0.05);
    }
  });
});
