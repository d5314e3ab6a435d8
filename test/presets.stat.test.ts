/**
 * The preset gallery: every preset is a clean link, and each queue preset's one-line lesson is
 * what the engine actually shows.
 */
import { describe, expect, it } from "vitest";
import { decodeScenario, encodeScenario } from "../src-sim/scenario/codec";
import { PRESETS, presetById } from "../src-sim/scenario/presets";
import { type Simulation } from "../src-sim/engine/simulation";
import { ChangingRun } from "../src-sim/models/changingRun";
import { shapeFigures } from "../src-sim/theory";

function run(id: string, untilSec?: number): Simulation {
  const preset = presetById(id);
  if (!preset) throw new Error(`no preset ${id}`);
  const { scenario, changes } = decodeScenario(preset.query);
  const r = new ChangingRun(scenario, changes);
  r.advanceTo(untilSec ?? scenario.duration);
  return r.sim;
}

/** The queue at each of `times` (s) in a preset's run. */
function queuedAt(id: string, times: number[]): number[] {
  const { scenario, changes } = decodeScenario(presetById(id)!.query);
  const r = new ChangingRun(scenario, changes);
  return times.map((t) => {
    r.advanceTo(t);
    return r.sim.live().queued;
  });
}

describe("presets", () => {
  it("has at least a dozen presets with unique ids", () => {
    expect(PRESETS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(PRESETS.map((p) => p.id)).size).toBe(PRESETS.length);
  });

  for (const preset of PRESETS) {
    it(`${preset.id}: decodes without warnings and re-encodes to the same link`, () => {
      const { scenario, warnings, changes } = decodeScenario(preset.query);
      expect(warnings).toEqual([]);
      expect(encodeScenario(scenario, {}, changes)).toBe(preset.query);
    });
  }
});

describe("what the queue presets teach", () => {
  it("story: OOM at 120 s", () => {
    expect(run("story").summary().oomAt).toBeCloseTo(120, 3);
  });

  it("bigger-queue: four times the memory, OOM at 480 s", () => {
    expect(run("bigger-queue").summary().oomAt).toBeCloseTo(480, 3);
  });

  it("crash-loop: a crash about every 130 s (120 s to fill, 10 s to restart)", () => {
    const s = run("crash-loop").summary();
    expect(s.oomCount).toBe(4); // 120, 250, 380, 510
  });

  it("drop-newest: flat memory, about half of everything dropped", () => {
    const s = run("drop-newest").summary();
    expect(s.maxQueued).toBe(10_000);
    expect(s.dropped / s.produced).toBeCloseTo(0.5, 2);
    expect(s.oomAt).toBeNull();
  });

  it("drop-oldest: the same drops as drop-newest, about half the latency", () => {
    const newest = run("drop-newest").summary();
    const oldest = run("drop-oldest").summary();
    expect(oldest.dropped).toBe(newest.dropped);
    expect(oldest.latency.mean / newest.latency.mean).toBeCloseTo(0.5, 1);
  });

  it("block: nothing dropped or lost, the producer held to the consumer's pace", () => {
    const s = run("block").summary();
    expect(s.dropped + s.lost).toBe(0);
    // Beyond the first fill of the queue, the producer emits only as fast as the consumer takes.
    expect((s.produced - s.maxQueued) / s.until).toBeCloseTo(50_000, -1);
  });

  it("watermarks: no drops, about four cycles a second", () => {
    const s = run("watermarks").summary();
    expect(s.dropped).toBe(0);
    expect(s.signals.pause / s.until).toBeCloseTo(1 / 0.24, 0);
  });

  it("no-hysteresis: tens of thousands of signals a second", () => {
    const s = run("no-hysteresis", 10).summary();
    expect(s.signals.pause / s.until).toBeGreaterThan(10_000);
  });

  it("slow-signal: the overshoot passes MAX and drops", () => {
    const s = run("slow-signal").summary();
    expect(s.dropped).toBeGreaterThan(0);
    expect(s.maxQueued).toBe(10_000);
  });

  it("buffer-upstream: the producer's own buffer runs out of memory", () => {
    const sim = run("buffer-upstream");
    expect(sim.readEvents().some((e) => e.kind === "producer-oom")).toBe(true);
    expect(sim.summary().oomAt).toBeNull();
  });

  it("mm1-80 and mm1-95: about 4 and 19 events in the system", () => {
    expect(run("mm1-80").summary().meanInSystem).toBeCloseTo(4, 0);
    const l95 = run("mm1-95").summary().meanInSystem;
    expect(l95).toBeGreaterThan(15);
    expect(l95).toBeLessThan(23);
  });
});

