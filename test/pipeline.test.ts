/**
 * The pipeline engine (issue 14): backpressure through a chain of stages. The acceptance tests of
 * the issue: a blocking chain never overfills a queue and delivers at the slowest stage's rate;
 * an unbounded hop in front of the slowest stage OOMs when the fluid formula says while the
 * stages before it are untouched; a one-stage pipeline is the single-stage run bit for bit;
 * conservation at every hop (property test).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { createSimulation } from "../src-sim/models/index";
import { createPipelineSimulation, pipelineStageSummaries } from "../src-sim/models/pipelineRun";
import { pipelineTheory } from "../src-sim/models/pipeline/theory";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { STAGE_STRATEGIES, stageScenario, type Pipeline, type StageSpec } from "../src-sim/scenario/pipeline";
import { checkConservation } from "./support/pipelineConservation";
import { itCutsAndClonesExactly, modelRun, sampleColumns } from "./support/pipelineRuns";

const shared = (over: Partial<Scenario> = {}): Scenario => ({ ...DEFAULT_SCENARIO, ...over });

describe("a chain that blocks at every hop", () => {
  const cascade: Pipeline = {
    shared: shared({ producer: 100_000, duration: 60 }),
    stages: [
      { strategy: "block", params: { consumer: 80_000, capacity: 1000 } },
      { strategy: "block", params: { consumer: 60_000, capacity: 1000 } },
      { strategy: "block", params: { consumer: 20_000, capacity: 1000 } },
    ],
  };

  it("never holds more than a queue's capacity and loses nothing", () => {
    const sim = createPipelineSimulation(cascade);
    sim.advanceTo(60);
    const stages = pipelineStageSummaries(sim);
    for (const st of stages) {
      expect(st.maxQueued).toBeLessThanOrEqual(1000);
      expect(st.dropped + st.lost).toBe(0);
    }
    // Each hop before the slowest stage fills and stalls: the slowdown reached the source.
    expect(stages[0].queued).toBe(1000);
    expect(stages[1].queued).toBe(1000);
    expect(stages[0].stalledSeconds).toBeGreaterThan(30);
    expect(stages[1].stalledSeconds).toBeGreaterThan(30);
    expect(sim.summary().producerPausedSeconds).toBeGreaterThan(30);
  });

  it("delivers from the source at the slowest stage's rate, within 0.1%", () => {
    const sim = createPipelineSimulation(cascade);
    sim.advanceTo(60);
    const produced = sim.column("produced");
    const from = Math.round(20 / sim.sampleIntervalSec);
    const to = Math.round(60 / sim.sampleIntervalSec);
    const rate = (produced[to] - produced[from]) / 40;
    expect(Math.abs(rate - 20_000) / 20_000).toBeLessThan(0.001);
    const consumedRate = (sim.column("consumed")[to] - sim.column("consumed")[from]) / 40;
    expect(Math.abs(consumedRate - 20_000) / 20_000).toBeLessThan(0.001);
  });
});

describe("an unbounded hop in front of the slowest stage", () => {
  const chain: Pipeline = {
    shared: shared({ producer: 40_000, duration: 80 }),
    stages: [
      { strategy: "block", params: { consumer: 60_000, capacity: 1000 } },
      { strategy: "block", params: { consumer: 50_000, capacity: 1000 } },
      { strategy: "unbounded", params: { consumer: 20_000, memory: 1_000_000_000 } },
      { strategy: "block", params: { consumer: 60_000, capacity: 1000 } },
    ],
  };

  it("runs out of memory when the fluid formula says, within one sample", () => {
    const sim = createPipelineSimulation(chain);
    sim.advanceTo(80);
    const theory = pipelineTheory(
      chain.shared,
      chain.stages.map((st) => stageScenario(chain.shared, st)),
    );
    const predicted = theory.hops[2].timeToOomSec!;
    expect(predicted).toBeCloseTo(50, 6);
    const stages = pipelineStageSummaries(sim);
    expect(stages[2].oomAt).not.toBeNull();
    expect(Math.abs(stages[2].oomAt! - predicted)).toBeLessThanOrEqual(sim.sampleIntervalSec);
  });

  it("leaves the stages before it untouched, and starves the one after", () => {
    const sim = createPipelineSimulation(chain);
    sim.advanceTo(50.5);
    const after = pipelineStageSummaries(sim)[3].passed;
    sim.advanceTo(80);
    const stages = pipelineStageSummaries(sim);
    for (const st of stages.slice(0, 2)) {
      expect(st.stalledSeconds).toBe(0);
      expect(st.maxQueued).toBeLessThanOrEqual(1);
      expect(st.dropped + st.lost).toBe(0);
    }
    // The source ran free all along: 40,000 events/s.
    expect(sim.summary().producerPausedSeconds).toBe(0);
    expect(sim.summary().produced).toBe(40_000 * 80);
    // Down without a restart: Stage 4 gets nothing after the crash.
    expect(stages[3].passed).toBe(after);
    expect(stages[2].up).toBe(false);
  });
});

describe("a one-stage pipeline", () => {
  const cases: Array<[string, Partial<Scenario>, StageSpec]> = [
    ["the story", {}, { strategy: "unbounded", params: {} }],
    ["block, buffering source", { onPause: "buffer", duration: 20 }, { strategy: "block", params: { capacity: 5000 } }],
    [
      "watermark with a signal delay",
      { duration: 20 },
      { strategy: "watermark", params: { high: 8000, low: 2000, signalDelay: 0.01 } },
    ],
    [
      "drop-oldest, random",
      { arrivals: "poisson", duration: 20 },
      { strategy: "drop-oldest", params: { service: "exponential", consumer: 90_000, capacity: 300 } },
    ],
  ];

  it.each(cases)("equals the single-stage run bit for bit: %s", (_, over, stage) => {
    const p: Pipeline = { shared: shared(over), stages: [stage] };
    const a = createPipelineSimulation(p);
    const b = createSimulation(stageScenario(p.shared, stage));
    a.advanceTo(p.shared.duration);
    b.advanceTo(p.shared.duration);
    expect(sampleColumns(a)).toEqual(sampleColumns(b));
    expect(a.summary()).toEqual(b.summary());
  });

  it.each(cases.filter(([, over, st]) => over.arrivals !== "poisson" && st.params.service === undefined))(
    "run by the pipeline's own loop, counts the same events at every sample: %s",
    (_, over, stage) => {
      const p: Pipeline = { shared: shared({ ...over, duration: Math.min(over.duration ?? 20, 20) }), stages: [stage] };
      const own = modelRun(p, false).sim;
      const single = createSimulation(stageScenario(p.shared, stage));
      own.advanceTo(p.shared.duration);
      single.advanceTo(p.shared.duration);
      const a = sampleColumns(own);
      const b = sampleColumns(single);
      for (const key of ["produced", "consumed", "dropped", "lost", "queued", "inService", "upstreamQueued"])
        expect(a[key], key).toEqual(b[key]);
    },
  );
});

const stageArb: fc.Arbitrary<StageSpec> = fc
  .record({
    strategy: fc.constantFrom(...STAGE_STRATEGIES),
    consumer: fc.integer({ min: 200, max: 6000 }),
    service: fc.constantFrom("constant", "exponential"),
    capacity: fc.integer({ min: 1, max: 400 }),
    high: fc.integer({ min: 1, max: 400 }),
    low: fc.integer({ min: 0, max: 400 }),
    signalDelay: fc.constantFrom(0, 0.001, 0.05),
    memory: fc.integer({ min: 20_000, max: 2_000_000 }),
    restart: fc.constantFrom(0, 0.5, 2),
    maxPollRecords: fc.integer({ min: 1, max: 300 }),
    commit: fc.constantFrom("auto", "batch"),
    autoCommitInterval: fc.constantFrom(0.05, 1, 5),
    rebalance: fc.constantFrom(0, 0.2),
    offsetReset: fc.constantFrom("latest", "earliest"),
    prefetch: fc.integer({ min: 1, max: 300 }),
    lowTide: fc.constantFrom(0.75, 0.5, 1),
    rtt: fc.constantFrom(0.0001, 0.01, 0.2),
    link: fc.constantFrom(1e6, 1e9),
    sndBuf: fc.constantFrom(4096, 16_384, 200_000),
    rcvBuf: fc.constantFrom(4096, 65_536),
  })
  .map(({ strategy, ...params }) => ({ strategy, params: { ...params, baseline: 0 } }) as StageSpec);

describe("conservation at every hop", () => {
  it("holds at every sample of random chains (fast-check)", () => {
    fc.assert(
      fc.property(
        fc.array(stageArb, { minLength: 2, maxLength: 5 }),
        fc.record({
          producer: fc.integer({ min: 200, max: 8000 }),
          arrivals: fc.constantFrom("constant", "poisson"),
          onPause: fc.constantFrom("slow", "buffer", "drop"),
          producerMemory: fc.integer({ min: 10_000, max: 1_000_000 }),
          seed: fc.integer({ min: 1, max: 1000 }),
          bulk: fc.boolean(),
        }),
        (stages, { bulk, ...src }) => {
          const p: Pipeline = { shared: shared({ ...src, duration: 3 } as Partial<Scenario>), stages };
          const { sim, model } = modelRun(p, bulk);
          for (let t = 0.5; t <= 3; t += 0.5) {
            sim.advanceTo(t);
            checkConservation(sim, model());
          }
        },
      ),
      { seed: 14, numRuns: 120 },
    );
  });
});

describe("the closed-form stretches (feed-forward and lockstep)", () => {
  const chains: Array<[string, Pipeline]> = [
    [
      "five default stages",
      { shared: shared({ duration: 30 }), stages: Array(5).fill({ strategy: "unbounded", params: {} }) },
    ],
    [
      "an unbounded hop before the slowest stage",
      {
        shared: shared({ producer: 40_000, duration: 30 }),
        stages: [
          { strategy: "block", params: { consumer: 60_000, capacity: 1000 } },
          { strategy: "unbounded", params: { consumer: 20_000, memory: 300_000_000 } },
          { strategy: "drop-newest", params: { consumer: 60_000, capacity: 1000 } },
        ],
      },
    ],
    [
      "a blocking chain in lockstep with its bottleneck (Stage 2 of 3)",
      {
        shared: shared({ producer: 100_000, duration: 10 }),
        stages: [
          { strategy: "block", params: { consumer: 80_000, capacity: 1000 } },
          { strategy: "block", params: { consumer: 20_000, capacity: 1000 } },
          { strategy: "unbounded", params: { consumer: 60_000 } },
        ],
      },
    ],
    [
      "a blocking chain in lockstep with its sink stage",
      {
        shared: shared({ producer: 100_000, duration: 10 }),
        stages: [
          { strategy: "block", params: { consumer: 80_000, capacity: 1000 } },
          { strategy: "block", params: { consumer: 60_000, capacity: 500 } },
          { strategy: "block", params: { consumer: 20_000, capacity: 2000 } },
        ],
      },
    ],
    [
      "a stall spreading back to the source (the cascade, small queues)",
      {
        shared: shared({ producer: 50_000, duration: 3 }),
        stages: [
          { strategy: "block", params: { consumer: 60_000, capacity: 2000 } },
          { strategy: "block", params: { consumer: 55_000, capacity: 2000 } },
          { strategy: "block", params: { consumer: 40_000, capacity: 2000 } },
        ],
      },
    ],
    [
      "a stall that stops at an unbounded hop",
      {
        shared: shared({ producer: 50_000, duration: 3 }),
        stages: [
          { strategy: "drop-oldest", params: { consumer: 70_000, capacity: 500 } },
          { strategy: "unbounded", params: { consumer: 60_000 } },
          { strategy: "block", params: { consumer: 55_000, capacity: 3000 } },
          { strategy: "block", params: { consumer: 30_000, capacity: 1000 } },
          { strategy: "unbounded", params: { consumer: 80_000 } },
        ],
      },
    ],
    [
      "shedding at the edge",
      {
        shared: shared({ producer: 100_000, duration: 10 }),
        stages: [
          { strategy: "drop-newest", params: { consumer: 40_000, capacity: 5000 } },
          { strategy: "unbounded", params: { consumer: 50_000 } },
          { strategy: "watermark", params: { consumer: 45_000 } },
        ],
      },
    ],
  ];

  chains.push(
    [
      "a Kafka topic with a growing backlog (auto commits)",
      {
        shared: shared({ producer: 20_000, duration: 20 }),
        stages: [
          { strategy: "block", params: { consumer: 30_000, capacity: 1000 } },
          { strategy: "kafka", params: { consumer: 15_000 } },
          { strategy: "unbounded", params: { consumer: 30_000 } },
        ],
      },
    ],
    [
      "five default stages with a Kafka topic in front of Stage 3 (keeping up at its own rate)",
      {
        shared: shared({ duration: 20 }),
        stages: [
          { strategy: "unbounded", params: {} },
          { strategy: "unbounded", params: {} },
          { strategy: "kafka", params: {} },
          { strategy: "unbounded", params: {} },
          { strategy: "unbounded", params: {} },
        ],
      },
    ],
    [
      "a Kafka topic at the source that keeps up, batch commits, a slower stage after it",
      {
        shared: shared({ producer: 10_000, duration: 10 }),
        stages: [
          { strategy: "kafka", params: { consumer: 25_000, commit: "batch" } },
          { strategy: "drop-newest", params: { consumer: 8000, capacity: 2000 } },
        ],
      },
    ],
    [
      "a Kafka topic draining a backlog after a burst, small polls",
      {
        shared: shared({
          producer: 5000,
          duration: 30,
          shape: "burst",
          shapeRate: 40_000,
          shapeAt: 2,
          shapePeriod: 10,
          shapeDuty: 0.2,
        }),
        stages: [
          { strategy: "unbounded", params: { consumer: 50_000 } },
          { strategy: "kafka", params: { consumer: 12_000, maxPollRecords: 100, autoCommitInterval: 1 } },
        ],
      },
    ],
  );

  it.each(chains)("count what the per-event loop counts, at every sample to within one event: %s", (_, p) => {
    const fast = modelRun(p, true);
    const slow = modelRun(p, false);
    fast.sim.advanceTo(p.shared.duration);
    slow.sim.advanceTo(p.shared.duration);
    expect(fast.sim.summary().work.bulkSteps).toBeGreaterThan(0);
    const a = sampleColumns(fast.sim);
    const b = sampleColumns(slow.sim);
    for (const key of ["produced", "consumed", "dropped", "lost", "queued"]) {
      const worst = Math.max(...a[key].map((v, i) => Math.abs(v - b[key][i])));
      expect(worst, key).toBeLessThanOrEqual(1);
    }
    const fs = fast.model().stageSummaries();
    const ss = slow.model().stageSummaries();
    for (const [k, st] of fs.entries()) {
      expect(Math.abs(st.passed - ss[k].passed), `${st.name} passed`).toBeLessThanOrEqual(1);
      expect(Math.abs(st.maxQueued - ss[k].maxQueued), `${st.name} maxQueued`).toBeLessThanOrEqual(2);
      expect(st.oomAt === null, `${st.name} oom`).toBe(ss[k].oomAt === null);
      if (st.hop?.kind === "kafka" && ss[k].hop?.kind === "kafka") {
        const [x, y] = [st.hop, ss[k].hop];
        for (const key of ["appended", "position", "backlog", "polls"] as const)
          expect(Math.abs(x[key] - y[key]), `${st.name} ${key}`).toBeLessThanOrEqual(1);
        expect(Math.abs(x.committed - y.committed), `${st.name} committed`).toBeLessThanOrEqual(
          Number(p.stages[k].params.maxPollRecords ?? 500),
        );
      }
      if (st.oomAt !== null) expect(Math.abs(st.oomAt - ss[k].oomAt!)).toBeLessThan(1e-6);
    }
    const la = fast.sim.summary().latency;
    const lb = slow.sim.summary().latency;
    expect(Math.abs(la.p99 - lb.p99)).toBeLessThanOrEqual(0.01 * lb.p99 + 1e-6);
    expect(Math.abs(la.mean - lb.mean)).toBeLessThanOrEqual(0.01 * lb.mean + 1e-6);
  });
});

describe("budgets and checkpoints", () => {
  const chains: Array<[string, Pipeline]> = [
    [
      "the cascade, small queues",
      {
        shared: shared({ producer: 50_000, duration: 2 }),
        stages: [
          { strategy: "block", params: { consumer: 60_000, capacity: 2000 } },
          { strategy: "block", params: { consumer: 55_000, capacity: 2000 } },
          { strategy: "block", params: { consumer: 40_000, capacity: 2000 } },
        ],
      },
    ],
    [
      "random, watermarks and a crash loop",
      {
        shared: shared({ producer: 5000, arrivals: "poisson", onPause: "buffer", duration: 4 }),
        stages: [
          { strategy: "watermark", params: { consumer: 6000, high: 300, low: 100, signalDelay: 0.01 } },
          {
            strategy: "unbounded",
            params: { consumer: 3000, service: "exponential", memory: 1_000_000, restart: 0.5 },
          },
        ],
      },
    ],
  ];

  itCutsAndClonesExactly(chains, 7, [[0, "queued"]]);
});

describe("closed-form stretches on random constant-rate chains (fast-check)", () => {
  const constantStage: fc.Arbitrary<StageSpec> = fc
    .record({
      strategy: fc.constantFrom("unbounded", "drop-newest", "drop-oldest", "block", "watermark", "kafka" as const),
      maxPollRecords: fc.constantFrom(1, 50, 500),
      commit: fc.constantFrom("auto", "batch"),
      autoCommitInterval: fc.constantFrom(0.1, 5),
      consumer: fc.constantFrom(2000, 4000, 5000, 8000, 10_000, 20_000),
      capacity: fc.integer({ min: 20, max: 3000 }),
      memory: fc.constantFrom(1_000_000, 5_000_000, 6e9),
      restart: fc.constantFrom(0, 0.3),
    })
    .map(({ strategy, ...params }) => ({ strategy, params: { ...params, baseline: 0 } }) as StageSpec);

  it("conserve events at every sample and count what the per-event loop counts, within a few events", () => {
    let withStretches = 0;
    fc.assert(
      fc.property(
        fc.array(constantStage, { minLength: 2, maxLength: 5 }),
        fc.constantFrom(3000, 5000, 10_000, 25_000),
        fc.constantFrom("slow", "buffer", "drop"),
        (stages, producer, onPause) => {
          const p: Pipeline = { shared: shared({ producer, onPause, duration: 2 } as Partial<Scenario>), stages };
          const fast = modelRun(p, true);
          const slow = modelRun(p, false);
          for (let t = 0.5; t <= 2; t += 0.5) {
            fast.sim.advanceTo(t);
            slow.sim.advanceTo(t);
            checkConservation(fast.sim, fast.model());
          }
          if (fast.sim.summary().work.bulkSteps > 0) withStretches++;
          const a = fast.model().stageSummaries();
          const b = slow.model().stageSummaries();
          for (const [k, st] of a.entries()) {
            for (const key of ["arrived", "passed", "dropped", "lost"] as const)
              expect(Math.abs(st[key] - b[k][key]), `${st.name} ${key}`).toBeLessThanOrEqual(3);
          }
        },
      ),
      { seed: 1416, numRuns: 60 },
    );
    // Most of them take closed-form stretches somewhere (the test is about those).
    expect(withStretches).toBeGreaterThan(30);
  });
});
