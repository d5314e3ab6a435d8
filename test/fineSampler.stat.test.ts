/**
 * Zooming into time: a window of a run sampled finely. The fine sampler reads the run without
 * changing it (the model still advances on the run's own grid, where random stretches are cut),
 * so a window re-simulated from a checkpoint is the same run as the overview, and equals, sample
 * for sample and bit for bit, the same window of a run read finely from t = 0.
 */
import { describe, expect, it } from "vitest";
import { createSimulation } from "../src-sim/models/index";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { envelopeOf, LEVEL_COLUMNS, SAMPLE_COLUMNS } from "../src-sim/scenario/columns";
import type { SampleBatch } from "../src-sim/engine/types";
import { Timeline } from "../src-sim/worker/timeline";

const WINDOW = { fromSec: 12.3, toSec: 12.8, perSample: 100 };

function fineFromZero(sc: Scenario): { fine: SampleBatch; coarse: SampleBatch } {
  const sim = createSimulation(sc);
  const sampler = sim.sampleFinely(WINDOW);
  sim.advanceTo(13);
  return { fine: sampler.result(), coarse: sim.readSamples(0) };
}

function fineFromCheckpoint(sc: Scenario, checkpointSec: number): SampleBatch {
  const run = createSimulation(sc);
  run.advanceTo(checkpointSec);
  const checkpoint = run.clone();
  run.advanceTo(20); // the original goes on; the checkpoint must not care
  const sampler = checkpoint.sampleFinely(WINDOW);
  checkpoint.advanceTo(13);
  return sampler.result();
}

function bits(batch: SampleBatch): Record<string, string> {
  const out: Record<string, string> = {};
  for (const c of SAMPLE_COLUMNS) out[c] = Buffer.from(batch.columns[c].buffer).toString("base64");
  return out;
}

/**
 * Cases whose model takes its events one at a time while read finely (RunContext.stepsWatched: the
 * Reactive model's request cycles, whose sawtooth a stretch's straight line cannot draw). Their
 * window starts stepping singly where the sampler is attached, so two replays of one window agree
 * bit for bit whatever their checkpoint, but a run read finely from t = 0 is stepped singly
 * throughout: it has the same events, counts and levels, while latencies (recorded per event
 * instead of as a stretch's segments) and the oldest event's age may differ in their last digits.
 */
const SINGLY_WHEN_FINE = new Set(["reactive, cold, constant (request cycles)", "reactive, hot buffer, constant"]);

/** Counters and levels: what reading finely must never change. */
const COUNTS_AND_LEVELS = ["produced", "consumed", "dropped", "lost", ...LEVEL_COLUMNS].filter(
  (c) => c !== "oldestAgeSec",
) as readonly (keyof SampleBatch["columns"])[];

/** Latency columns, and the age of the oldest event: sums of floats, so equal up to their rounding. */
const ROUNDED = ["oldestAgeSec", "latencyP50", "latencyP99", "latencyMax", "latencyMean"] as const;

/**
 * Expects two batches to have the same counters and levels bit for bit, and (with `rounded`) the
 * same latencies and ages up to rounding (1e-9 s).
 */
function expectSameEvents(a: SampleBatch, b: SampleBatch, rounded: boolean): void {
  expect(a.count).toBe(b.count);
  for (const c of COUNTS_AND_LEVELS) expect(Array.from(a.columns[c]), c).toEqual(Array.from(b.columns[c]));
  if (!rounded) return;
  for (const c of ROUNDED) {
    for (let i = 0; i < a.count; i++) {
      const x = a.columns[c][i];
      const y = b.columns[c][i];
      if (Number.isNaN(x) && Number.isNaN(y)) continue;
      expect(Math.abs(x - y), `${c}@${i}: ${x} vs ${y}`).toBeLessThan(1e-9);
    }
  }
}

const CASES: Array<[string, Partial<Scenario>]> = [
  ["watermark, constant", { strategy: "watermark" }],
  ["watermark, random", { strategy: "watermark", arrivals: "poisson", service: "exponential", seed: 11 }],
  ["unbounded, random (bulk stretches)", { arrivals: "poisson", service: "exponential", producer: 60000, seed: 5 }],
  ["tcp, constant", { strategy: "tcp" }],
  ["kafka, random", { strategy: "kafka", arrivals: "poisson", service: "exponential", seed: 3 }],
  ["reactive, random", { strategy: "reactive", publisher: "hot", arrivals: "poisson", service: "exponential" }],
  ["reactive, cold, constant (request cycles)", { strategy: "reactive" }],
  ["reactive, hot buffer, constant", { strategy: "reactive", publisher: "hot", overflow: "buffer" }],
];