describe("what the Kafka presets teach", () => {
  const last = (sim: Simulation, column: "kafkaLagSec" | "kafkaDuplicates" | "kafkaLagRecords") =>
    sim.column(column)[sim.sampleCount - 1];

  it("kafka-healthy: records wait about a millisecond", () => {
    const sim = run("kafka-healthy", 30);
    expect(sim.summary().latency.p99).toBeLessThan(0.01);
    expect(last(sim, "kafkaLagSec")).toBeLessThan(0.01);
  });

  it("kafka-broker-backlog: the overload becomes lag on the broker, not memory", () => {
    const sim = run("kafka-broker-backlog");
    const s = sim.summary();
    expect(s.oomAt).toBeNull();
    expect(s.lost).toBe(0);
    expect(last(sim, "kafkaLagRecords")).toBeGreaterThan(8_000_000);
    expect(s.peakMemoryBytes).toBeLessThan(10e6);
  });

  it("kafka-eviction: evicted, rebalanced, records delivered again", () => {
    const sim = run("kafka-eviction");
    const kinds = new Set(sim.readEvents().map((e) => e.kind));
    expect(kinds.has("eviction")).toBe(true);
    expect(kinds.has("rebalance")).toBe(true);
    expect(last(sim, "kafkaDuplicates")).toBeGreaterThan(0);
  });

  it("kafka-oom-trap: the heap fills at 120 s and committed records are lost", () => {
    const s = run("kafka-oom-trap").summary();
    expect(s.oomAt).toBeCloseTo(120, 1);
    expect(s.lost).toBeGreaterThan(5_000_000);
  });
});

describe("what the Reactive Streams presets teach", () => {
  it("reactive-cold: request(128) first, then request(96); the producer held to the consumer's pace", () => {
    const sim = run("reactive-cold", 20);
    const requests = sim
      .readEvents()
      .filter((e) => e.kind === "request")
      .map((e) => e.value);
    expect(requests.slice(0, 3)).toEqual([128, 96, 96]);
    const s = sim.summary();
    expect(s.dropped + s.lost).toBe(0);
    expect(s.produced / s.until).toBeCloseTo(50_000, -2);
    expect(s.maxQueued).toBeLessThanOrEqual(128);
  });

  it("reactive-hot-drop: the hot source drops what nobody requested, at lambda - mu", () => {
    const s = run("reactive-hot-drop", 20).summary();
    expect(s.dropped / s.until).toBeCloseTo(50_000, -2);
    expect(s.oomAt).toBeNull();
  });
});

