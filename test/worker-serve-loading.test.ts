/**
 * The worker's choice of runtime (src-sim/worker/serve.ts) while a runtime's code loads on demand:
 * the comparison's and the pipeline's runtimes are chunks of their own, so the messages that
 * arrive before one has loaded must wait and then be delivered in the order they came; a chunk
 * that cannot be loaded must reach the page as a clear message, never as silence. Served over a
 * MessageChannel, with loaders the test controls.
 */
import { afterEach, describe, expect, it } from "vitest";
import { PIPELINE_PRESETS } from "../src-sim/scenario/pipelinePresets";
import { DEFAULT_SCENARIO } from "../src-sim/scenario/params";
import type { ToLanesWorker } from "../src-sim/worker/laneProtocol";
import type { ToPipelineWorker } from "../src-sim/worker/pipelineProtocol";
import { PROTOCOL_VERSION, type Endpoint, type FromWorker } from "../src-sim/worker/protocol";
import type { Clock } from "../src-sim/worker/runtime";
import { serveAny, type RuntimeFactory, type RuntimeLoaders } from "../src-sim/worker/serve";
import { LaneClient } from "../web/compare/laneClient";
import { PipelineClient } from "../web/pipeline/pipelineClient";
import type { HostFactory } from "../web/runtime/simClient";

/** A clock that never fires: these tests look at what reaches the runtime, not at its pacing. */
const stillClock: Clock = { now: () => 0, schedule: () => 0, cancel: () => undefined };

