/** Theory next to the run: measures from the sample columns, and the rows of the theory table. */
import { describe, expect, it } from "vitest";
import { type Simulation } from "../src-sim/engine/simulation";
import { createSimulation } from "../src-sim/models/index";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { SeriesStore } from "../web/runtime/seriesStore";
import { measureRun } from "../web/theory/runMeasures";
import { theoryRows } from "../web/theory/theoryRows";

function runInto(s: Scenario, untilSec: number): { series: SeriesStore; sim: Simulation } {
  const sim = createSimulation(s);
  sim.advanceTo(untilSec);
  const series = new SeriesStore();
  const batch = sim.readSamples(0);
  series.apply(0, batch.count, batch.columns);
  return { series, sim };
}

describe("measureRun(series)", () => {
  it("is null before two samples exist", () => {
    expect(measureRun(new SeriesStore())).toBeNull();
  });

  it("M/M/1 at rho 0.8: L near 4, W near 100 us, throughput near lambda, and Little's law holds", () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, arrivals: "poisson", service: "exponential", producer: 40_000 };
    const { series, sim } = runInto(s, 30);
    const m = measureRun(series)!;
    expect(m.meanInSystem).toBeGreaterThan(3.6);
    expect(m.meanInSystem).toBeLessThan(4.4);
    expect(m.meanLatencySec).toBeCloseTo(1e-4, 5);
    // Within three standard deviations of a Poisson count over 30 s.
    expect(Math.abs(m.throughputPerSec - 40_000)).toBeLessThan(3 * Math.sqrt(40_000 / 30));
    expect(m.throughputPerSec * m.meanLatencySec).toBeCloseTo(m.meanInSystem, 0);
    // The page's figure agrees with the engine's own time average.
    expect(m.meanInSystem).toBeCloseTo(sim.summary().meanInSystem, 0);
  });
});

describe("theoryRows(scenario, measures, oomAt)", () => {
  it("the story: utilisation 2, the fluid slope, and the time-to-OOM formula against the crash", () => {
    const { series, sim } = runInto(DEFAULT_SCENARIO, 130);
    const s = sim.summary();
    const rows = theoryRows(DEFAULT_SCENARIO, measureRun(series), s.oomAt, s.maxQueued);
    expect(rows[0].theory).toBe("2.00");
    expect(rows[0].measured).toBe("2.00");
    const fluid = rows.find((r) => r.label.startsWith("Fluid"))!;
    expect(fluid.theory).toBe("50K/s");
    expect(fluid.measured).toBe("50K/s");
    expect(rows.some((r) => r.label.startsWith("Little"))).toBe(false);
    const oom = rows.find((r) => r.label.startsWith("Time to OOM"))!;
    expect(oom.theory).toContain("120 s");
    expect(oom.measured).toBe("120 s");
  });

  it("a stable M/M/1 shows the Kendall model's L and W", () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, arrivals: "poisson", service: "exponential", producer: 40_000 };
    const { series } = runInto(s, 20);
    const rows = theoryRows(s, measureRun(series), null);
    const labels = rows.map((r) => r.label);
    expect(labels).toContain("M/M/1 mean in system L");
    expect(labels).toContain("M/M/1 mean time in system W");
    expect(labels).toContain("Little's law: L = X × W");
  });

  it("the mechanisms have no rows (their figures are in their own charts)", () => {
    expect(theoryRows({ ...DEFAULT_SCENARIO, strategy: "tcp" }, null, null)).toEqual([]);
  });
});

describe("theory rows under a workload shape (issue 9)", () => {
  it("a burst shows (lambda_b - mu) b and backlog / (mu - lambda), not a steady state", async () => {
    const { theoryRows } = await import("../web/theory/theoryRows");
    const { DEFAULT_SCENARIO } = await import("../src-sim/scenario/params");
    const rows = theoryRows(
      {
        ...DEFAULT_SCENARIO,
        strategy: "drop-newest",
        capacity: 1_000_000,
        producer: 30_000,
        shape: "burst",
        shapeRate: 150_000,
        shapeAt: 10,
      },
      null,
      null,
      600_000,
    );
    expect(rows.map((r) => r.label)).toEqual([
      "Offered load ρ = λ / μ",
      "Backlog after a burst, (λ_b − μ) × b",
      "Time to drain it, backlog / (μ − λ)",
    ]);
    expect(rows[1].theory).toBe("600K (b = 6.0 s)");
    expect(rows[2].theory).toMatch(/^30(\.0)? s; before the next burst$/);
  });
});
