/**
 * The pipeline page's reading of a run (web/pipeline/pipelineData.ts): the state each box shows,
 * derived from the direct engine run of the cascade preset, spreads upstream one stage every 10 s
 * as the preset says; the unbounded hop shows down after its OOM; a frame replaces the samples
 * from its start on.
 */
import { describe, expect, it } from "vitest";
import { createPipelineSimulation, pipelineStageSeries, pipelineStageSummaries } from "../src-sim/models/pipelineRun";
import { STAGE_COLUMNS } from "../src-sim/models/pipeline/series";
import { pipelineTheory } from "../src-sim/models/pipeline/theory";
import { stageScenario, type Pipeline } from "../src-sim/scenario/pipeline";
import { PIPELINE_PRESETS } from "../src-sim/scenario/pipelinePresets";
import type { PipelineFrameMessage } from "../src-sim/worker/pipelineProtocol";
import { pipelineCsv } from "../web/pipeline/pipelineExport";
import {
  applyFrame,
  emptyData,
  hopReadout,
  projectedOomSec,
  sourceStatus,
  stageStatus,
  type PipelineData,
} from "../web/pipeline/pipelineData";

/** The page's data after one frame carrying the direct run of `pipeline` up to `timeSec`. */
function dataAt(pipeline: Pipeline, timeSec: number): PipelineData {
  const sim = createPipelineSimulation(pipeline, { sampleIntervalSec: 0.1 });
  sim.advanceTo(timeSec);
  const batch = sim.readSamples(0);
  const series = pipelineStageSeries(sim)!;
  const summaries = pipelineStageSummaries(sim);
  const frame = {
    type: "pipelineFrame",
    frameId: 1,
    sampleIntervalSec: 0.1,
    timeSec,
    playing: false,
    ended: false,
    speed: 1,
    samplesStart: 0,
    sampleCount: batch.count,
    columns: batch.columns,
    stages: pipeline.stages.map((_, k) => ({
      queued: series.column(k, "queued"),
      memoryBytes: series.column(k, "memoryBytes"),
      state: series.column(k, "state"),
      stalledSeconds: series.column(k, "stalledSeconds"),
      lag: series.column(k, "lag"),
      live: { queued: 0, inService: 0, holding: 0, memoryBytes: 0, state: 0, up: true, timeToOomSec: Infinity },
      summary: summaries[k],
    })),
    summary: sim.summary(),
    theory: pipelineTheory(
      pipeline.shared,
      pipeline.stages.map((st) => stageScenario(pipeline.shared, st)),
    ),
  } satisfies PipelineFrameMessage;
  return applyFrame(emptyData(pipeline, 1), frame);
}

const states = (d: PipelineData) => [sourceStatus(d), ...d.pipeline.stages.map((_, k) => stageStatus(d, k))];
const cascade = PIPELINE_PRESETS.find((p) => p.id === "pipeline-cascade")!.pipeline;
const unbounded = PIPELINE_PRESETS.find((p) => p.id === "pipeline-unbounded-hop")!.pipeline;