describe("what the TCP presets teach", () => {
  it("tcp-slow-reader: zero windows, persist-timer probes, a blocked producer, bounded memory", () => {
    const sim = run("tcp-slow-reader");
    const kinds = new Set(sim.readEvents().map((e) => e.kind));
    expect(kinds.has("zero-window")).toBe(true);
    expect(kinds.has("probe")).toBe(true);
    const s = sim.summary();
    expect(s.producerPausedSeconds / s.until).toBeGreaterThan(0.95);
    expect(s.peakMemoryBytes).toBeLessThanOrEqual(sim.scenario.rcvBuf);
    expect(s.dropped + s.lost).toBe(0);
  });

  it("tcp-default-reader-bound: receive autotuning lets the reader's 50,000 events/s through", () => {
    const sim = run("tcp-default-reader-bound");
    const s = sim.summary();
    expect(s.consumed / s.until / sim.scenario.consumer).toBeGreaterThan(0.95);
    expect(s.producerPausedSeconds / s.until).toBeGreaterThan(0.4); // the producer is twice as fast
    expect(s.oomAt).toBeNull();
    expect(s.dropped + s.lost).toBe(0);
  }, 60_000);

  it("tcp-so-rcvbuf: a fixed 128 KiB buffer caps goodput at one window per round trip", () => {
    const sim = run("tcp-so-rcvbuf");
    const s = sim.summary();
    const windowPerRtt = (Math.floor(sim.scenario.rcvBuf / sim.scenario.mss) * sim.scenario.mss) / sim.scenario.rtt;
    const rate = (s.consumed * sim.scenario.eventBytes) / s.until;
    expect(rate).toBeLessThanOrEqual(windowPerRtt);
    expect(rate).toBeGreaterThan(0.6 * windowPerRtt);
    // The lesson's figure: about 4,200 events/s of the reader's 50,000.
    expect(Math.abs(s.consumed / s.until / 4200 - 1)).toBeLessThan(0.05);
  }, 60_000);

  it("tcp-long-fat-pipe: the window over the round trip caps goodput near 5 Mbit/s", () => {
    const sim = run("tcp-long-fat-pipe");
    const s = sim.summary();
    const bitsPerSec = (s.consumed * sim.scenario.eventBytes * 8) / s.until;
    expect(bitsPerSec).toBeGreaterThan(4.5e6);
    expect(bitsPerSec).toBeLessThan(5.3e6);
  });
});

describe("what the presets over time teach (issue 9)", () => {
  it("burst-absorbed: 600K queued after each 6 s burst, drained in 30 s, nothing lost", () => {
    const s = run("burst-absorbed").summary();
    expect(s.dropped).toBe(0);
    expect(s.lost).toBe(0);
    expect(Math.abs(s.maxQueued - 600_000) / 600_000).toBeLessThan(0.01);
    const [afterBurst, drained, nextBurst] = queuedAt("burst-absorbed", [16, 46.5, 70]);
    expect(Math.abs(afterBurst - 600_000) / 600_000).toBeLessThan(0.01);
    expect(drained).toBeLessThan(10_000);
    expect(nextBurst).toBeLessThan(10);
    const f = shapeFigures(decodeScenario(presetById("burst-absorbed")!.query).scenario)!;
    expect([f.burstBacklog, f.drainSec, f.absorbed]).toEqual([600_000, 30, true]);
  });

  it("burst-too-often: the same burst every 20 s fills the 1M queue and drops", () => {
    const s = run("burst-too-often").summary();
    expect(s.maxQueued).toBe(1_000_000);
    expect(s.dropped).toBeGreaterThan(1_000_000);
    const f = shapeFigures(decodeScenario(presetById("burst-too-often")!.query).scenario)!;
    expect(f.absorbed).toBe(false);
    expect(f.growthPerPeriod).toBe(320_000);
  });

  it("consumer-slowdown: 400K pile up from 30 s to 50 s and clear 40 s later", () => {
    const [before, peak, mid, cleared] = queuedAt("consumer-slowdown", [30, 50, 70, 90.5]);
    expect(before).toBe(0);
    expect(Math.abs(peak - 400_000) / 400_000).toBeLessThan(0.01);
    expect(Math.abs(mid - 200_000) / 200_000).toBeLessThan(0.01);
    expect(cleared).toBeLessThan(10);
  });

  it("scale-up: 4.5M at 90 s drains at 50K/s, clear by 180 s; no OOM", () => {
    const [at90, at135, at181] = queuedAt("scale-up", [90, 135, 181]);
    expect(at90).toBe(4_500_000);
    expect(Math.abs(at135 - 2_250_000) / 2_250_000).toBeLessThan(0.01);
    expect(at181).toBeLessThan(10);
    expect(run("scale-up").summary().oomAt).toBeNull();
  });

  it("bigger-heap: OOM at 120 s, back at 130 s on 24 GB, OOM again at 610 s", () => {
    const events = run("bigger-heap").readEvents(0);
    const ooms = events.filter((e) => e.kind === "oom").map((e) => e.timeSec);
    expect(ooms[0]).toBeCloseTo(120, 3);
    expect(ooms[1]).toBeCloseTo(610, 3);
    expect(events.find((e) => e.kind === "restart")?.timeSec).toBeCloseTo(130, 3);
  });
});
