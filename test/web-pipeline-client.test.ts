/**
 * The pipeline page's client on an edit of the chain (web/pipeline/pipelineClient.ts): a fresh
 * worker replays the new chain to the moment shown (playing on if it played), and the old
 * worker's frames no longer reach the page.
 */
import { describe, expect, it } from "vitest";
import { PIPELINE_PRESETS } from "../src-sim/scenario/pipelinePresets";
import type { HostFactory } from "../web/runtime/simClient";
import { PipelineClient } from "../web/pipeline/pipelineClient";
import { addStage } from "../web/pipeline/stageEdits";

interface FakeWorker {
  sent: unknown[];
  terminated: boolean;
  listeners: Set<(event: MessageEvent) => void>;
}

function fakeHosts(): { workers: FakeWorker[]; factory: HostFactory } {
  const workers: FakeWorker[] = [];
  const factory: HostFactory = () => {
    const w: FakeWorker = { sent: [], terminated: false, listeners: new Set() };
    workers.push(w);
    return {
      endpoint: {
        postMessage: (m: unknown) => w.sent.push(m),
        addEventListener: (_: "message", l: (event: MessageEvent) => void) => w.listeners.add(l),
        removeEventListener: (_: "message", l: (event: MessageEvent) => void) => w.listeners.delete(l),
      },
      terminate: () => {
        w.terminated = true;
      },
    };
  };
  return { workers, factory };
}

const cascade = PIPELINE_PRESETS.find((p) => p.id === "pipeline-cascade")!.pipeline;

describe("PipelineClient.setPipeline", () => {
  it("replays the new chain in a fresh worker at the moment shown, playing on when it played", () => {
    const { workers, factory } = fakeHosts();
    const client = new PipelineClient(cascade, factory, factory);
    client.start(5, 12);
    expect(workers).toHaveLength(1);
    const next = addStage(cascade).pipeline;
    client.setPipeline(next, 12, true);
    expect(workers).toHaveLength(2);
    expect(workers[0].terminated).toBe(true);
    expect(workers[0].listeners.size).toBe(0);
    expect(workers[1].sent).toEqual([
      { type: "pipelineInit", protocolVersion: expect.any(Number), pipeline: next, speed: 5, timeSec: 12 },
      { type: "play" },
    ]);
    expect(client.getState().data.pipeline).toBe(next);
    expect(client.getState().data.stages).toHaveLength(4);
  });

  it("stays paused when it was, and keeps the moment inside the run", () => {
    const { workers, factory } = fakeHosts();
    const client = new PipelineClient(cascade, factory, factory);
    client.start(1, 0);
    client.setPipeline(cascade, 500, false);
    expect(workers[1].sent).toEqual([expect.objectContaining({ type: "pipelineInit", timeSec: 60 })]);
  });
});

describe("PipelineClient.setPipeline, edits in a row", () => {
  it("an edit made while the last one still replays keeps that one's moment and play, not the empty page's 0 s", () => {
    const { workers, factory } = fakeHosts();
    const client = new PipelineClient(cascade, factory, factory);
    client.start(5, 12);
    const first = addStage(cascade).pipeline;
    client.setPipeline(first, 12, true);
    // The fresh worker has sent nothing yet: the page shows an empty run at 0 s, paused.
    expect(client.getState().data.timeSec).toBe(0);
    const second = addStage(first).pipeline;
    client.setPipeline(second, client.getState().data.timeSec, client.getState().data.playing);
    expect(workers[2].sent).toEqual([
      { type: "pipelineInit", protocolVersion: expect.any(Number), pipeline: second, speed: 5, timeSec: 12 },
      { type: "play" },
    ]);
  });

  it("once the replay has arrived, or the user has moved the run, an edit takes the moment shown", () => {
    const { workers, factory } = fakeHosts();
    const client = new PipelineClient(cascade, factory, factory);
    client.start(5, 12);
    client.send({ type: "seek", timeSec: 3 });
    client.setPipeline(cascade, 3, false);
    expect(workers[1].sent).toEqual([expect.objectContaining({ type: "pipelineInit", timeSec: 3 })]);
  });
});