describe("pipeline page states", () => {
  it("the cascade's stall reaches Stage 2 by 10 s, Stage 1 by 20 s and the source by 30 s", () => {
    expect(STAGE_COLUMNS).toContain("stalledSeconds");
    expect(states(dataAt(cascade, 5))).toEqual(["running", "running", "running", "running"]);
    expect(states(dataAt(cascade, 9))).toEqual(["running", "running", "running", "running"]);
    expect(states(dataAt(cascade, 11))).toEqual(["running", "running", "blocked", "running"]);
    expect(states(dataAt(cascade, 19))).toEqual(["running", "running", "blocked", "running"]);
    expect(states(dataAt(cascade, 21))).toEqual(["running", "blocked", "blocked", "running"]);
    expect(states(dataAt(cascade, 29))).toEqual(["running", "blocked", "blocked", "running"]);
    expect(states(dataAt(cascade, 31))).toEqual(["blocked", "blocked", "blocked", "running"]);
  });

  it("the unbounded hop shows down after its OOM, and the stage before it never stalls", () => {
    const before = dataAt(unbounded, 59);
    expect(states(before)).toEqual(["running", "running", "blocked", "running"]);
    const after = dataAt(unbounded, 61);
    expect(stageStatus(after, 1)).toBe("down");
    expect(stageStatus(after, 0)).toBe("running");
    expect(after.summaries[1].oomAt).toBeGreaterThan(59);
    expect(after.summaries[1].oomAt).toBeLessThan(61);
  });

  it("a frame keeps the samples before its start and replaces the rest", () => {
    const d = dataAt(cascade, 3);
    expect(d.times.length).toBe(31);
    const frame = {
      type: "pipelineFrame",
      samplesStart: 10,
      sampleCount: 0,
      timeSec: 1,
      // applyFrame reads only these of the engine's columns.
      columns: { timeSec: new Float64Array(0), producedRate: new Float64Array(0) },
      stages: d.pipeline.stages.map(() => ({
        queued: new Float64Array(0),
        memoryBytes: new Float64Array(0),
        state: new Float64Array(0),
        stalledSeconds: new Float64Array(0),
        lag: new Float64Array(0),
      })),
    } as unknown as PipelineFrameMessage;
    const back = applyFrame(d, frame);
    expect(back.times.length).toBe(10);
    expect(back.stages.every((st) => st.queued.length === 10)).toBe(true);
  });

  it("exports each stage's samples as CSV, the command line's stage column names, one row per sample", () => {
    const d = dataAt(cascade, 12);
    const lines = pipelineCsv(d, "https://h/?stages=block").trimEnd().split("\n");
    const header = lines.find((l) => l.startsWith("timeSec,"))!.split(",");
    expect(header.slice(0, 5)).toEqual([
      "timeSec",
      "stage1Queued",
      "stage1MemoryBytes",
      "stage1State",
      "stage1StalledSeconds",
    ]);
    expect(header).toHaveLength(1 + 3 * 4);
    const rows = lines.filter((l) => /^\d/.test(l));
    expect(rows).toHaveLength(121);
    const last = rows[120].split(",").map(Number);
    expect(last[0]).toBeCloseTo(12, 9);
    expect(last[1 + 2 * 4]).toBe(d.stages[2].queued[120]);
  });

  it("projects the unbounded hop's OOM from its memory growth, within a second of the run's", () => {
    const d = dataAt(unbounded, 30);
    const oomAt = dataAt(unbounded, 70).summaries[1].oomAt!;
    expect(Math.abs(30 + projectedOomSec(d, 1)! - oomAt)).toBeLessThan(1);
    // Bounded stages at their capacity do not grow: no projection.
    expect(projectedOomSec(d, 2)).toBeNull();
    expect(projectedOomSec(dataAt(cascade, 40), 0)).toBeNull();
    // Stage 3's bounded queue filling in front of 6 GB: it grows, but stops at its capacity.
    expect(projectedOomSec(dataAt(cascade, 5), 2)).toBeNull();
  });
});

describe("the Kafka and Reactive hops on the page", () => {
  const kafka = PIPELINE_PRESETS.find((p) => p.id === "pipeline-kafka-middle")!.pipeline;
  const reactive = PIPELINE_PRESETS.find((p) => p.id === "pipeline-reactive-cold")!.pipeline;
  const plain = (n: number) => String(n);

  it("names a Kafka hop with its lag and its bytes on the broker; nothing stalls on either side", () => {
    const d = dataAt(kafka, 40);
    expect(states(d)).toEqual(["running", "running", "running", "running"]);
    expect(hopReadout(d, 0, plain, plain)).toBeNull();
    const hop = hopReadout(d, 1, plain, plain)!;
    expect(hop.kind).toBe("Kafka topic");
    const summary = d.summaries[1].hop!;
    if (summary.kind !== "kafka") throw new Error("a Kafka hop");
    expect(hop.figures).toEqual([`lag ${summary.lagRecords}`, `${summary.brokerBytes} on the broker`]);
    expect(summary.lagRecords).toBeGreaterThan(190_000);
    // A bounded poll: no out-of-memory projection for the stage after the topic.
    expect(projectedOomSec(d, 1)).toBeNull();
  });

  it("names a TCP hop with its usable window and its send buffer", () => {
    const tcp: Pipeline = {
      shared: { ...kafka.shared, producer: 5000, duration: 5 },
      stages: [
        { strategy: "unbounded", params: { consumer: 10_000 } },
        { strategy: "tcp", params: { consumer: 2000 } },
      ],
    };
    const d = dataAt(tcp, 3);
    const hop = hopReadout(d, 1, plain, plain)!;
    expect(hop.kind).toBe("TCP connection");
    const summary = d.summaries[1].hop!;
    if (summary.kind !== "tcp") throw new Error("a TCP hop");
    expect(hop.figures).toEqual([`window ${summary.windowBytes}`, `send buffer ${summary.sendBufferBytes}`]);
  });

  it("names a Reactive hop with its outstanding demand, and shows the cold source waiting for it", () => {
    const d = dataAt(reactive, 10);
    const hop = hopReadout(d, 2, plain, plain)!;
    expect(hop.kind).toBe("Reactive demand");
    const summary = d.summaries[2].hop!;
    if (summary.kind !== "reactive") throw new Error("a Reactive hop");
    expect(hop.figures).toEqual([`demand ${summary.outstanding}`]);
    expect(sourceStatus(d)).toBe("blocked");
  });
});
