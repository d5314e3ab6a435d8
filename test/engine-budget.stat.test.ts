/**
 * Bounded work per call (issue 12, item 3): a run advanced in budgets of model steps, stopping
 * at event boundaries wherever a budget runs out, is the run advanced in one call, bit for bit:
 * the same samples, events and summary. The worker relies on it to read its clock (and so its
 * messages) inside a sample that holds a million events.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { StepBudget } from "../src-sim/engine/model";
import type { Simulation } from "../src-sim/engine/simulation";
import { createSimulation } from "../src-sim/models/index";
import type { ScenarioChange } from "../src-sim/scenario/changes";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { Timeline } from "../src-sim/worker/timeline";

interface Case {
  name: string;
  params: Partial<Scenario>;
  changes?: ScenarioChange[];
  /** Simulated seconds to run. */
  untilSec: number;
}

const CASES: readonly Case[] = [
  { name: "queue, constant processes (the story)", params: {}, untilSec: 4 },
  {
    name: "queue, random processes, drop-oldest",
    params: { strategy: "drop-oldest", arrivals: "poisson", service: "exponential", capacity: 500 },
    untilSec: 1,
  },
  {
    name: "watermark, random, heavy (capacity 1, HIGH 1, LOW 0)",
    params: {
      strategy: "watermark",
      capacity: 1,
      high: 1,
      low: 0,
      arrivals: "poisson",
      service: "exponential",
      producer: 600_000,
      consumer: 600_000,
    },
    untilSec: 0.2,
  },
  {
    name: "queue with a burst shape and changes",
    params: { strategy: "drop-newest", capacity: 5_000, arrivals: "poisson", shape: "burst", shapeAt: 0.5 },
    changes: [
      { atSec: 0.7, key: "consumer", value: 80_000 },
      { atSec: 1.2, key: "strategy", value: "watermark" },
    ],
    untilSec: 1.6,
  },
  { name: "TCP", params: { strategy: "tcp", rtt: 0.002 }, untilSec: 1 },
  { name: "Kafka", params: { strategy: "kafka", arrivals: "poisson", producer: 45_000 }, untilSec: 12 },
  {
    name: "Reactive, hot, dropping",
    params: { strategy: "reactive", publisher: "hot", overflow: "drop" },
    untilSec: 2,
  },
  {
    name: "Reactive to queue and back, by changes",
    params: { strategy: "reactive", arrivals: "poisson" },
    changes: [
      { atSec: 0.5, key: "strategy", value: "block" },
      { atSec: 1, key: "strategy", value: "reactive" },
    ],
    untilSec: 1.5,
  },
];

function scenarioOf(c: Case): Scenario {
  return { ...DEFAULT_SCENARIO, ...c.params, duration: Math.max(10, Math.ceil(c.untilSec)) };
}

/** Everything a run shows: every sample column, the event log, the totals and the summary. */
function output(sim: Simulation) {
  return {
    samples: sim.readSamples(0).columns,
    events: sim.readEvents(0),
    eventCount: sim.eventCount,
    totals: sim.eventTotals(),
    summary: sim.summary(),
    live: sim.live(),
  };
}

/**
 * Budgets from 1 step to tens of thousands, spread evenly on a log scale, used in turn; the
 * first is small, so that every run is cut at least once.
 */
const budgets = fc
  .tuple(
    fc.integer({ min: 1, max: 20 }),
    fc.array(
      fc.integer({ min: 0, max: 1_500 }).map((x) => Math.max(1, Math.round(Math.exp(x / 150)))),
      { maxLength: 40 },
    ),
  )
  .map(([first, rest]) => [first, ...rest]);

