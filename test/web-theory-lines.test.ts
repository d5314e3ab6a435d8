/**
 * Theory on the charts (issue 15, item 3): the fluid line against the simulated depth in constant
 * mode (the story, 100K/s into 50K/s) within 1% before the OOM, the OOM moment it predicts, the
 * watermark period's ticks against the run's pauses, which charts get which lines, how they are
 * placed on a zoomed plot, and the `theory=` view key.
 */
import { describe, expect, it } from "vitest";
import { createSimulation } from "../src-sim/models/index";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { formatDuration } from "../web/format/numbers";
import { placeTheoryLines } from "../web/charts/theoryLayer";
import { theoryLines, theoryValueAt, type TheoryLine } from "../web/charts/theoryLines";
import { parseTheoryValue, theoryViewKeys } from "../web/scenario/theoryView";

const line = (chart: string, s: Scenario, id: string): TheoryLine => {
  const found = theoryLines(chart, s).find((l) => l.id === id);
  if (!found) throw new Error(`no ${id} line on ${chart}`);
  return found;
};

describe("the fluid line", () => {
  const sim = createSimulation(DEFAULT_SCENARIO);
  sim.advanceTo(119);
  const dt = sim.sampleIntervalSec;
  const at = (name: "queued" | "memoryBytes", t: number) => sim.column(name)[Math.round(t / dt)];

  it("follows the simulated depth within 1% at 10, 30, 60, 90 and 119 s", () => {
    const fluid = line("queue", DEFAULT_SCENARIO, "fluid");
    for (const t of [10, 30, 60, 90, 119]) {
      const simulated = at("queued", t);
      expect(Math.abs(theoryValueAt(fluid, t) / simulated - 1)).toBeLessThan(0.01);
    }
    expect(theoryValueAt(fluid, 10)).toBe(500_000);
    expect(theoryValueAt(fluid, 60)).toBe(3_000_000);
  });

  it("follows the simulated memory within 1% and predicts the OOM the run has", () => {
    const fluid = line("memory", DEFAULT_SCENARIO, "fluid");
    for (const t of [10, 60, 119])
      expect(Math.abs(theoryValueAt(fluid, t) / at("memoryBytes", t) - 1)).toBeLessThan(0.01);
    const oom = line("memory", DEFAULT_SCENARIO, "oom");
    expect(oom.kind === "moment" && oom.timeSec).toBe(120);
    const run = createSimulation(DEFAULT_SCENARIO);
    run.advanceTo(125);
    expect(run.summary().oomAt).toBeCloseTo(120, 3);
    expect(oom.formula).toMatch(new RegExp(`= ${formatDuration(120)} \\(6\\.0M events\\)$`));
  });

  it("is drawn only where the queue grows without bound at constant rates", () => {
    expect(theoryLines("queue", { ...DEFAULT_SCENARIO, strategy: "block" }).map((l) => l.id)).toEqual([]);
    expect(theoryLines("queue", { ...DEFAULT_SCENARIO, consumer: 200_000 }).map((l) => l.id)).toEqual([]);
    expect(theoryLines("queue", { ...DEFAULT_SCENARIO, shape: "burst" }).map((l) => l.id)).toEqual([]);
  });
});

describe("steady state, TCP and watermark lines", () => {
  it("a stable M/M/1: Lq on the depth chart and W on the latency chart", () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, producer: 40_000, arrivals: "poisson", service: "exponential" };
    const lq = line("queue", s, "lq");
    expect(lq.kind === "level" && lq.value).toBeCloseTo(3.2, 10); // rho^2 / (1 - rho) at rho 0.8
    const w = line("latency", s, "w");
    expect(w.kind === "level" && w.value).toBeCloseTo(1e-4, 12); // 1 / (mu - lambda)
    expect(lq.formula).toMatch(/Lq = ρ² \/ \(1 − ρ\) = 3\.20/);
  });

  it("TCP: window / RTT as the throughput ceiling, in events/s", () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, strategy: "tcp", rcvBufAuto: "off", rcvBuf: 65536, rtt: 0.05 };
    const c = line("throughput", s, "window-rtt");
    // 64 KiB rounded down to whole segments of 1,460 B: 44 x 1,460 = 64,240 B per 50 ms.
    expect(c.kind === "level" && c.value).toBeCloseTo(64_240 / 0.05 / 1000, 6);
    expect(theoryLines("throughput", DEFAULT_SCENARIO)).toEqual([]);
  });

  it("watermarks: the period's ticks fall on the run's pauses", () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, strategy: "watermark" };
    const p = line("queue", s, "period");
    if (p.kind !== "period") throw new Error("not a period");
    const sim = createSimulation(s);
    sim.advanceTo(10);
    const pauses = sim.readEvents().filter((e) => e.kind === "pause");
    expect(pauses.length).toBeGreaterThan(30);
    // The fluid cycle against whole events: some 30 us a cycle (one event more each way), under 1%
    // of a period over the first 10 s; the chart anchors its ticks at the last pause before the
    // window (web/charts/timeChartRenderer.ts), so a zoomed window never drifts that far.
    for (const [k, e] of pauses.entries())
      expect(Math.abs(p.startSec + k * p.periodSec - e.timeSec)).toBeLessThan(0.01 * p.periodSec);
  });
});

