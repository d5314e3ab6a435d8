/**
 * A pipeline's worker (issue 14): one chain over a MessageChannel with a fake clock. The samples
 * the page builds from the frames (the engine's columns and every stage's own) must equal the
 * direct engine run of the same pipeline bit for bit, at every moment the run is moved to (play,
 * seek back and forth, step); bad input is an error message, never a throw.
 */
import { afterEach, describe, expect, it } from "vitest";
import { SAMPLE_COLUMNS, type SampleColumn } from "../src-sim/engine/types";
import { createPipelineSimulation, pipelineStageSeries } from "../src-sim/models/pipelineRun";
import type { Pipeline } from "../src-sim/scenario/pipeline";
import { PIPELINE_PRESETS } from "../src-sim/scenario/pipelinePresets";
import {
  STAGE_FRAME_COLUMNS,
  type PipelineFrameMessage,
  type ToPipelineWorker,
} from "../src-sim/worker/pipelineProtocol";
import { PROTOCOL_VERSION, type FromWorker } from "../src-sim/worker/protocol";
import { FakeClock } from "./support/fakeClock";
import { serveAny } from "../src-sim/worker/serve";
import { sampleIntervalFor } from "../src-sim/worker/timeline";

const STAGE_COLS = STAGE_FRAME_COLUMNS;

/** What the page holds: samples as the frames built them. */
class Copy {
  cols = new Map<SampleColumn, number[]>(SAMPLE_COLUMNS.map((c) => [c, []]));
  stages: Array<Record<(typeof STAGE_COLS)[number], number[]>> = [];
  apply(f: PipelineFrameMessage): void {
    const cut = (col: number[], values: Float64Array) => {
      col.length = Math.min(col.length, f.samplesStart);
      for (let i = 0; i < f.sampleCount; i++) col.push(values[i]);
    };
    for (const c of SAMPLE_COLUMNS) cut(this.cols.get(c)!, f.columns[c]);
    if (this.stages.length !== f.stages.length)
      this.stages = f.stages.map(() => ({ queued: [], memoryBytes: [], state: [], stalledSeconds: [], lag: [] }));
    f.stages.forEach((st, i) => {
      for (const c of STAGE_COLS) {
        expect(st[c].length).toBe(f.sampleCount);
        cut(this.stages[i][c], st[c]);
      }
    });
  }
  get length(): number {
    return this.cols.get("timeSec")!.length;
  }
}

function harness() {
  const channel = new MessageChannel();
  const clock = new FakeClock();
  const stop = serveAny(channel.port2, clock);
  const received: FromWorker[] = [];
  const frames: PipelineFrameMessage[] = [];
  const copy = new Copy();
  channel.port1.onmessage = (event) => {
    const msg = event.data as FromWorker | PipelineFrameMessage;
    if (msg.type === "pipelineFrame") {
      frames.push(msg);
      copy.apply(msg);
      channel.port1.postMessage({ type: "ack", frameId: msg.frameId });
    } else received.push(msg);
  };
  const send = (msg: ToPipelineWorker) => channel.port1.postMessage(msg);
  const settle = () => new Promise((r) => setTimeout(r, 5));
  const last = () => frames[frames.length - 1];
  const until = async (predicate: () => boolean) => {
    for (let i = 0; i < 3000 && !predicate(); i++) {
      clock.advance(16);
      await settle();
    }
    expect(predicate()).toBe(true);
  };
  const close = () => {
    stop();
    channel.port1.close();
    channel.port2.close();
  };
  return { send, frames, received, last, until, copy, close };
}

const same = (a: Float64Array, b: Float64Array) => Buffer.from(a.buffer).equals(Buffer.from(b.buffer));

/** The direct engine run of `pipeline` to `timeSec`, compared with the page's copy, bit for bit. */
function expectBitForBit(copy: Copy, pipeline: Pipeline, timeSec: number): void {
  const sim = createPipelineSimulation(pipeline, { sampleIntervalSec: sampleIntervalFor(pipeline.shared.duration) });
  sim.advanceTo(timeSec);
  const batch = sim.readSamples(0);
  expect(copy.length).toBe(batch.count);
  for (const c of SAMPLE_COLUMNS) expect(same(Float64Array.from(copy.cols.get(c)!), batch.columns[c]), c).toBe(true);
  const series = pipelineStageSeries(sim);
  if (!series) return;
  expect(copy.stages.length).toBe(pipeline.stages.length);
  copy.stages.forEach((st, i) => {
    for (const c of STAGE_COLS)
      expect(same(Float64Array.from(st[c]), series.column(i, c)), `Stage ${i + 1} ${c}`).toBe(true);
  });
}