describe("advancing in step budgets gives the uninterrupted run, bit for bit", () => {
  for (const c of CASES) {
    it(`${c.name}`, () => {
      const scenario = scenarioOf(c);
      const reference = new Timeline(scenario, c.changes ?? []);
      const end = Math.round(c.untilSec / reference.sampleIntervalSec);
      reference.advanceTo(end);
      const expected = output(reference.sim);
      fc.assert(
        fc.property(budgets, (sizes) => {
          const run = new Timeline(scenario, c.changes ?? []);
          let calls = 0;
          let partial = 0;
          while (run.index < end && calls < 10_000_000) {
            const budget: StepBudget = { left: sizes[calls % sizes.length] };
            const reached = run.advanceTo(end, budget);
            calls++;
            if (reached !== true) partial++;
            expect(budget.left).toBeGreaterThanOrEqual(0);
            expect(reached === true).toBe(run.index >= end);
          }
          expect(run.index).toBe(end);
          // The budgets did cut the run (most calls stopped short).
          expect(partial).toBeGreaterThan(0);
          expect(output(run.sim)).toEqual(expected);
        }),
        { numRuns: 4, seed: 12 },
      );
    });
  }

  it("a Simulation cut in budgets inside samples of 120,000 events matches one call", () => {
    const scenario = scenarioOf(CASES[2]);
    const whole = createSimulation(scenario);
    whole.advanceTo(0.2);
    const cut = createSimulation(scenario);
    let calls = 0;
    while (cut.advanceTo(0.2, { left: 997 }) !== true && calls < 1e6) calls++;
    // About 240,000 events in budgets of 997: hundreds of calls, most of them inside a sample.
    expect(calls).toBeGreaterThan(100);
    expect(output(cut)).toEqual(output(whole));
  });

  it("a budget is honoured: the queue model takes at most that many steps per call", () => {
    const sim = createSimulation(scenarioOf(CASES[2]));
    const steps = () => sim.summary().work.perEventSteps + sim.summary().work.bulkSteps;
    let before = steps();
    for (let i = 0; i < 200; i++) {
      const budget = { left: 1 + ((i * 37) % 500) };
      const size = budget.left;
      sim.advanceTo(0.1, budget);
      const after = steps();
      expect(after - before).toBeLessThanOrEqual(size);
      expect(after - before).toBe(size - budget.left);
      before = after;
    }
  });

  it("a partial advance leaves the sample under way unrecorded until it is reached", () => {
    const sim = createSimulation(scenarioOf(CASES[2]));
    expect(sim.advanceTo(0.1, { left: 1_000 })).toBe(false);
    expect(sim.sampleCount).toBe(1);
    expect(sim.sampleUnderWay).toBe(true);
    expect(sim.timeSec).toBeGreaterThan(0);
    expect(sim.timeSec).toBeLessThan(0.1);
    sim.advanceTo(0.1);
    expect(sim.sampleCount).toBe(2);
    expect(sim.sampleUnderWay).toBe(false);
    expect(sim.timeSec).toBe(0.1);
  });
});

describe("Timeline: a sample under way", () => {
  const heavy = scenarioOf(CASES[2]);

  it("frames read the moment last recorded: live state and events stay at the sample", () => {
    const t = new Timeline(heavy);
    t.advanceTo(1);
    const live = t.sim.live();
    const events = t.sim.eventCount;
    const totals = t.sim.eventTotals();
    expect(t.advanceTo(2, { left: 5_000 })).toBe(false);
    expect(t.index).toBe(1);
    expect(t.sampleUnderWay).toBe(true);
    // The engine has moved on inside the sample; what the timeline shows has not.
    expect(t.sim.eventCount).toBeGreaterThan(events);
    expect(t.live()).toEqual(live);
    expect(t.eventCount).toBe(events);
    expect(t.eventTotals()).toEqual(totals);
    expect(t.readEvents(0)).toEqual(t.sim.readEvents(0).slice(0, events));
  });

  it("a change made while a sample is under way applies once that sample is recorded", () => {
    const t = new Timeline(heavy);
    t.advanceTo(1);
    t.advanceTo(2, { left: 5_000 });
    t.setScenario({ ...heavy, consumer: 1_500_000 });
    expect(t.index).toBe(2);
    expect(t.changeList).toEqual([{ atSec: 0.2, key: "consumer", value: 1_500_000 }]);
    t.advanceTo(3);
    // The same run as one with the change on its timeline from the start.
    const plain = new Timeline(heavy, t.changeList);
    plain.advanceTo(3);
    expect(output(t.sim)).toEqual(output(plain.sim));
  });

  it("a seek back from inside a sample replays from a checkpoint, as from anywhere else", () => {
    const t = new Timeline(heavy);
    t.advanceTo(1);
    const at1 = output(t.sim);
    t.advanceTo(2);
    t.advanceTo(3, { left: 5_000 });
    expect(t.sampleUnderWay).toBe(true);
    t.seek(1);
    expect(t.sampleUnderWay).toBe(false);
    expect(output(t.sim)).toEqual(at1);
  });
});
