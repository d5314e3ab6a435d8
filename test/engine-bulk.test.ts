/**
 * The engine's bulk shortcuts against its own one-event-at-a-time path: on deterministic
 * scenarios every count column must agree sample for sample, and latency statistics closely.
 */
import { describe, expect, it } from "vitest";
import { createSimulation } from "../src-sim/models/index";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";

const COUNT_COLUMNS = [
  "queued",
  "inService",
  "produced",
  "consumed",
  "dropped",
  "lost",
  "pauseSignals",
  "resumeSignals",
  "upstreamQueued",
  "producerState",
  "consumerUp",
] as const;

const CASES: Array<[string, Partial<Scenario>, number]> = [
  ["the story", {}, 125],
  ["drop-newest", { strategy: "drop-newest" }, 10],
  ["drop-oldest", { strategy: "drop-oldest" }, 10],
  ["block, slow producer", { strategy: "block" }, 10],
  ["block, dropping producer", { strategy: "block", onPause: "drop" }, 10],
  ["block, buffering producer", { strategy: "block", onPause: "buffer", producerMemory: 2e9 }, 10],
  ["watermark", { strategy: "watermark" }, 10],
  ["watermark with signal delay", { strategy: "watermark", signalDelay: 0.2 }, 10],
  ["watermark without hysteresis (flapping)", { strategy: "watermark", high: 5000, low: 5000 }, 3],
  ["watermark with LOW = HIGH - 1", { strategy: "watermark", high: 300, low: 299, producer: 60000 }, 3],
  ["watermark, buffering producer", { strategy: "watermark", onPause: "buffer", signalDelay: 0.01 }, 10],
  ["watermark, dropping producer", { strategy: "watermark", onPause: "drop", signalDelay: 0.05 }, 10],
  ["odd rates, drop-newest", { strategy: "drop-newest", producer: 77777, consumer: 31234, capacity: 777 }, 10],
  ["odd rates, drop-oldest", { strategy: "drop-oldest", producer: 77777, consumer: 31234, capacity: 777 }, 10],
  ["odd rates, block", { strategy: "block", producer: 77777, consumer: 31234, capacity: 777 }, 10],
  [
    "block, buffering producer through its OOM",
    { strategy: "block", onPause: "buffer", producer: 77777, consumer: 31234, capacity: 777, producerMemory: 5e7 },
    10,
  ],
  ["crash loop", { restart: 0.5, memory: 1e8 }, 10],
  ["baseline memory", { baseline: 5e9 }, 30],
  ["stable", { producer: 45000 }, 3],
];

describe("bulk stretches vs one event at a time", () => {
  for (const [name, over, until] of CASES) {
    it(`${name}: same counts at every sample, same latency figures`, () => {
      const scenario = { ...DEFAULT_SCENARIO, ...over };
      const fast = createSimulation(scenario);
      const slow = createSimulation(scenario, { bulk: false });
      fast.advanceTo(until);
      slow.advanceTo(until);
      expect(fast.sampleCount).toBe(slow.sampleCount);
      for (const c of COUNT_COLUMNS) expect(Array.from(fast.column(c)), c).toEqual(Array.from(slow.column(c)));
      const a = fast.summary();
      const b = slow.summary();
      expect(a.signals).toEqual(b.signals);
      expect(a.oomAt).toBe(b.oomAt);
      expect(a.latency.mean).toBeCloseTo(b.latency.mean, 5);
      expect(a.latency.max).toBeCloseTo(b.latency.max, 5);
      expect(a.latency.p99).toBeCloseTo(b.latency.p99, 3);
      expect(a.meanInSystem).toBeCloseTo(b.meanInSystem, -1);
      // A stable D/D/1 never builds a backlog, so it has nothing to skip.
      if (over.producer !== 45000) expect(a.work.bulkSteps).toBeGreaterThan(0);
    });
  }
});
