/**
 * docs/DOMAIN.md section 8, invariants 1-4 and 8, as fast-check properties of the engine over random
 * scenarios (every core strategy and producer reaction, constant and random processes, OOMs and
 * restarts reachable). Runs are a few simulated seconds of a few thousand events/s: fast.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type Simulation } from "../src-sim/engine/simulation";
import { createSimulation } from "../src-sim/models/index";
import { SAMPLE_COLUMNS } from "../src-sim/engine/types";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { smallScenario } from "./support/arbitraries";
import { offending, sameBits } from "./support/samples";

const RUN_SEC = 3;
const settings = (seed: number) => ({ seed, numRuns: 120 });

function run(s: Scenario, untilSec = RUN_SEC, stepSec = 0.45): Simulation {
  const sim = createSimulation(s, { sampleIntervalSec: 0.05 });
  for (let t = stepSec; t < untilSec; t += stepSec) sim.advanceTo(t);
  sim.advanceTo(untilSec);
  return sim;
}

/** Random processes, busy enough that bulk stretches happen. */
const randomized = smallScenario.map((s): Scenario => ({
  ...s,
  arrivals: "poisson",
  service: "exponential",
  producer: s.producer + 500,
  consumer: s.consumer + 500,
}));

describe("docs/DOMAIN.md section 8 invariants (engine, fast-check)", () => {
  it("1. produced = consumed + queued + in service + upstream + dropped + lost, at every sample", () => {
    fc.assert(
      fc.property(smallScenario, (s) => {
        const b = run(s).readSamples(0);
        const c = b.columns;
        expect(
          offending(
            b,
            (i) =>
              c.produced[i] !==
              c.consumed[i] + c.queued[i] + c.inService[i] + c.upstreamQueued[i] + c.dropped[i] + c.lost[i],
          ),
        ).toEqual([]);
        // ... and the counters only grow.
        expect(
          offending(
            b,
            (i) =>
              i > 0 &&
              (c.produced[i] < c.produced[i - 1] ||
                c.consumed[i] < c.consumed[i - 1] ||
                c.dropped[i] < c.dropped[i - 1] ||
                c.lost[i] < c.lost[i - 1]),
          ),
        ).toEqual([]);
      }),
      settings(1),
    );
  });

  it("2. 0 <= depth <= capacity for bounded strategies; the unbounded queue never drops and only stops at OOM", () => {
    fc.assert(
      fc.property(smallScenario, (s) => {
        const sim = run(s);
        const b = sim.readSamples(0);
        const c = b.columns;
        if (s.strategy === "unbounded") {
          expect(sim.summary().dropped).toBe(0);
          // Without an OOM nothing limits it: every event produced is consumed or still held.
          if (sim.summary().oomCount === 0) expect(sim.summary().lost).toBe(0);
        } else {
          expect(offending(b, (i) => c.queued[i] < 0 || c.queued[i] > s.capacity)).toEqual([]);
          expect(sim.summary().maxQueued).toBeLessThanOrEqual(s.capacity);
        }
        expect(offending(b, (i) => c.inService[i] !== 0 && c.inService[i] !== 1)).toEqual([]);
      }),
      settings(2),
    );
  });

  it("3. memory = baseline + (queued + in service) x bytes, within the limit; OOM exactly when it would pass", () => {
    fc.assert(
      fc.property(smallScenario, (s) => {
        const sim = run(s);
        const b = sim.readSamples(0);
        const c = b.columns;
        expect(
          offending(
            b,
            (i) =>
              c.consumerUp[i] === 1 && c.memoryBytes[i] !== s.baseline + (c.queued[i] + c.inService[i]) * s.eventBytes,
          ),
        ).toEqual([]);
        expect(offending(b, (i) => c.memoryBytes[i] > s.memory)).toEqual([]);
        const summary = sim.summary();
        const ooms = sim.readEvents(0).filter((e) => e.kind === "oom");
        expect(ooms.length).toBe(summary.oomCount);
        // The limit holds exactly maxHeld events; an OOM loses maxHeld + 1 (the one that passed it).
        const maxHeld = Math.floor((s.memory - s.baseline) / s.eventBytes);
        for (const oom of ooms) expect(oom.value).toBe(maxHeld + 1);
        if (summary.oomCount === 0) expect(summary.peakMemoryBytes).toBeLessThanOrEqual(s.memory);
        else expect(summary.oomAt).toBe(ooms[0].timeSec);
        // With a restart delay the consumer comes back.
        if (s.restart === 0) expect(sim.readEvents(0).some((e) => e.kind === "restart")).toBe(false);
      }),
      settings(3),
    );
  });

  it("4. watermarks: pause and resume alternate; with delay 0 the depth stays within HIGH + one tick", () => {
    const watermark = smallScenario.map((s): Scenario => ({ ...s, strategy: "watermark" }));
    fc.assert(
      fc.property(watermark, (s) => {
        const sim = run(s);
        const summary = sim.summary();
        // Signals alternate: the counts differ by at most one, pause first (an OOM voids a pause).
        const open = summary.signals.pause - summary.signals.resume;
        expect(open).toBeGreaterThanOrEqual(0);
        expect(open).toBeLessThanOrEqual(1 + summary.oomCount);
        const signals = sim.readEvents(0).filter((e) => e.kind === "pause" || e.kind === "resume" || e.kind === "oom");
        const logged = signals.filter((e) => e.kind !== "oom").length;
        // The log thins flapping signals (64 entries per window); check the order where it kept all.
        if (logged === summary.signals.pause + summary.signals.resume) {
          let paused = false;
          for (const e of signals) {
            if (e.kind === "oom") paused = false;
            else {
              expect(e.kind, `at ${e.timeSec}`).toBe(paused ? "resume" : "pause");
              paused = e.kind === "pause";
            }
          }
        }
        if (s.signalDelay === 0) {
          const c = sim.readSamples(0).columns;
          expect(Math.max(...Array.from(c.queued))).toBeLessThanOrEqual(s.high + 1);
        }
      }),
      settings(4),
    );
  });

  it("8. the same seed gives the same run bit for bit; another seed a different one (random processes)", () => {
    fc.assert(
      fc.property(randomized, (s) => {
        const a = run(s).readSamples(0);
        const again = run(s).readSamples(0);
        const other = run({ ...s, seed: s.seed + 1 }).readSamples(0);
        let differs = false;
        for (const name of SAMPLE_COLUMNS) {
          expect(sameBits(again.columns[name], a.columns[name]), name).toBe(true);
          if (!sameBits(other.columns[name], a.columns[name])) differs = true;
        }
        expect(differs).toBe(true);
      }),
      { seed: 8, numRuns: 40 },
    );
  });

  it("8. a run does not depend on how it is stepped: advanceTo in 0.45 s or 0.71 s steps, same samples", () => {
    fc.assert(
      fc.property(randomized, (s) => {
        const a = run(s, RUN_SEC, 0.45).readSamples(0);
        const b = run(s, RUN_SEC, 0.71).readSamples(0);
        for (const name of SAMPLE_COLUMNS) expect(sameBits(b.columns[name], a.columns[name]), name).toBe(true);
      }),
      { seed: 9, numRuns: 40 },
    );
  });

  it("8. clone() is a checkpoint: a clone advanced to the end matches the original bit for bit", () => {
    const s: Scenario = {
      ...DEFAULT_SCENARIO,
      arrivals: "poisson",
      service: "exponential",
      strategy: "watermark",
      producer: 3000,
      consumer: 2000,
      capacity: 500,
      high: 400,
      low: 100,
      signalDelay: 0.01,
      seed: 77,
    };
    const sim = createSimulation(s, { sampleIntervalSec: 0.05 });
    sim.advanceTo(1.234);
    const copy = sim.clone();
    sim.advanceTo(4);
    copy.advanceTo(4);
    const a = sim.readSamples(0);
    const b = copy.readSamples(0);
    for (const name of SAMPLE_COLUMNS) expect(sameBits(b.columns[name], a.columns[name]), name).toBe(true);
    expect(copy.summary()).toEqual(sim.summary());
  });

  it("8. reset() starts over: the same samples as a fresh run", () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, arrivals: "poisson", producer: 3000, consumer: 2500, seed: 5 };
    const sim = createSimulation(s, { sampleIntervalSec: 0.05 });
    sim.advanceTo(2);
    sim.reset();
    sim.advanceTo(2);
    const fresh = createSimulation(s, { sampleIntervalSec: 0.05 });
    fresh.advanceTo(2);
    expect(sim.readSamples(0)).toEqual(fresh.readSamples(0));
  });
});
