/**
 * Sweeps for decisions (src-sim/sweep/presets.ts): each link opens without a warning, and what
 * its text claims holds in the runs it makes.
 */
import { describe, expect, it } from "vitest";
import { decodeScenario } from "../src-sim/scenario/codec";
import { parseSweepView } from "../src-sim/sweep/link";
import { SWEEP_PRESETS } from "../src-sim/sweep/presets";
import { runTask, sweepTasks } from "../src-sim/sweep/run";

const preset = (id: string) => SWEEP_PRESETS.find((p) => p.id === id)!;

/** The preset's tasks, as the page would make them from its link. */
function tasksOf(id: string) {
  const link = decodeScenario(preset(id).query);
  const { request } = parseSweepView(link.view);
  return sweepTasks(link.scenario, request!.definition, request!.strategies, null, link.changes, request!.variants);
}

describe("sweep presets", () => {
  it.each(SWEEP_PRESETS.map((p) => [p.id]))("%s opens without a warning and sweeps what it says", (id) => {
    const link = decodeScenario(preset(id).query);
    expect(link.warnings).toEqual([]);
    const parsed = parseSweepView(link.view);
    expect(parsed.warnings).toEqual([]);
    expect(parsed.request).toEqual(preset(id).sweep);
  });

  it("M/M/1 beside M/D/1: near saturation the deterministic server's p99 is well below the exponential one's", () => {
    const tasks = tasksOf("sweep-mm1-md1");
    const top = tasks.slice(-2).map(runTask);
    expect(top.map((r) => r.variant)).toEqual(["exponential", "constant"]);
    expect(top[1].figures.latencyP99!).toBeLessThan(0.8 * top[0].figures.latencyP99!);
    const bottom = runTask(tasks[0]);
    expect(top[0].figures.latencyP99!).toBeGreaterThan(10 * bottom.figures.latencyP99!); // the hockey stick
  });

  it("a buffer for the burst: nothing dropped and the producer never stalled once it holds the 600K surplus", () => {
    const rows = tasksOf("sweep-buffer-for-burst").map(runTask);
    for (const r of rows) {
      const big = r.value >= 600_000;
      if (r.strategy === "block") expect(r.figures.producerStoppedPct! > 0).toBe(!big);
      else expect(r.figures.dropped! > 0).toBe(!big);
    }
  }, 60_000);
});
