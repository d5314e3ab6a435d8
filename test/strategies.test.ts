/**
 * The strategy table is the one place the strategy split is written: these tests check that what
 * derives from it agrees with it, and pin the two bugs its absence caused (a Kafka high
 * watermark cut to a capacity Kafka does not have; a TCP producer's buffer drawn on no chart).
 */
import { describe, expect, it } from "vitest";
import { createSimulation, MODELS } from "../src-sim/models/index";
import { decodeScenario, reconcile } from "../src-sim/scenario/codec";
import { COLUMN_SPECS, MODEL_COLUMNS, MODEL_NAMES, SAMPLE_COLUMNS } from "../src-sim/scenario/columns";
import { DEFAULT_SCENARIO, PARAM_BY_KEY, type Scenario } from "../src-sim/scenario/params";
import { repairScenario } from "../src-sim/scenario/repairs";
import { STRATEGIES, STRATEGY_TABLE, producerBuffers } from "../src-sim/scenario/strategies";
import { availableStrategies } from "../src-sim/worker/runtime";
import { MEMORY_CHART, QUEUE_CHART, TIME_CHARTS, chartApplies } from "../web/charts/chartSpecs";

describe("the strategy table", () => {
  it("names a model that exists for every strategy, and the worker offers them all", () => {
    for (const s of STRATEGIES) expect(MODELS[STRATEGY_TABLE[s].model], s).toBeTypeOf("function");
    expect(availableStrategies()).toEqual([...STRATEGIES]);
  });

  it("derives the parameter rows' strategy lists: capacity, watermarks, producer reaction, mechanism keys", () => {
    const holds = STRATEGIES.filter((s) => STRATEGY_TABLE[s].holdsCapacity);
    expect(PARAM_BY_KEY.capacity.strategies).toEqual(holds);
    const stops = STRATEGIES.filter((s) => STRATEGY_TABLE[s].producerReactions.length > 0);
    expect(PARAM_BY_KEY.onPause.strategies).toEqual(stops);
    expect(PARAM_BY_KEY.producerMemory.strategies).toEqual(stops);
    expect(PARAM_BY_KEY.rcvBuf.strategies).toEqual(["tcp"]);
    expect(PARAM_BY_KEY.maxPollRecords.strategies).toEqual(["kafka"]);
    expect(PARAM_BY_KEY.prefetch.strategies).toEqual(["reactive"]);
  });

  it("declares every column once, core columns first, each model's own under its name", () => {
    expect(new Set(SAMPLE_COLUMNS).size).toBe(SAMPLE_COLUMNS.length);
    expect(COLUMN_SPECS.map((c) => c.name)).toEqual(SAMPLE_COLUMNS);
    expect(MODEL_COLUMNS.queue).toEqual([]);
    for (const m of MODEL_NAMES) for (const c of MODEL_COLUMNS[m]) expect(SAMPLE_COLUMNS).toContain(c.name);
  });

  it("each model writes its own columns and leaves the other models' NaN", () => {
    for (const strategy of STRATEGIES) {
      const sim = createSimulation({ ...DEFAULT_SCENARIO, strategy });
      sim.advanceTo(1);
      const last = sim.readSamples(sim.sampleCount - 1).columns;
      const own = STRATEGY_TABLE[strategy].model;
      for (const m of MODEL_NAMES) {
        for (const c of MODEL_COLUMNS[m]) {
          const v = last[c.name][0];
          if (m === own) expect(Number.isNaN(v), `${strategy}: ${c.name}`).toBe(false);
          else expect(v, `${strategy}: ${c.name}`).toBeNaN();
        }
      }
    }
  });

  it("shows each model's own chart only under the strategies that model runs", () => {
    for (const chart of TIME_CHARTS) {
      for (const s of STRATEGIES) {
        const expected = chart.model === undefined || chart.model === STRATEGY_TABLE[s].model;
        expect(chartApplies(chart, s), `${chart.id} under ${s}`).toBe(expected);
      }
    }
  });
});

describe("rules between keys follow the strategy", () => {
  it("strategy=kafka&high=50000 keeps its high watermark (Kafka has no capacity to cap it)", () => {
    const { scenario, warnings } = decodeScenario("strategy=kafka&high=50000&fetchPause=on&handoff=async");
    expect(scenario.high).toBe(50_000);
    expect(warnings).toEqual([]);
  });

  it("strategy=kafka still keeps low at most high", () => {
    const { scenario, warnings } = decodeScenario("strategy=kafka&high=500&low=900");
    expect(scenario.low).toBe(500);
    expect(warnings.map((w) => w.key)).toEqual(["low"]);
  });

  it("strategy=watermark caps high at the capacity and low at high, and says so", () => {
    const { scenario, warnings } = decodeScenario("strategy=watermark&capacity=100&high=8000&low=2000");
    expect(scenario.high).toBe(100);
    expect(scenario.low).toBe(100);
    expect(warnings.map((w) => w.key)).toEqual(["high", "low"]);
  });

  it("strategy=drop-newest&capacity=100 does not warn about watermarks the user never set", () => {
    const { scenario, warnings } = decodeScenario("strategy=drop-newest&capacity=100");
    expect(warnings).toEqual([]);
    expect(scenario.high).toBe(DEFAULT_SCENARIO.high);
  });

  it("the store's reconcile and the codec apply the same repairs", () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, strategy: "watermark", capacity: 50, high: 70, low: 60, t: 500 };
    const viaCodec = reconcile(s);
    expect(viaCodec).toEqual(repairScenario(s).scenario);
    expect([viaCodec.high, viaCodec.low, viaCodec.t]).toEqual([50, 50, DEFAULT_SCENARIO.duration]);
  });
});

describe("a TCP producer that buffers (onPause=buffer)", () => {
  const tcpBuffer: Scenario = { ...DEFAULT_SCENARIO, strategy: "tcp", onPause: "buffer", consumer: 1000 };

  it("is drawn on the queue and memory charts", () => {
    expect(producerBuffers(tcpBuffer)).toBe(true);
    const shown = (chart: typeof QUEUE_CHART) =>
      chart.series.filter((x) => !x.when || x.when(tcpBuffer)).map((x) => x.column);
    expect(shown(QUEUE_CHART)).toContain("upstreamQueued");
    expect(shown(MEMORY_CHART)).toContain("upstreamBytes");
  });

  it("holds hundreds of thousands of events in its buffer that the column reports", () => {
    const sim = createSimulation(tcpBuffer);
    sim.advanceTo(10);
    const up = sim.column("upstreamQueued");
    expect(up[up.length - 1]).toBeGreaterThan(100_000);
  });
});