/** A promise and the functions that settle it. */
function deferred<T>() {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A runtime that records what it receives, and whether it was stopped. */
class Recorder<M> {
  received: M[] = [];
  stopped = false;
  receive(message: M): void {
    this.received.push(message);
  }
  stop(): void {
    this.stopped = true;
  }
}

/** Waits, a few milliseconds at a time, until `predicate` holds (fails after about 3 s). */
async function until(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 600 && !predicate(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(predicate()).toBe(true);
}

const cascade = PIPELINE_PRESETS.find((p) => p.id === "pipeline-cascade")!.pipeline;
const lanesInit: ToLanesWorker = {
  type: "lanesInit",
  protocolVersion: PROTOCOL_VERSION,
  scenarios: [DEFAULT_SCENARIO, { ...DEFAULT_SCENARIO, strategy: "drop-newest" }],
  speed: 1,
  timeSec: 0,
};
const pipelineInit: ToPipelineWorker = {
  type: "pipelineInit",
  protocolVersion: PROTOCOL_VERSION,
  pipeline: cascade,
  speed: 1,
  timeSec: 0,
};

/** serveAny on one end of a channel; the test talks to the other and sees what arrives at each. */
function served(loaders: RuntimeLoaders) {
  const channel = new MessageChannel();
  const arrived: unknown[] = [];
  const answers: FromWorker[] = [];
  // Counts what reached the worker's end (serveAny's listener sees each message too).
  channel.port2.addEventListener("message", (event) => arrived.push(event.data));
  const stop = serveAny(channel.port2 as unknown as Endpoint, stillClock, loaders);
  channel.port1.onmessage = (event) => answers.push(event.data as FromWorker);
  const close = () => {
    stop();
    channel.port1.close();
    channel.port2.close();
  };
  closers.push(close);
  return { send: (m: unknown) => channel.port1.postMessage(m), arrived, answers, stop };
}

const closers: Array<() => void> = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

/** Loaders whose load the test settles by hand; `calls` counts the loads each was asked for. */
function manualLoaders() {
  const lanes = deferred<RuntimeFactory<ToLanesWorker>>();
  const pipeline = deferred<RuntimeFactory<ToPipelineWorker>>();
  const calls = { lanes: 0, pipeline: 0 };
  const loaders: RuntimeLoaders = {
    lanes: () => {
      calls.lanes++;
      return lanes.promise;
    },
    pipeline: () => {
      calls.pipeline++;
      return pipeline.promise;
    },
  };
  return { loaders, lanes, pipeline, calls };
}

describe("serveAny while a runtime's code loads", () => {
  it("holds the comparison's messages until its runtime has loaded, then delivers them in order", async () => {
    const m = manualLoaders();
    const h = served(m.loaders);
    const sent: ToLanesWorker[] = [
      lanesInit,
      { type: "play" },
      { type: "seek", timeSec: 12.5 },
      { type: "speed", speed: 10 },
      { type: "pause" },
    ];
    for (const msg of sent) h.send(msg);
    await until(() => h.arrived.length === sent.length);
    expect(m.calls).toEqual({ lanes: 1, pipeline: 0 });
    const recorder = new Recorder<ToLanesWorker>();
    let built = 0;
    m.lanes.resolve(() => {
      built++;
      return recorder;
    });
    await until(() => recorder.received.length === sent.length);
    expect(recorder.received).toEqual(sent);
    // Once loaded, each message goes straight through, after the held ones.
    h.send({ type: "step", samples: 1 });
    await until(() => recorder.received.length === sent.length + 1);
    expect(recorder.received.at(-1)).toEqual({ type: "step", samples: 1 });
    expect(built).toBe(1);
    expect(m.calls.lanes).toBe(1);
    expect(h.answers).toEqual([]);
  });

  it("does the same for a pipeline, with messages that keep arriving while it loads", async () => {
    const m = manualLoaders();
    const h = served(m.loaders);
    h.send(pipelineInit);
    h.send({ type: "play" });
    await until(() => h.arrived.length === 2);
    h.send({ type: "seek", timeSec: 3 });
    await until(() => h.arrived.length === 3);
    const recorder = new Recorder<ToPipelineWorker>();
    m.pipeline.resolve(() => recorder);
    await until(() => recorder.received.length === 3);
    expect(recorder.received.map((msg) => msg.type)).toEqual(["pipelineInit", "play", "seek"]);
    expect(m.calls).toEqual({ lanes: 0, pipeline: 1 });
  });

  it("answers a chunk that cannot be loaded with one error message that names it, and never hangs silently", async () => {
    const m = manualLoaders();
    const h = served(m.loaders);
    h.send(pipelineInit);
    h.send({ type: "play" });
    await until(() => h.arrived.length === 2);
    m.pipeline.reject(new TypeError("Failed to fetch dynamically imported module: ./pipelineRuntime-x.js"));
    await until(() => h.answers.length > 0);
    expect(h.answers).toEqual([
      {
        type: "error",
        message:
          "The pipeline's simulation code could not be loaded (Failed to fetch dynamically imported module: " +
          "./pipelineRuntime-x.js). Restart or reload the page to try again.",
      },
    ]);
    // What follows has nothing to serve it: no second message, no throw, no second load.
    h.send({ type: "pause" });
    await until(() => h.arrived.length === 3);
    expect(h.answers).toHaveLength(1);
    expect(m.calls.pipeline).toBe(1);
  });

  it("treats a loader that throws at once like one that fails later", async () => {
    const h = served({
      lanes: () => {
        throw new Error("no chunk");
      },
      pipeline: () => Promise.reject(new Error("unused")),
    });
    h.send(lanesInit);
    await until(() => h.answers.length > 0);
    expect(h.answers).toEqual([
      {
        type: "error",
        message:
          "The comparison's simulation code could not be loaded (no chunk). Restart or reload the page to try again.",
      },
    ]);
  });

  it("builds no runtime when it was stopped while the code loaded", async () => {
    const m = manualLoaders();
    const h = served(m.loaders);
    h.send(lanesInit);
    await until(() => h.arrived.length === 1);
    h.stop();
    let built = 0;
    m.lanes.resolve(() => {
      built++;
      return new Recorder<ToLanesWorker>();
    });
    await m.lanes.promise;
    await new Promise((r) => setTimeout(r, 0));
    expect(built).toBe(0);
    expect(h.answers).toEqual([]);
  });

  it("loads the real runtimes' code on demand: a comparison and a pipeline each answer with frames", async () => {
    const lanes = served({
      lanes: async () => (await import("../src-sim/worker/serve")).RUNTIME_LOADERS.lanes(),
      pipeline: () => Promise.reject(new Error("not this one")),
    });
    lanes.send(lanesInit);
    await until(() => lanes.answers.some((a) => (a as { type: string }).type === "lanesFrame"));
    const pipeline = served({
      lanes: () => Promise.reject(new Error("not this one")),
      pipeline: async () => (await import("../src-sim/worker/serve")).RUNTIME_LOADERS.pipeline(),
    });
    pipeline.send(pipelineInit);
    await until(() => pipeline.answers.some((a) => (a as { type: string }).type === "pipelineFrame"));
    expect([...lanes.answers, ...pipeline.answers].filter((a) => a.type === "error")).toEqual([]);
  });
});

/** A host factory whose "worker" is serveAny over a MessageChannel with the given loaders. */
function hostsServedWith(loaders: RuntimeLoaders): HostFactory {
  return () => {
    const channel = new MessageChannel();
    const stop = serveAny(channel.port2 as unknown as Endpoint, stillClock, loaders);
    const close = () => {
      stop();
      channel.port1.close();
      channel.port2.close();
    };
    closers.push(close);
    return { endpoint: channel.port1 as unknown as Endpoint, terminate: close };
  };
}

const failing: RuntimeLoaders = {
  lanes: () => Promise.reject(new TypeError("Failed to fetch dynamically imported module")),
  pipeline: () => Promise.reject(new TypeError("Failed to fetch dynamically imported module")),
};

describe("the page, when a runtime's code cannot be loaded", () => {
  it("the pipeline page shows the message", async () => {
    const hosts = hostsServedWith(failing);
    const client = new PipelineClient(cascade, hosts, hosts);
    client.start(1, 0);
    await until(() => client.getState().error !== null);
    expect(client.getState().error).toBe(
      "The simulation stopped: The pipeline's simulation code could not be loaded " +
        "(Failed to fetch dynamically imported module). Restart or reload the page to try again.",
    );
  });

  it("the comparison reports the message to its page", async () => {
    const hosts = hostsServedWith(failing);
    const errors: string[] = [];
    const client = new LaneClient({
      createWorker: hosts,
      createFallback: hosts,
      loop: { invalidate: () => undefined } as unknown as ConstructorParameters<typeof LaneClient>[0]["loop"],
      sink: { playback: () => undefined, lanes: () => undefined, error: (detail) => errors.push(detail) },
      onShared: () => undefined,
    });
    client.start([DEFAULT_SCENARIO, DEFAULT_SCENARIO], 1, 0);
    await until(() => errors.length > 0);
    expect(errors).toEqual([
      "The comparison's simulation code could not be loaded (Failed to fetch dynamically imported module). " +
        "Restart or reload the page to try again.",
    ]);
  });
});