describe("fine samples of a window", () => {
  for (const [name, over] of CASES) {
    const sc: Scenario = { ...DEFAULT_SCENARIO, ...over };
    it(`${name}: from a checkpoint equals the window read finely from t = 0, bit for bit`, { timeout: 60_000 }, () => {
      const { fine } = fineFromZero(sc);
      expect(fine.count).toBe(Math.round((WINDOW.toSec - WINDOW.fromSec) * 1000) + 1);
      expect(fine.columns.timeSec[0]).toBeCloseTo(WINDOW.fromSec, 12);
      if (SINGLY_WHEN_FINE.has(name)) {
        const late = fineFromCheckpoint(sc, 12.2);
        expectSameEvents(fineFromCheckpoint(sc, 10), late, true);
        expectSameEvents(late, fine, true);
        return;
      }
      expect(bits(fineFromCheckpoint(sc, 10))).toEqual(bits(fine));
      expect(bits(fineFromCheckpoint(sc, 12.2))).toEqual(bits(fine));
    });

    it(
      `${name}: reading finely does not change the run, and agrees with it where the grids meet`,
      { timeout: 30_000 },
      () => {
        const { fine, coarse } = fineFromZero(sc);
        const plain = createSimulation(sc);
        plain.advanceTo(13);
        // The run read finely steps singly from t = 0: its latencies are per event, not segments.
        if (SINGLY_WHEN_FINE.has(name)) expectSameEvents(coarse, plain.readSamples(0), false);
        else expect(bits(coarse)).toEqual(bits(plain.readSamples(0)));
        // At 12.4 s, 12.5 s, ... the fine and the run's samples read the same counters and levels.
        for (let k = 124; k <= 128; k++) {
          const j = fine.columns.timeSec.findIndex((t) => t === k * 0.1);
          expect(j, `fine sample at ${k / 10} s`).toBeGreaterThanOrEqual(0);
          for (const c of ["produced", "consumed", "dropped", "lost", ...LEVEL_COLUMNS] as const) {
            expect(fine.columns[c][j], `${c} at ${k / 10} s`).toBe(coarse.columns[c][k]);
          }
        }
      },
    );

    it(`${name}: every fine sample lies inside its own envelope`, { timeout: 30_000 }, () => {
      const { fine } = fineFromZero(sc);
      for (const x of LEVEL_COLUMNS) {
        const v = fine.columns[x];
        const lo = fine.columns[envelopeOf(x).min];
        const hi = fine.columns[envelopeOf(x).max];
        for (let i = 0; i < fine.count; i++) {
          if (Number.isNaN(v[i])) continue;
          expect(lo[i] <= v[i] && v[i] <= hi[i], `${x}@${i}: ${v[i]} in ${lo[i]}..${hi[i]}`).toBe(true);
        }
      }
    });
  }

  it("shows the Reactive demand sawtooth inside a 10 ms window: request cycles read one event at a time", () => {
    // A cold publisher at 100K/s, a subscriber at 50K/s: request(96) every 96 completions
    // (1.92 ms), which the publisher serves in 0.96 ms; demand jumps to 96 and runs down to 0.
    const sc: Scenario = { ...DEFAULT_SCENARIO, strategy: "reactive" };
    const run = createSimulation(sc);
    run.advanceTo(5);
    const sampler = run.sampleFinely({ fromSec: 5, toSec: 5.01, perSample: 10_000 });
    run.advanceTo(5.1);
    const demand = sampler.result().columns.rsDemand;
    let tops = 0;
    let bottoms = 0;
    for (let i = 1; i < demand.length; i++) {
      if (demand[i] >= 90 && demand[i - 1] < 90) tops++;
      if (demand[i] <= 5 && demand[i - 1] > 5) bottoms++;
    }
    // About 5 cycles in 10 ms; a straight line between stretch ends shows none.
    expect(tops).toBeGreaterThanOrEqual(4);
    expect(bottoms).toBeGreaterThanOrEqual(4);
  });

  it("shows the watermark sawtooth the 0.1 s samples alias: two peaks near HIGH, two troughs near LOW per 0.5 s", () => {
    const sc: Scenario = { ...DEFAULT_SCENARIO, strategy: "watermark" };
    const { fine } = fineFromZero(sc);
    const q = fine.columns.queued;
    let peaks = 0;
    let troughs = 0;
    for (let i = 1; i + 1 < q.length; i++) {
      if (q[i] >= q[i - 1] && q[i] > q[i + 1] && q[i] >= sc.high * 0.98) peaks++;
      if (q[i] <= q[i - 1] && q[i] < q[i + 1] && q[i] <= sc.low * 1.02) troughs++;
    }
    expect(peaks).toBeGreaterThanOrEqual(2);
    expect(troughs).toBeGreaterThanOrEqual(2);
  });
});

describe("the worker's zoom (Timeline.fineWindow)", () => {
  it("replays a window from the nearest checkpoint, with recorded changes, the same as a fine run from t = 0", () => {
    const sc: Scenario = { ...DEFAULT_SCENARIO, strategy: "watermark", arrivals: "poisson", seed: 9, duration: 60 };
    const changed: Scenario = { ...sc, high: 6000 };
    const timeline = new Timeline(sc);
    timeline.advanceTo(150);
    timeline.setScenario(changed);
    timeline.advanceTo(400);
    const window = { fromSec: 25.3, toSec: 25.8, perSample: 100 };
    const zoomed = timeline.fineWindow(window);
    expect(timeline.index).toBe(400);

    const reference = createSimulation(sc, { sampleIntervalSec: timeline.sampleIntervalSec });
    const sampler = reference.sampleFinely(window);
    reference.advanceTo(15);
    reference.setScenario(changed);
    reference.advanceTo(26);
    expect(bits(zoomed.samples)).toEqual(bits(sampler.result()));
    const events = reference.readEvents().filter((e) => e.timeSec >= window.fromSec && e.timeSec <= window.toSec);
    expect(zoomed.events).toEqual(events);
    expect(events.some((e) => e.kind === "pause")).toBe(true);
  });
});
