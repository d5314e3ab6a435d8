/**
 * The Timeline's long runs (statistical tier): a replay of recorded changes over 120 simulated
 * seconds of a random run, and a day-long run's checkpoint bound. The quick Timeline tests are in
 * worker-timeline.test.ts.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { MAX_CHECKPOINTS, Timeline } from "../src-sim/worker/timeline";

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

describe("Timeline", () => {
  it("replays a parameter change recorded mid-run at the same moment", () => {
    const t = new Timeline(noisy);
    t.advanceTo(300);
    t.setScenario({ ...noisy, consumer: 120_000 });
    t.advanceTo(700);
    t.setScenario({ ...noisy, consumer: 30_000, strategy: "unbounded" });
    t.advanceTo(1200);
    const first = column(t, "produced");
    expect(t.changeCount).toBe(2);
    t.seek(50);
    expect(t.sim.scenario.consumer).toBe(noisy.consumer);
    t.seek(1200);
    expect(column(t, "produced")).toEqual(first);
    expect(t.sim.scenario.consumer).toBe(30_000);
  });

  it("keeps at most MAX_CHECKPOINTS checkpoints over a long run", () => {
    const t = new Timeline({ ...story, duration: 86_400, producer: 10, consumer: 20 });
    t.advanceTo(t.endIndex);
    expect(t.checkpointCount).toBeLessThanOrEqual(MAX_CHECKPOINTS + 1);
  });
});
