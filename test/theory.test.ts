import { beforeAll, describe, expect, it } from "vitest";
import { createSimulation } from "../src-sim/models/index";
import type { SimEvent } from "../src-sim/engine/types";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { watermarkCycle } from "../src-sim/theory";
import { RUNNERS, type Run } from "./support/runners";

/** An unbounded queue with memory to spare, so only the rates matter. */
const roomy: Scenario = { ...DEFAULT_SCENARIO, memory: 1e13 };

describe("engine: the OOM instant, seen from just before and just after", () => {
  it("lost right after the crash = queued + in service just before it, + the event that crashed it", () => {
    // The engine stops on its sample grid, so sample every tick: binary rates make the grid and
    // the tick times the same floating-point numbers (k / 65536).
    const scenario = { ...DEFAULT_SCENARIO, producer: 65_536, consumer: 32_768, memory: 1_000_000 };
    const options = { sampleIntervalSec: 1 / 65_536 };
    const sim = createSimulation(scenario, options);
    sim.advanceTo(0.1);
    const oomAt = sim.summary().oomAt!;
    expect(oomAt).toBeGreaterThan(0);
    const replay = createSimulation(scenario, options);
    replay.advanceTo(oomAt); // every event strictly before the crash
    const before = replay.live();
    expect(before.consumerUp).toBe(true);
    expect(before.lost).toBe(0);
    replay.advanceTo(oomAt + 1 / 65_536); // the crash, and no later tick
    const after = replay.live();
    expect(after.consumerUp).toBe(false);
    expect(after.queued + after.inService).toBe(0);
    expect(after.memoryBytes).toBe(0);
    expect(after.lost).toBe(before.queued + before.inService + 1);
    expect(before.memoryBytes).toBe(scenario.memory); // exactly at the limit, not past it
  });
});

describe.each(RUNNERS)("$name: the watermark cycle with delay 0 and constant rates", (runner) => {
  const lambda = 10_000;
  const mu = 6_000;
  const high = 8_000;
  const low = 2_000;
  const cycle = watermarkCycle(lambda, mu, high, low)!;
  // One 20 s run, finished before the tests and only read by them (no test advances it).
  let run: Run;
  let signals: SimEvent[];
  beforeAll(() => {
    run = runner.start({
      ...roomy,
      strategy: "watermark",
      producer: lambda,
      consumer: mu,
      high,
      low,
      capacity: 10_000,
    });
    run.advanceTo(20);
    signals = run.events().filter((e) => e.kind === "pause" || e.kind === "resume");
  });

  it("alternates pause and resume, starting with a pause", () => {
    expect(signals.length).toBeGreaterThan(10);
    signals.forEach((e, i) => expect(e.kind).toBe(i % 2 === 0 ? "pause" : "resume"));
  });

  it("drains HIGH -> LOW in (HIGH - LOW) / mu and refills LOW -> HIGH in (HIGH - LOW) / (lambda - mu)", () => {
    // Phases are whole numbers of completions and ticks: allow a couple of event gaps.
    const slack = 2 / mu + 2 / lambda;
    expect(signals[0].timeSec).toBeCloseTo(high / (lambda - mu), 2);
    for (let i = 1; i < signals.length; i++) {
      const gap = signals[i].timeSec - signals[i - 1].timeSec;
      const expected = signals[i].kind === "resume" ? cycle.drainSec : cycle.fillSec;
      expect(Math.abs(gap - expected), `gap ${i}`).toBeLessThanOrEqual(slack);
    }
  });

  it("never lets the depth pass HIGH (no signal delay) and never drops", () => {
    expect(Math.max(...Array.from(run.column("queued")))).toBeLessThanOrEqual(high);
    expect(run.summary().dropped).toBe(0);
    expect(run.summary().signals.pause).toBe(signals.filter((e) => e.kind === "pause").length);
  });
});
