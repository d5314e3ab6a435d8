/**
 * The watermark and Reactive Streams mechanism views' data (issue 15, item 2), read from real
 * runs as the page reads them: the watermark preset's measured cycle against the theory's period,
 * the overshoot a slow signal costs, and demand that never goes negative.
 */
import { describe, expect, it } from "vitest";
import { EVENT_KINDS } from "../src-sim/engine/types";
import { createSimulation } from "../src-sim/models/index";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { PRESETS } from "../src-sim/scenario/presets";
import { watermarkCycle, watermarkCycleWithDelay } from "../src-sim/theory";
import { reactiveFacts, reactiveText } from "../web/explain/mechanisms/reactiveFacts";
import type { ViewWindow } from "../web/explain/mechanisms/viewWindow";
import { watermarkFacts, watermarkFigures, watermarkText } from "../web/explain/mechanisms/watermarkFacts";

/** The run up to `untilSec` as a view window over [fromSec, toSec]. */
function windowOf(scenario: Scenario, untilSec: number, fromSec = 0, toSec = untilSec): ViewWindow {
  const sim = createSimulation(scenario);
  sim.advanceTo(untilSec);
  const events = sim.readEvents();
  return {
    fromSec,
    toSec,
    series: {
      length: sim.sampleCount,
      sampleIntervalSec: sim.sampleIntervalSec,
      startSec: 0,
      column: (n) => sim.column(n),
    },
    events: {
      length: events.length,
      timeSec: Float64Array.from(events.map((e) => e.timeSec)),
      kind: Uint8Array.from(events.map((e) => EVENT_KINDS.indexOf(e.kind))),
      value: Float64Array.from(events.map((e) => e.value)),
    },
  };
}

const preset = (id: string): Scenario => ({ ...DEFAULT_SCENARIO, ...PRESETS.find((p) => p.id === id)!.params });

describe("watermarkCycleWithDelay", () => {
  it("is the delay-free cycle at delay 0", () => {
    const c = watermarkCycleWithDelay(100_000, 50_000, 8000, 2000, 0, 10_000)!;
    expect(c.periodSec).toBe(watermarkCycle(100_000, 50_000, 8000, 2000)!.periodSec);
    expect(c).toMatchObject({ peak: 8000, trough: 2000, overshoot: 0, undershoot: 0 });
  });
  it("a 100 ms signal: past HIGH by (lambda - mu) d, capped at capacity; the queue empties", () => {
    const c = watermarkCycleWithDelay(100_000, 50_000, 8000, 2000, 0.1, 10_000)!;
    expect(c).toMatchObject({ peak: 10_000, trough: 0, overshoot: 2000, undershoot: 2000 });
    // 8,000 / 50K/s fill + 0.1 s + 8,000 / 50K/s drain + 0.1 s
    expect(c.periodSec).toBeCloseTo(0.52, 12);
    expect(watermarkCycleWithDelay(50_000, 50_000, 8000, 2000, 0.1, 10_000)).toBeNull();
  });
});