const cascade = PIPELINE_PRESETS.find((p) => p.id === "pipeline-cascade")!.pipeline;
const unbounded = PIPELINE_PRESETS.find((p) => p.id === "pipeline-unbounded-hop")!.pipeline;

let h: ReturnType<typeof harness>;
afterEach(() => h?.close());

describe("pipeline runtime", () => {
  it("opens at t, seeks back and forth and steps, each frame equal to the direct run bit for bit", async () => {
    h = harness();
    h.send({ type: "pipelineInit", protocolVersion: PROTOCOL_VERSION, pipeline: cascade, speed: 1, timeSec: 25 });
    await h.until(() => h.frames.length > 0 && Math.abs(h.last().timeSec - 25) < 1e-9);
    expectBitForBit(h.copy, cascade, h.last().timeSec);
    // At 25 s the stall has reached Stage 1 (the preset: Stage 2 by 10 s, Stage 1 by 20 s): both
    // held finished events during the last interval, Stage 3 (the bottleneck) never does.
    const stalled = h.copy.stages.map((st) => st.stalledSeconds[250] - st.stalledSeconds[249]);
    expect(stalled[0]).toBeGreaterThan(0);
    expect(stalled[1]).toBeGreaterThan(0);
    expect(stalled[2]).toBe(0);
    h.send({ type: "seek", timeSec: 7.3 });
    await h.until(() => Math.abs(h.last().timeSec - 7.3) < 1e-9);
    expectBitForBit(h.copy, cascade, h.last().timeSec);
    h.send({ type: "step", samples: 4 });
    await h.until(() => Math.abs(h.last().timeSec - 7.7) < 1e-9);
    expectBitForBit(h.copy, cascade, h.last().timeSec);
    h.send({ type: "seek", timeSec: 41 });
    await h.until(() => Math.abs(h.last().timeSec - 41) < 1e-9);
    expectBitForBit(h.copy, cascade, h.last().timeSec);
    expect(h.received.filter((m) => m.type === "error")).toEqual([]);
  });

  it("plays to the end at speed max; the unbounded hop's OOM is Stage 2's, as the direct run's", async () => {
    h = harness();
    h.send({ type: "pipelineInit", protocolVersion: PROTOCOL_VERSION, pipeline: unbounded, speed: "max", timeSec: 0 });
    h.send({ type: "play" });
    await h.until(() => h.frames.length > 1 && h.last().ended);
    expectBitForBit(h.copy, unbounded, unbounded.shared.duration);
    const f = h.last();
    expect(f.playing).toBe(false);
    expect(f.stages[1].summary.oomAt).not.toBeNull();
    expect(f.stages[0].summary.oomAt).toBeNull();
    expect(f.summary.oomAt).toBe(f.stages[1].summary.oomAt);
    expect(f.stages[1].live.up).toBe(false);
  });

  it("plays at speed 1 no faster than the fake clock, and pauses where it stands", async () => {
    h = harness();
    h.send({ type: "pipelineInit", protocolVersion: PROTOCOL_VERSION, pipeline: cascade, speed: 1, timeSec: 0 });
    h.send({ type: "play" });
    await h.until(() => h.frames.length > 0 && h.last().timeSec >= 1);
    h.send({ type: "pause" });
    await h.until(() => !h.last().playing);
    const t = h.last().timeSec;
    // Paced: 1 s of simulated time per second of the fake clock (plus at most a tick's lag).
    expect(t).toBeLessThan(1.5);
    expectBitForBit(h.copy, cascade, t);
    h.send({ type: "pipelineReset" });
    await h.until(() => h.last().timeSec === 0);
    expect(h.copy.length).toBe(1);
  });

  it("answers a pipeline without stages with an error message, not a throw", async () => {
    h = harness();
    h.send({
      type: "pipelineInit",
      protocolVersion: PROTOCOL_VERSION,
      pipeline: { shared: cascade.shared, stages: [] },
      speed: 1,
      timeSec: 0,
    });
    await h.until(() => h.received.some((m) => m.type === "error"));
    expect(h.frames).toEqual([]);
  });
});
