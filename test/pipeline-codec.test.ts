/**
 * The pipeline's link (`stages=`, issue 14) and its command line: round trips, warnings for bad
 * values with a safe fallback, a fuzz tier of random and mutated `stages` values that must decode
 * without throwing into runnable stages, and `--json` with per-stage summaries.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { runCli } from "../src-sim/cli/run";
import { decodeScenario } from "../src-sim/scenario/codec";
import { DEFAULT_SCENARIO } from "../src-sim/scenario/params";
import {
  MAX_STAGES,
  STAGE_STRATEGIES,
  decodePipeline,
  encodePipeline,
  stageKeys,
  stageScenario,
  type Pipeline,
  type StageSpec,
} from "../src-sim/scenario/pipeline";
import { scenarioProblems, validScenario } from "./support/arbitraries";

function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const files = new Map<string, string>();
  const code = runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    writeFile: (path, text) => files.set(path, text),
  });
  return { code, stdout, stderr, files };
}

/** A valid stage: a strategy and any of its keys, values drawn from a valid scenario. */
const validStage: fc.Arbitrary<StageSpec> = fc
  .tuple(fc.constantFrom(...STAGE_STRATEGIES), validScenario, fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }))
  .map(([strategy, s, pick]) => {
    const params: StageSpec["params"] = {};
    stageKeys(strategy).forEach((key, i) => {
      if (pick[i]) params[key] = s[key];
    });
    return { strategy, params };
  });

