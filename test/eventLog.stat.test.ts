/**
 * The event log is bounded (issue 12, item 1): a crash loop restarting every 10 ms logged two
 * entries per cycle forever, and the link below grew the command line to 1.3 GB and crashed the
 * page. Each kind now keeps its first KEEP_PER_KIND and latest entries; counts stay exact.
 */
import { describe, expect, it } from "vitest";
import { defaultIntervalSec } from "../src-sim/cli/args";
import { EventLog, KEEP_PER_KIND, RetainedEvents, KIND_INDEX } from "../src-sim/engine/eventLog";
import { createSimulation } from "../src-sim/models/index";
import { EVENT_KINDS } from "../src-sim/engine/types";
import { decodeScenario } from "../src-sim/scenario/codec";

const CRASH_LOOP = "memory=1000000&eventBytes=100000000&restart=0.01&duration=86400&t=86400";

describe("RetainedEvents", () => {
  it("keeps the first KEEP_PER_KIND and between KEEP_PER_KIND and twice that of the latest, per kind", () => {
    const r = new RetainedEvents();
    const oom = KIND_INDEX.oom;
    const pause = KIND_INDEX.pause;
    r.push(0, 0, pause, 7);
    for (let i = 1; i <= 10_000; i++) r.push(i, i, oom, i);
    const ooms = Array.from(r.timeSec.subarray(0, r.length)).filter((_, i) => r.kind[i] === oom);
    expect(ooms.slice(0, KEEP_PER_KIND)).toEqual(Array.from({ length: KEEP_PER_KIND }, (_, i) => i + 1));
    const latest = ooms.slice(KEEP_PER_KIND);
    expect(latest.length).toBeGreaterThanOrEqual(KEEP_PER_KIND);
    expect(latest.length).toBeLessThan(2 * KEEP_PER_KIND);
    // The latest ones are consecutive and end at the last one added.
    expect(latest[latest.length - 1]).toBe(10_000);
    expect(latest[latest.length - 1] - latest[0]).toBe(latest.length - 1);
    expect(r.heldOf(oom) + r.removedOf(oom)).toBe(10_000);
    // Other kinds are untouched and the order is kept.
    expect([r.timeSec[0], r.kind[0], r.value[0]]).toEqual([0, pause, 7]);
    expect(r.indexOfSeq(1)).toBe(1);
  });

  it("fed its own entries again, holds the same entries (the page mirrors the worker's log)", () => {
    const a = new RetainedEvents();
    for (let i = 0; i < 5_000; i++) a.push(i, i, i % 3, i);
    const b = new RetainedEvents();
    for (let i = 0; i < a.length; i++) b.push(a.seq[i], a.timeSec[i], a.kind[i], a.value[i]);
    expect(Array.from(b.seq.subarray(0, b.length))).toEqual(Array.from(a.seq.subarray(0, a.length)));
  });
});

describe("EventLog", () => {
  it("total(kind) counts every event, held, thinned by the window or let go", () => {
    const log = new EventLog(0.1);
    for (let i = 0; i < 100; i++) log.add(0.05, "pause", 1); // one window: 64 held
    for (let i = 0; i < 5_000; i++) log.add(1 + i, "oom", 1);
    log.countOnly(["pause", "resume"], 10);
    expect(log.total("pause")).toBe(110);
    expect(log.total("resume")).toBe(10);
    expect(log.total("oom")).toBe(5_000);
    expect(log.logged).toBe(64 + 5_000);
    expect(log.length).toBeLessThan(64 + 3 * KEEP_PER_KIND);
    // read(from) is by sequence number: entries let go are skipped, not renumbered.
    expect(log.read(log.logged - 1)).toEqual([{ timeSec: 5_000, kind: "oom", value: 1 }]);
  });
});

describe("the crash-loop link of issue 12", () => {
  it(`${CRASH_LOOP} runs a full simulated day with the log and the heap bounded, counts exact`, () => {
    const { scenario } = decodeScenario(CRASH_LOOP);
    const gc = (globalThis as { gc?: () => void }).gc;
    gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const sim = createSimulation(scenario, { sampleIntervalSec: defaultIntervalSec(scenario.duration) });
    sim.advanceTo(scenario.duration);
    gc?.();
    const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1e6;
    const summary = sim.summary();
    expect(summary.until).toBe(86_400);
    expect(summary.oomCount).toBeGreaterThan(8_000_000);
    const events = sim.readEvents();
    expect(events.length).toBeLessThanOrEqual(EVENT_KINDS.length * 3 * KEEP_PER_KIND);
    const ooms = events.filter((e) => e.kind === "oom");
    expect(ooms.length).toBeLessThan(3 * KEEP_PER_KIND);
    expect(ooms[0].timeSec).toBe(summary.oomAt);
    expect(ooms[ooms.length - 1].timeSec).toBeGreaterThan(86_399);
    const totals = sim.eventTotals();
    expect(totals[KIND_INDEX.oom]).toBe(summary.oomCount);
    expect(totals[KIND_INDEX.restart]).toBeGreaterThanOrEqual(summary.oomCount - 1);
    // Samples (100,000 rows of 36 columns, 29 MB) dominate; the unbounded log took over 1 GB.
    expect(heapGrowthMb).toBeLessThan(100);
  }, 180_000);
});
