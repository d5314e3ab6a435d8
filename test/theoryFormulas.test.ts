import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO } from "../src-sim/scenario/params";
import {
  dd1,
  dm1,
  drainTimeSec,
  fluidQueue,
  littleL,
  md1,
  mm1,
  mm1k,
  scenarioModel,
  timeToOomSec,
  watermarkCycle,
} from "../src-sim/theory";

describe("theory formulas (docs/DOMAIN.md section 7)", () => {
  it("timeToOomSec(6 GB, 0, 100k, 50k, 1000 B) is the story's 120 s", () => {
    expect(timeToOomSec(6e9, 0, 100_000, 50_000, 1000)).toBe(120);
    expect(timeToOomSec(6e9, 3e9, 100_000, 50_000, 1000)).toBe(60);
    expect(timeToOomSec(6e9, 0, 50_000, 50_000, 1000)).toBe(Infinity);
    expect(timeToOomSec(6e9, 7e9, 100_000, 50_000, 1000)).toBe(0);
  });

  it("fluidQueue and drainTimeSec", () => {
    expect(fluidQueue(100_000, 50_000, 60)).toBe(3_000_000);
    expect(fluidQueue(10, 50, 60)).toBe(0);
    expect(drainTimeSec(3_000_000, 0, 50_000)).toBe(60); // the story's 60 s of latency
    expect(drainTimeSec(100, 50, 50)).toBe(Infinity);
    expect(drainTimeSec(0, 50, 50)).toBe(0);
  });

  it("mm1(lambda, mu): L = rho/(1-rho), W = 1/(mu-lambda), Lq = rho^2/(1-rho); null when rho >= 1", () => {
    const f = mm1(800, 1000)!;
    expect(f.rho).toBeCloseTo(0.8, 12);
    expect(f.L).toBeCloseTo(4, 12);
    expect(f.W).toBeCloseTo(1 / 200, 12);
    expect(f.Lq).toBeCloseTo(0.64 / 0.2, 12);
    expect(f.L).toBeCloseTo(littleL(800, f.W), 12);
    expect(mm1(1000, 1000)).toBeNull();
  });

  it("md1 has half the M/M/1 queueing; dd1 never waits; dm1 lies below M/M/1", () => {
    expect(md1(800, 1000)!.Lq).toBeCloseTo(mm1(800, 1000)!.Lq / 2, 12);
    expect(dd1(800, 1000)).toMatchObject({ L: 0.8, Lq: 0, W: 1 / 1000 });
    const d = dm1(800, 1000)!;
    expect(d.Wq).toBeGreaterThan(0);
    expect(d.Wq).toBeLessThan(mm1(800, 1000)!.Wq);
    // The G/M/1 root solves sigma = exp(-(1 - sigma) / rho).
    const sigma = (d.Wq * 1000) / (1 + d.Wq * 1000);
    expect(sigma).toBeCloseTo(Math.exp(-(1 - sigma) / 0.8), 9);
  });

  it("mm1k matches the explicit sum of p_n = rho^n / sum, below, at and above rho = 1", () => {
    for (const [lambda, mu, K] of [
      [900, 1000, 5],
      [1000, 1000, 7],
      [1500, 1000, 4],
      [3, 1, 40],
    ] as const) {
      const w = Array.from({ length: K + 1 }, (_, n) => Math.pow(lambda / mu, n));
      const total = w.reduce((a, b) => a + b, 0);
      const r = mm1k(lambda, mu, K);
      expect(r.loss).toBeCloseTo(w[K] / total, 10);
      expect(r.L).toBeCloseTo(
        w.reduce((sum, x, n) => sum + (n * x) / total, 0),
        8,
      );
    }
    expect(mm1k(2e6, 1, 1e8).loss).toBeCloseTo(1 - 1 / 2e6, 9); // no overflow at huge K
  });

  it("watermarkCycle: fill (H-L)/(lambda-mu), drain (H-L)/mu", () => {
    const c = watermarkCycle(100_000, 50_000, 8000, 2000)!;
    expect(c.fillSec).toBeCloseTo(0.12, 12);
    expect(c.drainSec).toBeCloseTo(0.12, 12);
    expect(c.flapsPerSec).toBeCloseTo(1 / 0.24, 9);
    expect(watermarkCycle(100, 100, 10, 5)).toBeNull();
    expect(watermarkCycle(200, 100, 10, 10)!.drainSec).toBe(0.01); // HIGH = LOW: one event wide
  });

  it("scenarioModel(default) is the story: D/D/1, rho 2, 50,000 events/s, OOM after 120 s at 6,000,000 events", () => {
    expect(scenarioModel({ ...DEFAULT_SCENARIO })).toMatchObject({
      kendall: "D/D/1",
      rho: 2,
      fluidGrowthPerSec: 50_000,
      timeToOomSec: 120,
      oomQueueEvents: 6_000_000,
      steadyState: null,
    });
    const m = scenarioModel({
      ...DEFAULT_SCENARIO,
      arrivals: "poisson",
      service: "exponential",
      producer: 800,
      consumer: 1000,
      strategy: "drop-newest",
      capacity: 4,
    });
    expect(m.kendall).toBe("M/M/1");
    expect(m.steadyState!.L).toBeCloseTo(4, 9);
    expect(m.bounded!.lossProbability).toBeCloseTo(mm1k(800, 1000, 5).loss, 12);
  });
});