describe("the stages= link", () => {
  it("encodePipeline then decodePipeline runs the same stages (round trip)", () => {
    fc.assert(
      fc.property(validScenario, fc.array(validStage, { minLength: 1, maxLength: MAX_STAGES }), (shared, stages) => {
        const p: Pipeline = { shared, stages };
        const link = encodePipeline(p);
        const back = decodePipeline(link);
        expect(back.pipeline).not.toBeNull();
        expect(back.pipeline!.stages.length).toBe(stages.length);
        for (const [i, st] of stages.entries())
          expect(stageScenario(back.pipeline!.shared, back.pipeline!.stages[i])).toEqual(stageScenario(shared, st));
      }),
      { seed: 1414, numRuns: 300 },
    );
  });

  it("reads readable stages, with the link's own keys as every stage's starting value", () => {
    const d = decodePipeline(
      "?consumer=40000&capacity=500&stages=block;block,consumer:20000;watermark,high:400,low:100,signalDelay:0.01",
    );
    expect(d.warnings).toEqual([]);
    const [a, b, c] = d.pipeline!.stages.map((st) => stageScenario(d.pipeline!.shared, st));
    expect([a.strategy, a.consumer, a.capacity]).toEqual(["block", 40_000, 500]);
    expect([b.consumer, b.capacity]).toEqual([20_000, 500]);
    expect([c.strategy, c.high, c.low, c.signalDelay, c.capacity]).toEqual(["watermark", 400, 100, 0.01, 500]);
  });

  it("replaces what it cannot use, with a warning naming the stage", () => {
    const d = decodePipeline("stages=udp;block,consumer:-5,prefetch:3,capacity:1e999;;drop-oldest,,memory");
    const messages = d.warnings.map((w) => w.message);
    expect(messages.some((m) => m.startsWith("Stage 1:") && m.includes("using block"))).toBe(true);
    expect(messages.some((m) => m.startsWith("Stage 2:") && m.includes("prefetch"))).toBe(true);
    expect(messages.some((m) => m.startsWith("Stage 2:") && m.includes("Consumer rate"))).toBe(true);
    expect(d.pipeline!.stages.map((s) => s.strategy)).toEqual(["block", "block", "drop-oldest"]);
    for (const st of d.pipeline!.stages) expect(scenarioProblems(stageScenario(d.pipeline!.shared, st))).toEqual([]);
  });

  it("reads Kafka and Reactive hops with their keys, and names a bad value or a key of another hop", () => {
    const d = decodePipeline(
      "producer=20000&prefetch=64&stages=block;kafka,consumer:15000,maxPollRecords:200,commit:batch,retention:3600;reactive,lowTide:0.5",
    );
    expect(d.warnings).toEqual([]);
    const [, kafka, reactive] = d.pipeline!.stages.map((st) => stageScenario(d.pipeline!.shared, st));
    expect(kafka).toMatchObject({
      strategy: "kafka",
      consumer: 15_000,
      maxPollRecords: 200,
      commit: "batch",
      retention: 3600,
    });
    expect(reactive).toMatchObject({ strategy: "reactive", prefetch: 64, lowTide: 0.5 });
    // The link's own value of a hop key is every stage's starting value; the round trip keeps them.
    const again = decodePipeline(encodePipeline(d.pipeline!));
    expect(again.warnings).toEqual([]);
    expect(again.pipeline!.stages.map((st) => stageScenario(again.pipeline!.shared, st))).toEqual(
      d.pipeline!.stages.map((st) => stageScenario(d.pipeline!.shared, st)),
    );

    const bad = decodePipeline(
      "stages=kafka,maxPollRecords:lots,capacity:5,commit:sometimes;reactive,prefetch:0,high:3",
    );
    const messages = bad.warnings.map((w) => w.message);
    expect(messages.some((m) => m.startsWith("Stage 1:") && m.includes("max.poll.records"))).toBe(true);
    expect(
      messages.some((m) => m.startsWith("Stage 1:") && m.includes('"capacity" does not belong to a kafka stage')),
    ).toBe(true);
    expect(messages.some((m) => m.startsWith("Stage 1:") && m.includes("Commit"))).toBe(true);
    expect(messages.some((m) => m.startsWith("Stage 2:") && m.includes("Prefetch"))).toBe(true);
    expect(
      messages.some((m) => m.startsWith("Stage 2:") && m.includes('"high" does not belong to a reactive stage')),
    ).toBe(true);
    expect(bad.pipeline!.stages.map((st) => st.strategy)).toEqual(["kafka", "reactive"]);
    for (const st of bad.pipeline!.stages)
      expect(scenarioProblems(stageScenario(bad.pipeline!.shared, st))).toEqual([]);
  });

  it("keeps the first five stages and says so", () => {
    const d = decodePipeline(`stages=${Array(7).fill("unbounded").join(";")}`);
    expect(d.pipeline!.stages.length).toBe(5);
    expect(d.warnings.some((w) => w.message.includes("at most 5 stages"))).toBe(true);
  });

  it("a link with no usable stage is a single run, with a warning", () => {
    const d = decodePipeline("stages=;;&producer=1000");
    expect(d.pipeline).toBeNull();
    expect(d.warnings.some((w) => w.message.includes("no stage"))).toBe(true);
  });

  it("never throws on random and mutated stages values (fuzz), and every stage it keeps can run", () => {
    const piece = fc.oneof(
      fc.constantFrom(
        ...STAGE_STRATEGIES,
        "udp",
        "",
        "block,capacity:",
        ",:,",
        "watermark,high:9e9,low:-1",
        "tcp,rtt:-1,link:x",
      ),
      fc.string({ maxLength: 20 }),
      fc
        .tuple(fc.constantFrom("consumer", "memory", "capacity", "service", "x", ""), fc.string({ maxLength: 8 }))
        .map(([k, v]) => `unbounded,${k}:${v}`),
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 9 }), fc.string({ maxLength: 30 }), (pieces, junk) => {
        for (const value of [pieces.join(";"), junk, encodeURIComponent(pieces.join(";")) + "%"]) {
          const d = decodePipeline(`producer=5000&stages=${value}&stages=x`);
          if (d.pipeline === null) continue;
          expect(d.pipeline.stages.length).toBeGreaterThanOrEqual(1);
          expect(d.pipeline.stages.length).toBeLessThanOrEqual(MAX_STAGES);
          for (const st of d.pipeline.stages) {
            expect(scenarioProblems(stageScenario(d.pipeline.shared, st))).toEqual([]);
          }
        }
      }),
      { seed: 1415, numRuns: 2000 },
    );
  });
});

