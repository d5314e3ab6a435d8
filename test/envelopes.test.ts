/**
 * Envelopes, not aliases: every level column carries its least and greatest value over each
 * sample interval (columns xMin and xMax, derived from the column schema), and a sample's value
 * always lies inside them. In the watermark preset the 0.1 s samples alias the 0.24 s sawtooth;
 * the envelope still shows it reaching LOW and HIGH.
 */
import { describe, expect, it } from "vitest";
import { createSimulation } from "../src-sim/models/index";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { STRATEGIES } from "../src-sim/scenario/strategies";
import { COLUMN_SPECS, envelopeOf, LEVEL_COLUMNS, SAMPLE_COLUMNS } from "../src-sim/scenario/columns";
import { presetById } from "../src-sim/scenario/presets";
import type { Simulation } from "../src-sim/engine/simulation";

/** Samples whose value lies outside its [min, max], as "column@index" (at most a few). */
function outsideEnvelope(sim: Simulation): string[] {
  const bad: string[] = [];
  for (const x of LEVEL_COLUMNS) {
    const v = sim.column(x);
    const lo = sim.column(envelopeOf(x).min);
    const hi = sim.column(envelopeOf(x).max);
    for (let i = 0; i < v.length && bad.length < 5; i++) {
      if (Number.isNaN(v[i])) {
        if (!Number.isNaN(lo[i]) || !Number.isNaN(hi[i])) bad.push(`${x}@${i}: NaN value, envelope ${lo[i]}..${hi[i]}`);
        continue;
      }
      if (!(lo[i] <= v[i] && v[i] <= hi[i])) bad.push(`${x}@${i}: ${v[i]} not in ${lo[i]}..${hi[i]}`);
    }
  }
  return bad;
}

describe("envelope columns", () => {
  it("are derived from the schema: xMin and xMax for every level column, nothing else", () => {
    const levels = COLUMN_SPECS.filter((c) => c.kind === "level").map((c) => c.name);
    expect(LEVEL_COLUMNS).toEqual(levels);
    expect(levels).toContain("queued");
    expect(levels).toContain("rsDemand");
    const envelopes = COLUMN_SPECS.filter((c) => c.kind === "min" || c.kind === "max").map((c) => c.name);
    expect(envelopes).toEqual(levels.flatMap((x) => [`${x}Min`, `${x}Max`]));
    expect(SAMPLE_COLUMNS).toContain("queuedMin");
    expect(SAMPLE_COLUMNS).toContain("tcpInFlightBytesMax");
  });

  const seed = 1 + Math.floor(Math.random() * 1e6);
  for (const strategy of STRATEGIES) {
    for (const random of [false, true]) {
      const name = `${strategy}, ${random ? `random processes, seed ${seed}` : "constant processes"}`;
      it(`${name}: no sample lies outside its [min, max]`, () => {
        const sc: Scenario = {
          ...DEFAULT_SCENARIO,
          strategy,
          seed,
          ...(random ? { arrivals: "poisson", service: "exponential" } : {}),
          // Small enough to reach the interesting states (full, paused, OOM) in a short run.
          memory: 2e7,
          restart: 0.5,
          producerMemory: 2e7,
        };
        const sim = createSimulation(sc);
        sim.advanceTo(3);
        expect(outsideEnvelope(sim)).toEqual([]);
      });
    }
  }

  it("the watermark preset's envelope reaches LOW and HIGH in every three samples after the first cycle", () => {
    const preset = presetById("watermarks");
    expect(preset).toBeDefined();
    const sc: Scenario = { ...DEFAULT_SCENARIO, ...preset!.params };
    const sim = createSimulation(sc, { sampleIntervalSec: 0.1 });
    sim.advanceTo(20);
    const lo = sim.column("queuedMin");
    const hi = sim.column("queuedMax");
    const v = sim.column("queued");
    const misses: string[] = [];
    // The first fill from 0 to HIGH takes 0.16 s; from sample 3 on the cycle repeats.
    for (let i = 3; i + 2 < v.length; i++) {
      const min = Math.min(lo[i], lo[i + 1], lo[i + 2]);
      const max = Math.max(hi[i], hi[i + 1], hi[i + 2]);
      if (!(min <= sc.low * 1.01 && max >= sc.high * 0.99)) misses.push(`${i}: ${min}..${max}`);
    }
    expect(misses.slice(0, 5)).toEqual([]);
    // The aliasing the envelope corrects: the sample values alone do not span the cycle.
    let spanOfValues = 0;
    for (let i = 3; i + 2 < v.length; i++) {
      const span = Math.max(v[i], v[i + 1], v[i + 2]) - Math.min(v[i], v[i + 1], v[i + 2]);
      spanOfValues = Math.max(spanOfValues, span);
    }
    expect(spanOfValues).toBeLessThan(sc.high - sc.low);
  });
});

describe("envelopes of bulk stretches", () => {
  const CASES: Array<[string, Partial<Scenario>]> = [
    ["reactive, cold publisher (whole request cycles in one stretch)", { strategy: "reactive" }],
    ["reactive, slow producer (pass-through stretches)", { strategy: "reactive", producer: 30000 }],
    ["watermarks", { strategy: "watermark" }],
    ["the story", {}],
  ];
  for (const [name, over] of CASES) {
    it(`${name}: within one event of the envelope seen one event at a time`, () => {
      const sc: Scenario = { ...DEFAULT_SCENARIO, ...over };
      const fast = createSimulation(sc);
      const slow = createSimulation(sc, { bulk: false });
      fast.advanceTo(5);
      slow.advanceTo(5);
      expect(fast.summary().work.bulkSteps).toBeGreaterThan(0);
      const misses: string[] = [];
      for (const x of ["queued", "rsDemand", "inService"] as const) {
        for (const side of ["min", "max"] as const) {
          const c = envelopeOf(x)[side];
          const a = fast.column(c);
          const b = slow.column(c);
          for (let i = 0; i < a.length && misses.length < 5; i++) {
            if (Number.isNaN(b[i]) && Number.isNaN(a[i])) continue;
            if (!(Math.abs(a[i] - b[i]) <= 1)) misses.push(`${c}@${i}: bulk ${a[i]}, one at a time ${b[i]}`);
          }
        }
      }
      expect(misses).toEqual([]);
    });
  }
});
