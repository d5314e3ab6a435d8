import { describe, expect, it } from "vitest";
import { createSimulation } from "../src-sim/models/index";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { sameSimulation } from "../src-sim/scenario/sameSimulation";
import { Timeline, sampleIntervalFor } from "../src-sim/worker/timeline";

const story: Scenario = { ...DEFAULT_SCENARIO };
const noisy: Scenario = {
  ...DEFAULT_SCENARIO,
  arrivals: "poisson",
  service: "exponential",
  strategy: "watermark",
  seed: 7,
};

function column(t: Timeline, name: "queued" | "produced"): number[] {
  return Array.from(t.sim.readSamples(0).columns[name]);
}

describe("sampleIntervalFor", () => {
  it("sampleIntervalFor(180) is 0.1 s", () => expect(sampleIntervalFor(180)).toBe(0.1));
  it("sampleIntervalFor(86400) keeps a day within 20,000 samples", () => {
    const interval = sampleIntervalFor(86_400);
    expect(86_400 / interval).toBeLessThanOrEqual(20_000);
    expect(interval).toBe(5);
  });
});

describe("sameSimulation", () => {
  it("ignores t, the moment to open at", () => expect(sameSimulation(story, { ...story, t: 42 })).toBe(true));
  it("sees a rate change", () => expect(sameSimulation(story, { ...story, consumer: 60_000 })).toBe(false));
});

describe("Timeline", () => {
  it("advanceTo(100) stands at 10 s with 500K queued in the story", () => {
    const t = new Timeline(story);
    t.advanceTo(100);
    expect(t.timeSec).toBeCloseTo(10, 9);
    expect(t.sim.live().queued).toBe(500_000);
  });

  it("matches a plain engine advanced sample by sample", () => {
    const t = new Timeline(noisy);
    t.advanceTo(600);
    const plain = createSimulation(noisy, { sampleIntervalSec: 0.1 });
    for (let k = 1; k <= 600; k++) plain.advanceTo(k * 0.1);
    expect(column(t, "queued")).toEqual(Array.from(plain.readSamples(0).columns.queued));
  });

  it("seek back then forward replays a random run bit for bit", () => {
    const t = new Timeline(noisy);
    t.advanceTo(900);
    const first = column(t, "queued");
    const live = t.sim.live();
    t.seek(123);
    expect(t.index).toBe(123);
    expect(column(t, "queued")).toEqual(first.slice(0, 124));
    t.seek(900);
    expect(column(t, "queued")).toEqual(first);
    expect(t.sim.live()).toEqual(live);
  });

  it("a change after seeking back rewrites the future", () => {
    const t = new Timeline(story);
    t.advanceTo(500);
    t.setScenario({ ...story, consumer: 60_000 });
    t.advanceTo(1000);
    t.seek(200);
    t.setScenario({ ...story, consumer: 100_000 });
    expect(t.changeCount).toBe(1);
    t.advanceTo(1000);
    // From 20 s on the consumer keeps up: the queue stays where it was at 20 s.
    expect(t.sim.live().queued).toBe(1_000_000);
  });

  it("setScenario at t = 0 restarts with the new scenario and a new generation", () => {
    const t = new Timeline(story);
    const gen = t.generation;
    expect(t.setScenario({ ...story, producer: 70_000 })).toBe(true);
    expect(t.generation).toBe(gen + 1);
    expect(t.changeCount).toBe(0);
  });

  it("a duration that needs a coarser grid restarts the run", () => {
    const t = new Timeline(story);
    t.advanceTo(50);
    expect(t.setScenario({ ...story, duration: 86_400 })).toBe(true);
    expect(t.sampleIntervalSec).toBe(5);
    expect(t.index).toBe(0);
  });
});