describe("placing the lines on a plot", () => {
  const plot = (fromSec: number, toSec: number) => ({
    x: (t: number) => 50 + ((t - fromSec) / (toSec - fromSec)) * 500,
    y: (v: number) => 200 - v / 50_000,
    left: 50,
    right: 550,
    top: 10,
    bottom: 200,
    fromSec,
    toSec,
  });

  it("follows the zoom: the fluid line spans the window, the OOM moment only where it is inside", () => {
    const lines = theoryLines("queue", DEFAULT_SCENARIO);
    const whole = placeTheoryLines(lines, plot(0, 180));
    expect(whole.map((d) => d.line.id)).toEqual(["fluid", "oom"]);
    expect(whole[0].d).toBe("M50.0,200.0L383.3,80.0");
    const zoomed = placeTheoryLines(lines, plot(10, 20));
    expect(zoomed.map((d) => d.line.id)).toEqual(["fluid"]);
    expect(zoomed[0].d).toBe("M50.0,190.0L550.0,180.0");
  });

  it("anchored at the run's last pause before a late window, the period's ticks land on the pauses in it", () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, strategy: "watermark" };
    const sim = createSimulation(s);
    sim.advanceTo(151);
    const pauses = sim
      .readEvents()
      .filter((e) => e.kind === "pause")
      .map((e) => e.timeSec);
    const anchor = Math.max(...pauses.filter((t) => t <= 150));
    const placed = placeTheoryLines(theoryLines("queue", s), plot(150, 151), anchor)[0];
    const ticks = [...placed.d.matchAll(/M([\d.]+),/g)].map((m) => 150 + (Number(m[1]) - 50.5) / 500);
    const inWindow = pauses.filter((t) => t >= 150 && t <= 151);
    expect(ticks.length).toBe(inWindow.length);
    // Within a pixel of a 500 px plot of 1 s (2 ms), and well under 1% of the 240 ms period's drift.
    ticks.forEach((t, i) => expect(Math.abs(t - inWindow[i])).toBeLessThan(0.002));
  });

  it("draws the period's ticks only where they stand apart", () => {
    const lines = theoryLines("queue", { ...DEFAULT_SCENARIO, strategy: "watermark" });
    expect(placeTheoryLines(lines, plot(0, 180)).map((d) => d.line.id)).toEqual([]);
    const near = placeTheoryLines(lines, plot(10, 11));
    expect(near.map((d) => d.line.id)).toEqual(["period"]);
    const p = lines.find((l) => l.kind === "period")!;
    if (p.kind !== "period") throw new Error("not a period");
    let inside = 0;
    for (let k = 0; p.startSec + k * p.periodSec <= 11; k++) if (p.startSec + k * p.periodSec >= 10) inside++;
    expect(inside).toBeGreaterThanOrEqual(4); // 0.24 s apart in a 1 s window
    expect(near[0].d.split("M").length - 1).toBe(inside);
  });
});

describe("the theory= view key", () => {
  it("round-trips and writes only a choice that differs from the default", () => {
    expect(parseTheoryValue("1").on).toBe(true);
    expect(parseTheoryValue("0").on).toBe(false);
    expect(parseTheoryValue(undefined)).toEqual({ on: null, warnings: [] });
    const bad = parseTheoryValue("maybe");
    expect(bad.on).toBeNull();
    expect(bad.warnings[0].message).toMatch(/not 1 or 0/);
    expect(theoryViewKeys(true, false)).toEqual({ theory: "1" });
    expect(theoryViewKeys(false, false)).toEqual({});
    expect(theoryViewKeys(false, true)).toEqual({ theory: "0" });
    expect(parseTheoryValue(theoryViewKeys(true, false).theory).on).toBe(true);
  });
});