describe("the command line runs pipelines", () => {
  it("--json keeps the top-level fields and adds one summary per stage", () => {
    const r = cli(
      "producer=1000&duration=5&stages=block,consumer:800,capacity:50;block,consumer:200,capacity:50",
      "--json",
    );
    expect(r.code).toBe(0);
    const report = JSON.parse(r.stdout);
    for (const key of ["scenario", "warnings", "summary", "at", "model", "changes"]) expect(report).toHaveProperty(key);
    expect(report.stages.map((s: { name: string }) => s.name)).toEqual(["Stage 1", "Stage 2"]);
    // End to end: what the sink consumed; the slowest stage sets the pace.
    expect(report.summary.consumed).toBe(report.stages[1].passed);
    expect(report.summary.consumed).toBeGreaterThan(995);
    expect(report.summary.consumed).toBeLessThanOrEqual(1000);
    expect(report.stages[0].maxQueued).toBeLessThanOrEqual(50);
    expect(report.model.pipeline.bottleneck).toBe("Stage 2");
  });

  it("--json and --csv carry a hop's figures: a Kafka topic's lag and broker bytes, a Reactive hop's demand, a TCP connection's buffers", () => {
    const link = "producer=2000&duration=4&stages=reactive,consumer:3000;kafka,consumer:1500;tcp,consumer:3000";
    const report = JSON.parse(cli(link, "--json").stdout);
    const [reactive, kafka, tcp] = report.stages.map((s: { hop: Record<string, number | string> }) => s.hop);
    expect(reactive.kind).toBe("reactive");
    expect(reactive.emitted).toBeLessThanOrEqual(reactive.requested);
    expect(kafka.kind).toBe("kafka");
    expect(kafka.lagRecords).toBe(Number(kafka.appended) - Number(kafka.committed));
    expect(kafka.brokerBytes).toBe(Number(kafka.appended) * 1000);
    expect(tcp.kind).toBe("tcp");
    expect(tcp.written).toBe(report.stages[1].passed);
    const r = cli(link, "--csv", "h.csv");
    expect(r.code).toBe(0);
    const lines = r.files.get("h.csv")!.trim().split("\n");
    const header = lines[0].split(",");
    const last = lines[lines.length - 1].split(",");
    const at = (name: string) => Number(last[header.indexOf(name)]);
    expect(at("stage2Lag")).toBe(kafka.lagRecords);
    expect(at("stage2BrokerBytes")).toBe(kafka.brokerBytes);
    expect(at("stage1Demand")).toBe(reactive.outstanding);
    expect(at("stage1Lag") + at("stage3Lag") + at("stage2Demand")).toBe(0);
    expect(cli(link).stdout).toMatch(/topic before it: .* lag [\d,]+ \(log end - committed\)/);
  });

  it("prints each stage in the human summary", () => {
    const r = cli("duration=1&stages=unbounded;drop-newest,consumer:20000,capacity:100");
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("Pipeline of 2 stages");
    expect(r.stdout).toMatch(/Stage 2 \(drop-newest, 20,000 events\/s\): passed .*dropped/);
  });

  it("a one-stage pipeline reports the same summary as the single run", () => {
    const single = JSON.parse(cli("strategy=block&duration=3", "--json").stdout);
    const piped = JSON.parse(cli("duration=3&stages=block", "--json").stdout);
    expect(piped.summary).toEqual(single.summary);
    expect(piped.stages).toHaveLength(1);
    expect(DEFAULT_SCENARIO.strategy).toBe("unbounded");
  });

  it("--csv adds each stage's columns to every sample row, read at the sample like the chain's", () => {
    const r = cli(
      "producer=1000&duration=3&stages=block,consumer:800,capacity:50;block,consumer:200,capacity:50",
      "--csv",
      "p.csv",
    );
    expect(r.code).toBe(0);
    const lines = r.files.get("p.csv")!.trim().split("\n");
    const header = lines[0].split(",");
    for (const name of ["stage1Queued", "stage1State", "stage2Passed", "stage2StalledSeconds", "stage2Lost"])
      expect(header).toContain(name);
    const rows = lines.slice(1).map((l) => l.split(","));
    expect(rows).toHaveLength(31);
    const at = (row: string[], name: string) => Number(row[header.indexOf(name)]);
    for (const row of rows) {
      // The chain's columns are the stages' sums; the sink's passed is what the chain consumed.
      expect(at(row, "queued")).toBe(at(row, "stage1Queued") + at(row, "stage2Queued"));
      expect(at(row, "consumed")).toBe(at(row, "stage2Passed"));
      expect(at(row, "stage1Queued")).toBeLessThanOrEqual(50);
    }
    // By the end Stage 1 is held up by Stage 2's full queue: blocked (2), stalled for a while.
    const last = rows[rows.length - 1];
    expect(at(last, "stage2Queued")).toBe(50);
    expect(at(last, "stage1StalledSeconds")).toBeGreaterThan(1);
  });

  it("a single-run decode of a pipeline link says the page shows its source's single run", () => {
    const d = decodeScenario("producer=5000&stages=block;block");
    expect(d.scenario.producer).toBe(5000);
    expect(d.warnings).toHaveLength(1);
    expect(d.warnings[0].key).toBe("stages");
    expect(d.warnings[0].message).toContain("pipeline");
  });
});
