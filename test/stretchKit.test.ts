/**
 * The stretch kit (src-sim/engine/stretchKit.ts): its pieces on their own, and every model's
 * bulk path against its per-event path. Constant processes must agree exactly (counts at every
 * sample); random processes, drawn by the kit's one Poisson-window convention, must agree in
 * distribution (means over seeds within a few standard errors).
 */
import { describe, expect, it } from "vitest";
import { seedRng } from "../src-sim/engine/rng";
import {
  constantHorizon,
  countConstant,
  countThrough,
  drawRun,
  MIN_RANDOM_ROOM,
  randomHorizon,
  timeToGo,
  type Run,
} from "../src-sim/engine/stretchKit";
import { createSimulation } from "../src-sim/models/index";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";

describe("counting a constant process", () => {
  it("countConstant(origin, index, rate, end) counts the points strictly before end, as the per-event path places them", () => {
    const origin = 0.3;
    const rate = 7;
    for (const end of [0.3, 0.31, 1, 1.3, 1.3000000001, 10]) {
      let expected = 0;
      for (let k = 2; origin + k / rate < end; k++) expected++;
      expect(countConstant(origin, 2, rate, end)).toBe(expected);
    }
  });

  it("countThrough(...) also counts a point exactly at t", () => {
    expect(countThrough(0, 0, 10, 0.5)).toBe(countConstant(0, 0, 10, 0.5) + 1);
  });
});

describe("drawRun: one convention for every model", () => {
  const out: Run = { count: 0, first: 0, step: 0 };

  it("a constant process's run starts at its scheduled point, one 1/rate apart", () => {
    drawRun(out, seedRng(1), true, 0, 3, 3 / 50, 50, 0.05, 1.05);
    expect(out).toEqual({ count: countConstant(0, 3, 50, 1.05), first: 3 / 50, step: 1 / 50 });
  });

  it("a Poisson window's count has mean and variance rate x h (within 3 standard errors), spread evenly from h/(2N)", () => {
    const rng = seedRng(42);
    const rate = 200;
    const h = 0.5;
    const trials = 4000;
    let sum = 0;
    let sumSq = 0;
    for (let i = 0; i < trials; i++) {
      drawRun(out, rng, false, 0, 0, NaN, rate, 10, 10 + h);
      sum += out.count;
      sumSq += out.count * out.count;
      expect(out.step).toBeCloseTo(h / Math.max(1, out.count), 12);
      expect(out.first).toBeCloseTo(10 + out.step / 2, 12);
    }
    const mean = sum / trials;
    const variance = sumSq / trials - mean * mean;
    const se = Math.sqrt((rate * h) / trials);
    expect(Math.abs(mean - rate * h)).toBeLessThan(3 * se);
    expect(Math.abs(variance / (rate * h) - 1)).toBeLessThan(0.1);
  });
});

describe("horizon sizing", () => {
  it("constantHorizon keeps a level two events inside its bounds, and refuses without room", () => {
    expect(constantHorizon(100, 50, 200, 0)).toBeCloseTo((200 - 100 - 2) / 50, 12);
    expect(constantHorizon(100, -50, 200, 0)).toBeCloseTo((100 - 2) / 50, 12);
    expect(constantHorizon(100, 0, 200, 0)).toBe(Infinity);
    expect(constantHorizon(199, 10, 200, 0)).toBeNaN();
  });

  it("randomHorizon uses half the room on average, and refuses below MIN_RANDOM_ROOM", () => {
    expect(randomHorizon(1000, 100)).toBe(5);
    expect(randomHorizon(MIN_RANDOM_ROOM - 1, 100)).toBeNaN();
    expect(randomHorizon(1000, 0)).toBe(Infinity);
  });

  it("timeToGo sums end minus each instant of a run", () => {
    expect(timeToGo(10, 1, 2, 3)).toBe(9 + 7 + 5);
    expect(timeToGo(10, 1, 2, 0)).toBe(0);
  });
});

