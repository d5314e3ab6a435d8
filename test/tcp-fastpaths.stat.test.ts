/**
 * Issue 16, item 3: the TCP model's fast path against its step-by-step path.
 *
 * While no fine sampler reads every step, the TCP model keeps the envelope of its level columns
 * itself (models/tcp/stepEnvelope.ts) instead of reporting each segment, ACK, read and write to
 * the engine. That must not change a run: the same samples bit for bit (every column, the
 * envelopes included), the same logged events and the same summary, over random TCP scenarios,
 * with and without the blocked producer's bulk ticks, across a change of parameters, cut by step
 * budgets, copied mid-run, and for every TCP preset. A fine sampler (the page's zoom) switches
 * the model back to the step-by-step path and reads the same fine samples.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StepBudget } from "../src-sim/engine/model";
import { Simulation, type SimulationOptions } from "../src-sim/engine/simulation";
import { SAMPLE_COLUMNS } from "../src-sim/engine/types";
import { createModel, createSimulation } from "../src-sim/models";
import { TcpModel } from "../src-sim/models/tcp/model";
import { decodeScenario } from "../src-sim/scenario/codec";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { PRESETS } from "../src-sim/scenario/presets";
import { sameBits } from "./support/samples";

/** A run whose TCP model reports every step to the engine (the step-by-step path). */
function stepByStep(s: Scenario, options: SimulationOptions = {}): Simulation {
  return new Simulation(
    s,
    (ctx, scenario, startSec, bulk) => {
      const m = createModel(ctx, scenario, startSec, bulk);
      if (m instanceof TcpModel) m.quietSteps = false;
      return m;
    },
    options,
  );
}

/** Columns whose bits differ between two runs, and whether their logs and summaries agree. */
function differences(a: Simulation, b: Simulation): string[] {
  const x = a.readSamples(0);
  const y = b.readSamples(0);
  const bad = SAMPLE_COLUMNS.filter((c) => !sameBits(x.columns[c], y.columns[c])) as string[];
  if (x.count !== y.count) bad.push("sample count");
  if (JSON.stringify(a.readEvents(0)) !== JSON.stringify(b.readEvents(0))) bad.push("events");
  if (JSON.stringify(a.summary()) !== JSON.stringify(b.summary())) bad.push("summary");
  if (JSON.stringify(a.modelFigures()) !== JSON.stringify(b.modelFigures())) bad.push("figures");
  return bad;
}

/** Random TCP scenarios small enough to run a few seconds of in milliseconds. */
const tcpScenario: fc.Arbitrary<Scenario> = fc
  .record({
    producer: fc.integer({ min: 1, max: 20_000 }),
    consumer: fc.integer({ min: 1, max: 20_000 }),
    arrivals: fc.constantFrom("constant", "poisson" as const),
    service: fc.constantFrom("constant", "exponential" as const),
    eventBytes: fc.integer({ min: 1, max: 5000 }),
    mss: fc.integer({ min: 100, max: 9000 }),
    rtt: fc.double({ min: 0.0005, max: 0.3, noNaN: true }),
    link: fc.constantFrom(1e6, 1e7, 1e8, 1e9),
    rcvBuf: fc.integer({ min: 1000, max: 1 << 20 }),
    rcvBufAuto: fc.constantFrom("on", "off" as const),
    sndBuf: fc.integer({ min: 1000, max: 1 << 20 }),
    sndBufAuto: fc.constantFrom("on", "off" as const),
    delayedAck: fc.constantFrom("on", "off" as const),
    onPause: fc.constantFrom("slow", "buffer", "drop" as const),
    producerMemory: fc.integer({ min: 1000, max: 1e8 }),
    seed: fc.integer({ min: 1, max: 1000 }),
  })
  .map((r): Scenario => ({ ...DEFAULT_SCENARIO, strategy: "tcp", ...r }));

describe("the TCP model's own step envelope against the step-by-step path", () => {
  it("gives the same run bit for bit over random TCP scenarios, bulk ticks or not", () => {
    fc.assert(
      fc.property(tcpScenario, fc.boolean(), (s, bulk) => {
        const fast = createSimulation(s, { bulk });
        const slow = stepByStep(s, { bulk });
        fast.advanceTo(3);
        slow.advanceTo(3);
        expect(differences(fast, slow)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it("gives the same run bit for bit across a change of parameters", () => {
    fc.assert(
      fc.property(tcpScenario, tcpScenario, (s, next) => {
        const fast = createSimulation(s);
        const slow = stepByStep(s);
        for (const sim of [fast, slow]) {
          sim.advanceTo(1.5);
          sim.setScenario({ ...next, seed: s.seed });
          sim.advanceTo(3);
        }
        expect(differences(fast, slow)).toEqual([]);
      }),
      { numRuns: 30 },
    );
  });

  it("cut by step budgets and copied mid-run: the same run as one uninterrupted step-by-step call", () => {
    fc.assert(
      fc.property(tcpScenario, fc.integer({ min: 20, max: 2000 }), (s, steps) => {
        const slow = stepByStep(s);
        slow.advanceTo(1);
        let cut = createSimulation(s);
        let calls = 0;
        for (;;) {
          const budget: StepBudget = { left: steps };
          if (cut.advanceTo(1, budget)) break;
          // Every third stop continues in a copy (a checkpoint) instead of the original.
          if (++calls % 3 === 0) cut = cut.clone();
        }
        expect(differences(cut, slow)).toEqual([]);
      }),
      { numRuns: 20 },
    );
  });

  const presets = PRESETS.filter((p) => p.family === "tcp").map((p): [string, Scenario] => [
    `preset ${p.id}`,
    decodeScenario(p.query).scenario,
  ]);
  presets.push(["the default workload", { ...DEFAULT_SCENARIO, strategy: "tcp" }]);
  presets.push(["4 MiB buffers", { ...DEFAULT_SCENARIO, strategy: "tcp", sndBuf: 4 << 20, rcvBuf: 4 << 20 }]);
  it.each(presets)(
    "%s: the same run bit for bit (first 3 s)",
    (_name, s) => {
      const fast = createSimulation(s);
      const slow = stepByStep(s);
      fast.advanceTo(3);
      slow.advanceTo(3);
      expect(differences(fast, slow)).toEqual([]);
    },
    60_000,
  );

  it("a fine sampler reads every step: the same fine samples as on the step-by-step path", () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, strategy: "tcp", rcvBufAuto: "off" };
    const read = (sim: Simulation) => {
      sim.advanceTo(1);
      const fine = sim.sampleFinely({ fromSec: 1, toSec: 1.2, perSample: 20 });
      sim.advanceTo(1.2);
      sim.stopFineSampling();
      sim.advanceTo(1.5);
      return fine.result();
    };
    const fast = createSimulation(s);
    const slow = stepByStep(s);
    const a = read(fast);
    const b = read(slow);
    expect(a.count).toBeGreaterThan(0);
    expect(SAMPLE_COLUMNS.filter((c) => !sameBits(a.columns[c], b.columns[c]))).toEqual([]);
    expect(differences(fast, slow)).toEqual([]);
  });
});
