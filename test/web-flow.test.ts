/**
 * The flow diagram's facts (web/explain/flowFacts.ts), read from real runs: the parts of the path
 * each strategy has, figures formatted exactly as the readout cards format the same sample, and
 * a signal that says what the mechanism is doing.
 */
import { describe, expect, it } from "vitest";
import { createSimulation } from "../src-sim/models/index";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { flowFactsAt, flowText } from "../web/explain/flowFacts";
import { formatBinaryBytes, formatBytes, formatCount, formatRate } from "../web/format/numbers";
import { momentAt, type SampleSource } from "../web/runtime/moment";

/** A run's samples up to `untilSec`, as the page's series store offers them. */
function samples(scenario: Scenario, untilSec: number): SampleSource {
  const sim = createSimulation(scenario);
  sim.advanceTo(untilSec);
  return { length: sim.sampleCount, sampleIntervalSec: sim.sampleIntervalSec, column: (n) => sim.column(n) };
}

const ids = (s: Scenario) => {
  const series = samples(s, 5);
  return flowFactsAt(series, s, momentAt(series, 50)!)!.nodes.map((n) => n.id);
};

describe("flowFactsAt", () => {
  it("draws the parts each strategy has, producer first and consumer last", () => {
    expect(ids(DEFAULT_SCENARIO)).toEqual(["producer", "queue", "consumer"]);
    expect(ids({ ...DEFAULT_SCENARIO, strategy: "watermark", onPause: "buffer" })).toEqual([
      "producer",
      "buffer",
      "queue",
      "consumer",
    ]);
    expect(ids({ ...DEFAULT_SCENARIO, strategy: "tcp" })).toEqual(["producer", "network", "queue", "consumer"]);
    expect(ids({ ...DEFAULT_SCENARIO, strategy: "kafka" })).toEqual(["producer", "broker", "queue", "consumer"]);
  });

  it("shows the story's figures as the readout cards do: 3.0M queued at 60 s, 100K/s in, 50K/s out", () => {
    const series = samples(DEFAULT_SCENARIO, 60);
    const index = series.length - 1;
    const f = flowFactsAt(series, DEFAULT_SCENARIO, momentAt(series, index)!)!;
    const m = momentAt(series, index)!;
    const queue = f.nodes.find((n) => n.id === "queue")!;
    expect(queue.figure).toBe(`${formatCount(m.queued)} events`);
    expect(queue.figure).toBe("3.0M events");
    expect(queue.detail).toContain(formatBytes(m.memoryBytes));
    expect(f.nodes[0].figure).toBe(formatRate(100_000));
    expect(f.nodes.at(-1)!.figure).toBe(formatRate(50_000));
    // Rates over the sample's interval (an event on the boundary may fall either side: +-1 in 10,000).
    expect(f.flowsPerSec[0]).toBeCloseTo(100_000, -2);
    expect(f.flowsPerSec[1]).toBeCloseTo(50_000, -2);
    expect(f.signal).toMatchObject({ mechanism: "None", active: false });
    const text = flowText(f);
    expect(text).toMatch(/^Flow at 60 s: Producer running, 100K\/s/);
    expect(text).toContain("Queue 3.0M events");
    expect(text).toContain("Consumer up, 50K/s");
  });

  it("TCP's receive buffer shows what it holds beside the window it offers, not the consumer's memory limit", () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, strategy: "tcp", consumer: 1, duration: 120 };
    const series = samples(s, 30);
    for (const index of [5, series.length - 1]) {
      const held = series.column("tcpReceiveBufferBytes")[index];
      const window = series.column("tcpWindowBytes")[index];
      const queue = flowFactsAt(series, s, momentAt(series, index)!)!.nodes.find((n) => n.id === "queue")!;
      expect(queue.detail).toBe(`${formatBinaryBytes(held)} held, window ${formatBinaryBytes(window)}`);
      expect(queue.detail).not.toContain(formatBytes(s.memory));
      expect(queue.fill).toBeCloseTo(held / (held + window), 12);
    }
    // Stalled by the slow reader at 30 s: the window is shut and the bar full.
    const last = flowFactsAt(series, s, momentAt(series, series.length - 1)!)!.nodes.find((n) => n.id === "queue")!;
    expect(last.fill).toBe(1);
    expect(last.tone).toBe("warn");
  });

  it("each arrow carries what crosses it: a producer's own buffer passes on only what the queue takes in", () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, strategy: "watermark", onPause: "buffer" };
    const series = samples(s, 5);
    const i = series.length - 1;
    const f = flowFactsAt(series, s, momentAt(series, i)!)!;
    expect(f.nodes.map((n) => n.id)).toEqual(["producer", "buffer", "queue", "consumer"]);
    const q = series.column("queued");
    const c = series.column("consumed");
    const intoQueue = (q[i] - q[i - 1] + c[i] - c[i - 1]) / series.sampleIntervalSec;
    expect(f.flowsPerSec[1]).toBeCloseTo(intoQueue, 6);
    expect(f.flowsPerSec[1]).toBeLessThan(0.8 * f.flowsPerSec[0]); // the buffer keeps the rest
  });

  it("Kafka: the backlog is the broker's (the Queue depth card), the consumer holds only its batch", () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, strategy: "kafka" };
    const series = samples(s, 15);
    const i = series.length - 1;
    const f = flowFactsAt(series, s, momentAt(series, i)!)!;
    const m = momentAt(series, i)!;
    expect(f.nodes.find((n) => n.id === "broker")!.figure).toBe(`${formatCount(m.queued)} records behind`);
    expect(f.nodes.find((n) => n.id === "queue")!.figure).toBe(formatBytes(m.memoryBytes));
    expect(f.flowsPerSec[1]).toBeCloseTo(series.column("consumedRate")[i], 6);
  });

  it("a bounded queue's figure and bar both measure the capacity used", () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, strategy: "block" };
    const series = samples(s, 5);
    const queue = flowFactsAt(series, s, momentAt(series, series.length - 1)!)!.nodes.find((n) => n.id === "queue")!;
    expect(queue.figure).toBe("10K of 10K events");
    expect(queue.fill).toBe(1);
    expect(queue.detail).toMatch(/^memory 10 MB of 6 GB/);
  });

  it("a crashed consumer reads as down, and the queue says arrivals are lost", () => {
    const series = samples(DEFAULT_SCENARIO, 120.5);
    const f = flowFactsAt(series, DEFAULT_SCENARIO, momentAt(series, series.length - 1)!)!;
    expect(f.nodes.at(-1)).toMatchObject({ state: "down", tone: "bad" });
    expect(f.nodes.find((n) => n.id === "queue")!.state).toBe("lost on arrival");
  });

  it("watermarks: a pause sent in the last interval lights the signal, and the producer reads paused", () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, strategy: "watermark" };
    const series = samples(s, 10);
    const pause = series.column("pauseSignals");
    const first = pause.findIndex((v) => v > 0);
    expect(first).toBeGreaterThan(0);
    const f = flowFactsAt(series, s, momentAt(series, first)!)!;
    expect(f.signal).toMatchObject({ mechanism: "Watermarks", active: true });
    expect(f.signal.now).toMatch(/^Pause sent; pause at 8.0K, resume at 2.0K/);
  });

  it("block: a full queue holds the producer inside put()", () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, strategy: "block" };
    const series = samples(s, 5);
    const f = flowFactsAt(series, s, momentAt(series, series.length - 1)!)!;
    expect(f.nodes[0].state).toBe("blocked");
    expect(f.signal).toMatchObject({ mechanism: "Blocking put", active: true });
  });

  it("has nothing to show for a moment the samples no longer hold", () => {
    const m = momentAt(samples(DEFAULT_SCENARIO, 5), 40)!;
    expect(flowFactsAt(samples(DEFAULT_SCENARIO, 1), DEFAULT_SCENARIO, m)).toBeNull();
  });
});
