import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, STRATEGIES, type Scenario } from "../src-sim/scenario/params";
import { QUEUE_CHART } from "../web/charts/chartSpecs";
import { STRATEGY_NAMES, STRATEGY_TEXT } from "../web/content/strategyText";
import { atTheseSettings } from "../web/components/StrategyExplainer";

const story: Scenario = { ...DEFAULT_SCENARIO };

describe("atTheseSettings", () => {
  it("the story grows by 50K/s and runs out of memory after 120 s", () => {
    expect(atTheseSettings(story)).toBe(
      "At these settings the backlog grows by 50K/s, so memory runs out after about 120 s (6.0M events).",
    );
  });
  it("drop-newest fills its 10K queue in 200 ms, then drops 50K/s", () => {
    expect(atTheseSettings({ ...story, strategy: "drop-newest" })).toContain("fills in 200 ms, then drops about 50K/s");
  });
  it("a consumer as fast as the producer keeps up", () => {
    expect(atTheseSettings({ ...story, consumer: 100_000 })).toContain("keeps up (utilisation 100%)");
  });
  it("Kafka's backlog is lag on the broker, not memory", () => {
    expect(atTheseSettings({ ...story, strategy: "kafka" })).toContain("lag on the broker grows by 50K/s");
  });
});

describe("strategy words", () => {
  it("every strategy has a name and a paragraph", () => {
    for (const s of STRATEGIES) {
      expect(STRATEGY_NAMES[s].length).toBeGreaterThan(3);
      expect(STRATEGY_TEXT[s].length).toBeGreaterThan(100);
    }
  });
});

describe("queue chart limits follow the scenario table", () => {
  const labels = (s: Scenario) => QUEUE_CHART.references(s).map((r) => r.label);
  it("unbounded: only the OOM line", () => expect(labels(story)).toEqual(["OOM"]));
  it("watermark: capacity, HIGH and LOW; no OOM line above a capacity that cannot reach it", () =>
    expect(labels({ ...story, strategy: "watermark" })).toEqual(["capacity", "HIGH", "LOW"]));
  it("a bounded queue larger than the OOM depth keeps the OOM line", () =>
    expect(labels({ ...story, strategy: "drop-newest", capacity: 8_000_000 })).toEqual(["capacity", "OOM"]));
  it("tcp and kafka: no capacity and no OOM line on the queue chart", () => {
    expect(labels({ ...story, strategy: "tcp" })).toEqual([]);
    expect(labels({ ...story, strategy: "kafka" })).toEqual([]);
    expect(labels({ ...story, strategy: "kafka", handoff: "async", fetchPause: "on" })).toEqual(["HIGH", "LOW"]);
  });

  it("tcp: names the bottleneck from the model's figures (the reader at defaults, the window with SO_RCVBUF)", () => {
    expect(atTheseSettings({ ...story, strategy: "tcp" })).toContain("about 50K/s get through, limited by the reader");
    const text = atTheseSettings({ ...story, strategy: "tcp", rcvBufAuto: "off" });
    expect(text).toContain("at most");
    expect(text).toContain("limited by the receive window");
    expect(atTheseSettings({ ...story, strategy: "tcp", consumer: 1 })).toContain("limited by the reader");
    expect(atTheseSettings({ ...story, strategy: "tcp", sndBufAuto: "off" })).toContain("limited by the send buffer");
  });
});
