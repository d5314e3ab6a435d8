/**
 * Issue 9, item 3: workload shapes. The fluid closed forms of a burst (backlog (lambda_b - mu) b,
 * drain time backlog / (mu - lambda)) against constant-arrival runs, within 1%; Poisson arrivals
 * under a sine against the integral of the rate, window by window, within 3 standard errors; the
 * staircase's breakpoints; and runs that do not depend on how they are stepped.
 */
import { describe, expect, it } from "vitest";
import { createSimulation } from "../src-sim/models/index";
import { SAMPLE_COLUMNS } from "../src-sim/engine/types";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { expectedArrivals, nextBreakSec, shapeRate, stairRate } from "../src-sim/scenario/shapes";
import { shapeFigures } from "../src-sim/theory";
import { sameBits } from "./support/samples";

const burst: Scenario = {
  ...DEFAULT_SCENARIO,
  producer: 10_000,
  consumer: 30_000,
  shape: "burst",
  shapeRate: 50_000,
  shapeAt: 10,
  shapePeriod: 60,
  shapeDuty: 0.1,
  duration: 70,
};

function queuedAt(s: Scenario, times: number[]): number[] {
  const sim = createSimulation(s);
  return times.map((t) => {
    sim.advanceTo(t);
    return sim.live().queued;
  });
}

describe("shapes: the rate over time", () => {
  it("burst: on for duty x period every period from the start", () => {
    expect([5, 10, 15.9, 16, 69.9, 70, 76].map((t) => shapeRate(burst, t))).toEqual([
      10_000, 50_000, 50_000, 10_000, 10_000, 50_000, 10_000,
    ]);
    expect([0, 10, 16, 70].map((t) => nextBreakSec(burst, t))).toEqual([10, 16, 70, 76]);
  });

  it("ramp and sine are cut into 100 pieces per period at the midpoint rate", () => {
    const ramp: Scenario = { ...burst, shape: "ramp", shapeAt: 0, shapePeriod: 10 };
    expect(nextBreakSec(ramp, 0)).toBeCloseTo(0.1, 12);
    expect(stairRate(ramp, 0)).toBeCloseTo(10_000 + 40_000 * 0.005, 6);
    expect(nextBreakSec(ramp, 10)).toBe(Infinity);
    expect(stairRate(ramp, 10)).toBe(50_000);
  });

  it("a shape of constant changes nothing: same samples as a run without the shape keys set", () => {
    const a = createSimulation({ ...DEFAULT_SCENARIO, duration: 20, arrivals: "poisson", seed: 4 });
    const b = createSimulation({
      ...DEFAULT_SCENARIO,
      duration: 20,
      arrivals: "poisson",
      seed: 4,
      shapeRate: 7,
      shapeAt: 3,
    });
    a.advanceTo(20);
    b.advanceTo(20);
    for (const name of SAMPLE_COLUMNS)
      expect(sameBits(b.readSamples(0).columns[name], a.readSamples(0).columns[name])).toBe(true);
  });
});

describe("shapes: the burst and drain closed forms (constant arrivals, within 1%)", () => {
  const f = shapeFigures(burst)!;

  it("the fluid figures: backlog (lambda_b - mu) b = 120,000 after 6 s, drained in 120,000 / (mu - lambda) = 6 s", () => {
    expect(f.burstSec).toBe(6);
    expect(f.burstBacklog).toBe(120_000);
    expect(f.drainSec).toBe(6);
    expect(f.absorbed).toBe(true);
  });

  it("the run's backlog at the end of the burst matches (lambda_b - mu) b", () => {
    const [atEnd] = queuedAt(burst, [16]);
    expect(Math.abs(atEnd - f.burstBacklog!) / f.burstBacklog!).toBeLessThan(0.01);
  });

  it("the run drains it in backlog / (mu - lambda)", () => {
    const sim = createSimulation(burst);
    sim.advanceTo(16);
    let drainedAt = NaN;
    for (let k = 161; k <= 300 && Number.isNaN(drainedAt); k++) {
      sim.advanceTo(k / 10);
      if (sim.live().queued === 0) drainedAt = k / 10;
    }
    expect(Math.abs(drainedAt - 16 - f.drainSec!) / f.drainSec!).toBeLessThan(0.01);
  });

  it("bursts repeated too often fill the buffer by (backlog - (mu - lambda)(P - b)) a period", () => {
    const often: Scenario = { ...burst, shapePeriod: 10, shapeDuty: 0.6, duration: 60 };
    const g = shapeFigures(often)!;
    expect(g.absorbed).toBe(false);
    // b = 6 s: 120,000 added, 4 s x 20,000 drained: +40,000 a period.
    expect(g.growthPerPeriod).toBe(40_000);
    const [a, b] = queuedAt(often, [20, 50]);
    expect(Math.abs(b - a - 3 * g.growthPerPeriod!) / (3 * g.growthPerPeriod!)).toBeLessThan(0.01);
  });
});

describe("shapes: Poisson arrivals follow the varying rate (non-homogeneous Poisson process)", () => {
  it("arrivals per 2 s window match the integral of a sine's rate within 3 standard errors", () => {
    const s: Scenario = {
      ...DEFAULT_SCENARIO,
      arrivals: "poisson",
      producer: 2000,
      consumer: 1_000_000,
      shape: "sine",
      shapeRate: 20_000,
      shapeAt: 0,
      shapePeriod: 40,
      duration: 120,
      seed: 11,
    };
    const sim = createSimulation(s);
    sim.advanceTo(120);
    const produced = sim.readSamples(0).columns.produced;
    const z: number[] = [];
    for (let w = 0; w < 60; w++) {
      const n = produced[(w + 1) * 20] - produced[w * 20];
      const expected = expectedArrivals(s, w * 2, (w + 1) * 2);
      z.push((n - expected) / Math.sqrt(expected));
    }
    // Each window within 3 standard errors (60 windows: P(any beyond) ~ 0.16; this seed passes),
    // and no drift: the mean z within 3 standard errors of 0.
    expect(z.filter((v) => Math.abs(v) > 3)).toEqual([]);
    const mean = z.reduce((a, b) => a + b, 0) / z.length;
    expect(Math.abs(mean)).toBeLessThan(3 / Math.sqrt(z.length));
    // The windows do follow the shape: a trough window (0-2 s) holds far fewer than the peak one (19-21 s).
    expect(produced[20] - produced[0]).toBeLessThan((produced[210] - produced[190]) / 3);
  });

  it("a shaped Poisson run does not depend on how it is stepped", () => {
    const s: Scenario = { ...burst, arrivals: "poisson", service: "exponential", seed: 9, duration: 40 };
    const a = createSimulation(s);
    for (let t = 0.45; t < 40; t += 0.45) a.advanceTo(t);
    a.advanceTo(40);
    const b = createSimulation(s);
    b.advanceTo(40);
    for (const name of SAMPLE_COLUMNS)
      expect(sameBits(b.readSamples(0).columns[name], a.readSamples(0).columns[name])).toBe(true);
  });
});
