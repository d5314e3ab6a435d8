/**
 * The stretch kit (src-sim/engine/stretchKit.ts): its pieces on their own, and every model's
 * bulk path against its per-event path. Constant processes must agree exactly (counts at every
 * sample); random processes too, since the kit's one random-window convention draws each
 * process's own gaps from its stream, as the per-event path does.
 */
import { describe, expect, it } from "vitest";
import { nextExponential, seedRng } from "../src-sim/engine/rng";
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
  const out: Run = { count: 0, first: 0, step: 0, next: 0 };

  it("a constant process's run starts at its scheduled point, one 1/rate apart", () => {
    drawRun(out, seedRng(1), true, 0, 3, 3 / 50, 50, 0.05, 1.05);
    const count = countConstant(0, 3, 50, 1.05);
    expect(out).toEqual({ count, first: 3 / 50, step: 1 / 50, next: (3 + count) / 50 });
  });

  it("a random window is the process's own gaps: the per-event path's count, ends and next event, bit for bit", () => {
    const bulk = seedRng(7);
    const single = seedRng(7);
    const rate = 300;
    let next = 10 + nextExponential(single, rate);
    bulk.set(single);
    for (let w = 0; w < 200; w++) {
      const now = 10 + w * 0.1;
      const end = now + 0.1;
      drawRun(out, bulk, false, 0, 0, next, rate, now, end);
      // One event at a time, as the models' per-event paths: the next event is t + gap.
      let count = 0;
      let first = NaN;
      let last = NaN;
      let t = next;
      while (t < end) {
        if (count === 0) first = t;
        last = t;
        count++;
        t = t + nextExponential(single, rate);
      }
      expect(out.count).toBe(count);
      if (count > 0) {
        expect(out.first).toBe(first);
        expect(out.first + (count - 1) * out.step).toBeCloseTo(last, 12);
      }
      expect(out.next).toBe(t);
      expect(Array.from(bulk)).toEqual(Array.from(single));
      next = out.next;
    }
  });

  it("a random window's count has mean and variance rate x h (within 3 standard errors)", () => {
    const rng = seedRng(42);
    const rate = 200;
    const h = 0.5;
    const trials = 4000;
    let sum = 0;
    let sumSq = 0;
    let next = nextExponential(rng, rate);
    for (let i = 0; i < trials; i++) {
      drawRun(out, rng, false, 0, 0, next, rate, i * h, (i + 1) * h);
      next = out.next;
      sum += out.count;
      sumSq += out.count * out.count;
    }
    const mean = sum / trials;
    const variance = sumSq / trials - mean * mean;
    const se = Math.sqrt((rate * h) / trials);
    expect(Math.abs(mean - rate * h)).toBeLessThan(3 * se);
    expect(Math.abs(variance / (rate * h) - 1)).toBeLessThan(0.1);
  });

  it("a random draw stops once it has found more than maxCount events", () => {
    drawRun(out, seedRng(3), false, 0, 0, 0, 1000, 0, 10, 5);
    expect(out.count).toBe(6);
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

describe("every model's bulk path against its per-event path: random processes, count for count", () => {
  // A random stretch draws each process's own gaps from its stream (the kit's convention), so
  // the counts at every sample are those of the run handled one event at a time.
  const cases: Array<[string, Partial<Scenario>]> = [
    ["queue: M/M/1 overloaded", { producer: 20_000, consumer: 16_000 }],
    ["queue: a crash loop (counted while down)", { producer: 20_000, consumer: 16_000, memory: 1e6, restart: 0.2 }],
    ["queue: watermark", { strategy: "watermark", producer: 20_000, consumer: 16_000, high: 3000, low: 1000 }],
    ["queue: block, buffering producer", { strategy: "block", onPause: "buffer", producer: 20_000, consumer: 16_000 }],
    [
      "reactive: hot publisher dropping",
      { strategy: "reactive", publisher: "hot", overflow: "drop", producer: 20_000, consumer: 16_000 },
    ],
    [
      "reactive: hot publisher buffering",
      { strategy: "reactive", publisher: "hot", overflow: "buffer", producer: 20_000, consumer: 16_000, memory: 1e8 },
    ],
    ["tcp: a blocked hot producer that drops", { strategy: "tcp", onPause: "drop", consumer: 2000 }],
  ];
  it.each(cases)(
    "%s",
    (_name, over) => {
      let bulkSteps = 0;
      for (const seed of [1, 2]) {
        const s: Scenario = { ...DEFAULT_SCENARIO, arrivals: "poisson", service: "exponential", ...over, seed };
        const { bulk, single } = bothPaths({ ...s, duration: 2 }, 2);
        for (const c of ["produced", "consumed", "dropped", "lost", "queued", "upstreamQueued"] as const) {
          expect(Array.from(bulk.column(c)), `${c}, seed ${seed}`).toEqual(Array.from(single.column(c)));
        }
        bulkSteps += bulk.summary().work.bulkSteps;
      }
      expect(bulkSteps, "the bulk path took no stretch").toBeGreaterThan(0);
    },
    120_000,
  );
});
