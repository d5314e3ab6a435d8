/**
 * The pause and resume signal counts are sample columns, so the page can show them (and their
 * rate) at any moment of a run, paused or playing, from the same samples the charts draw.
 */
import { describe, expect, it } from "vitest";
import { createSimulation } from "../src-sim/models/index";
import { presetById } from "../src-sim/scenario/presets";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";

function run(params: Partial<Scenario>, untilSec: number) {
  const sim = createSimulation({ ...DEFAULT_SCENARIO, ...params });
  sim.advanceTo(untilSec);
  return sim;
}

describe("signal count columns", () => {
  it("end at the summary's signal counts and never decrease", () => {
    const sim = run({ strategy: "watermark" }, 5);
    const pause = sim.column("pauseSignals");
    const resume = sim.column("resumeSignals");
    const { signals } = sim.summary();
    expect(signals.pause).toBeGreaterThan(10);
    expect(pause[pause.length - 1]).toBe(signals.pause);
    expect(resume[resume.length - 1]).toBe(signals.resume);
    for (let i = 1; i < pause.length; i++) {
      expect(pause[i]).toBeGreaterThanOrEqual(pause[i - 1]);
      expect(resume[i]).toBeGreaterThanOrEqual(resume[i - 1]);
    }
  });

  it("count thousands of signals per second in the flapping preset", () => {
    const sim = run(presetById("no-hysteresis")!.params, 10);
    const pause = sim.column("pauseSignals");
    const resume = sim.column("resumeSignals");
    const k = pause.length - 1;
    const perSec = (pause[k] - pause[k - 1] + resume[k] - resume[k - 1]) / sim.sampleIntervalSec;
    expect(perSec).toBeGreaterThan(1000);
  });

  it("stay at zero where no watermark signals", () => {
    const sim = run({}, 5);
    expect(Math.max(...sim.column("pauseSignals"))).toBe(0);
  });
});