describe("watermark view facts", () => {
  it("the watermark preset: the measured period equals the theory's within 1%, no overshoot", () => {
    const f = watermarkFacts(windowOf(preset("watermarks"), 30, 10, 20), preset("watermarks"), 15);
    expect(f.theory).not.toBeNull();
    expect(f.periodCycles).toBeGreaterThan(30);
    expect(Math.abs(f.periodSec / f.theory!.periodSec - 1)).toBeLessThan(0.01);
    expect(Math.abs(f.pauseCount - f.pauses.length)).toBeLessThanOrEqual(1);
    expect(f.overshoot).toBeLessThanOrEqual(1);
    expect(f.undershoot).toBeLessThanOrEqual(1);
    for (const p of f.pauses) expect(p.value).toBe(8000);
    expect(watermarkText(f)).toMatch(/^Watermark band at 15\.0 s/);
  });

  it("a slow signal: the depth goes past HIGH to capacity and below LOW to empty, as theory says", () => {
    const s = preset("slow-signal");
    const f = watermarkFacts(windowOf(s, 30, 10, 20), s, 20);
    expect(f.theory).toMatchObject({ overshoot: 2000, undershoot: 2000 });
    expect(f.peak).toBe(10_000);
    expect(f.trough).toBe(0);
    expect(Math.abs(f.periodSec / f.theory!.periodSec - 1)).toBeLessThan(0.01);
  });

  it("a window follows the zoom: only its signals, and the counters agree with the log", () => {
    const s = preset("watermarks");
    const f = watermarkFacts(windowOf(s, 30, 12, 13), s, 12.5);
    expect(f.pauses.every((p) => p.timeSec >= 12 && p.timeSec <= 13)).toBe(true);
    expect(f.depth.timeSec[0]).toBeGreaterThanOrEqual(12);
    expect(f.depth.timeSec.at(-1)).toBeLessThanOrEqual(13);
    expect(Math.abs(f.pauseCount - f.pauses.length)).toBeLessThanOrEqual(1);
  });

  it("HIGH = LOW (the flapping preset): no cycle is claimed, measured or in theory, and no undershoot", () => {
    // Before: "19 us measured over 16 cycles; 40 us in theory" (from a thinned log of 242K pauses)
    // and "Below LOW: 8.0K (trough 0)" while the depth sat at 8.0K.
    const s = { ...preset("watermarks"), low: 8000 };
    const f = watermarkFacts(windowOf(s, 5, 0, 5), s, 5);
    expect(f.pauseCount).toBeGreaterThan(1000);
    expect(f.periodSec).toBeNaN();
    expect(f.periodCycles).toBe(0);
    expect(f.theory).toBeNull();
    expect(f.theoryNote).toMatch(/flap with every event/);
    expect(f.undershoot).toBeNaN();
    const period = watermarkFigures(f).find((r) => r.label === "Cycle period")!;
    expect(period.value).toBe(
      "– measured; no theory (HIGH and LOW are next to each other: the signals flap with every event, with no cycle to measure)",
    );
  });

  it("no theory where the producer buffers, and says why", () => {
    const s = preset("buffer-upstream");
    const f = watermarkFacts(windowOf(s, 10), s, 10);
    expect(f.theory).toBeNull();
    expect(f.theoryNote).toMatch(/buffering producer/);
  });
});

describe("reactive view facts", () => {
  for (const id of ["reactive-cold", "reactive-hot-drop"]) {
    it(`${id}: demand is never negative, and never more than the prefetch`, () => {
      const s = preset(id);
      const w = windowOf(s, 20);
      const f = reactiveFacts(w, s, 20);
      const raw = [...w.series.column("rsDemandMin")];
      expect(Math.min(...raw)).toBeGreaterThanOrEqual(0);
      expect(f.demandMin).toBeGreaterThanOrEqual(0);
      expect(Math.max(...w.series.column("rsDemandMax"))).toBeLessThanOrEqual(s.prefetch);
      expect(f.requestCount).toBeGreaterThan(0);
      expect(f.requests.length).toBeGreaterThan(0);
      expect(f.requests.every((r) => r.value > 0 && r.value <= s.prefetch)).toBe(true);
      expect(reactiveText(f)).toMatch(/^Reactive Streams demand at 20\.0 s/);
    });
  }

  it("cold: what the subscriber has asked for and not processed stays within the prefetch", () => {
    const s = preset("reactive-cold");
    const w = windowOf(s, 10);
    const f = reactiveFacts(w, s, 10);
    f.demand.value.forEach((d, i) => expect(d + f.delivered.value[i]).toBeLessThanOrEqual(s.prefetch));
    expect(f.bufferMax).toBe(0);
  });

  it("hot with a buffer: the overflow buffer grows while demand is spent", () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, strategy: "reactive", publisher: "hot", overflow: "buffer" };
    const f = reactiveFacts(windowOf(s, 5), s, 5);
    expect(f.bufferNow).toBeGreaterThan(100_000);
    expect(f.bufferMax).toBe(f.bufferNow);
  });
});