/** Runs a scenario with and without bulk stretches and returns both runs' final summaries. */
function bothPaths(s: Scenario, untilSec: number) {
  const run = (bulk: boolean) => {
    const sim = createSimulation(s, { bulk });
    sim.advanceTo(untilSec);
    return sim;
  };
  return { bulk: run(true), single: run(false) };
}

describe("every model's bulk path against its per-event path: constant processes, count for count", () => {
  const cases: Array<[string, Partial<Scenario>]> = [
    ["queue: the story", {}],
    ["queue: watermark", { strategy: "watermark" }],
    ["queue: block, producer buffers", { strategy: "block", onPause: "buffer" }],
    ["reactive: cold", { strategy: "reactive" }],
    ["reactive: hot, drop", { strategy: "reactive", publisher: "hot", overflow: "drop" }],
    ["reactive: hot, buffer", { strategy: "reactive", publisher: "hot", overflow: "buffer", memory: 1e8 }],
    ["tcp: a blocked hot producer that drops", { strategy: "tcp", onPause: "drop", consumer: 2000 }],
  ];
  it.each(cases)("%s", (_name, over) => {
    const { bulk, single } = bothPaths({ ...DEFAULT_SCENARIO, ...over, duration: 3 }, 3);
    for (const c of ["produced", "consumed", "dropped", "lost", "queued", "upstreamQueued"] as const) {
      expect(Array.from(bulk.column(c)), c).toEqual(Array.from(single.column(c)));
    }
    expect(bulk.summary().work.bulkSteps).toBeGreaterThan(0);
  });
});

describe("every model's bulk path against its per-event path: random processes, in distribution", () => {
  // Means over seeds of a figure; the two paths must agree within 4 standard errors of the difference.
  const cases: Array<[string, Partial<Scenario>, "consumed" | "dropped" | "lost"]> = [
    [
      "queue: M/M/1 overloaded",
      { arrivals: "poisson", service: "exponential", producer: 20_000, consumer: 16_000 },
      "consumed",
    ],
    [
      "queue: a crash loop (counted while down)",
      { arrivals: "poisson", service: "exponential", producer: 20_000, consumer: 16_000, memory: 1e6, restart: 0.2 },
      "lost",
    ],
    [
      "reactive: hot publisher dropping",
      {
        strategy: "reactive",
        publisher: "hot",
        overflow: "drop",
        arrivals: "poisson",
        service: "exponential",
        producer: 20_000,
        consumer: 16_000,
      },
      "dropped",
    ],
  ];
  it.each(cases)(
    "%s",
    (_name, over, figure) => {
      const seeds = [1, 2, 3, 4, 5, 6];
      let bulkSteps = 0;
      const values = (bulk: boolean) =>
        seeds.map((seed) => {
          const sim = createSimulation({ ...DEFAULT_SCENARIO, ...over, seed, duration: 2 }, { bulk });
          sim.advanceTo(2);
          if (bulk) bulkSteps += sim.summary().work.bulkSteps;
          return sim.summary()[figure];
        });
      const stats = (xs: number[]) => {
        const mean = xs.reduce((a, b) => a + b, 0) / xs.length;
        const v = xs.reduce((a, b) => a + (b - mean) ** 2, 0) / (xs.length - 1);
        return { mean, se2: v / xs.length };
      };
      const a = stats(values(true));
      const b = stats(values(false));
      expect(a.mean).toBeGreaterThan(0);
      expect(bulkSteps, "the bulk path took no stretch").toBeGreaterThan(0);
      // A floor on the error: with few seeds the sample variance can come out tiny.
      const se = Math.sqrt(a.se2 + b.se2 + (0.002 * a.mean) ** 2);
      expect(Math.abs(a.mean - b.mean)).toBeLessThan(4 * se);
    },
    120_000,
  );
});
