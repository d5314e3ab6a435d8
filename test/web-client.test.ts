import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO } from "../src-sim/scenario/params";
import type { Endpoint } from "../src-sim/worker/protocol";
import { serveSimulation, type Clock } from "../src-sim/worker/runtime";
import { EventStore } from "../web/runtime/eventStore";
import { RenderLoop } from "../web/runtime/renderLoop";
import { SeriesStore } from "../web/runtime/seriesStore";
import { SimClient, type ClientSink } from "../web/runtime/simClient";
import type { PlaybackState } from "../web/store/playbackSlice";
import type { Readouts } from "../web/store/readoutsSlice";

/** A clock that never fires on its own: these tests move the run by seeks and steps. */
const idleClock: Clock = { now: () => 0, schedule: () => 0, cancel: () => {} };

const settle = () => new Promise((r) => setTimeout(r, 10));

function setup() {
  const channel = new MessageChannel();
  const stop = serveSimulation(channel.port2 as unknown as Endpoint, idleClock);
  const series = new SeriesStore();
  const events = new EventStore();
  let frames = 0;
  const loop = new RenderLoop({ request: () => ++frames, cancel: () => {} });
  const got = { playback: [] as PlaybackState[], readouts: [] as Readouts[], errors: [] as string[] };
  const sink: ClientSink = {
    playback: (p) => got.playback.push(p),
    readouts: (r) => got.readouts.push(r),
    scenario: () => {},
    error: (m) => got.errors.push(m),
  };
  let now = 0;
  const client = new SimClient({
    createWorker: () => ({ endpoint: channel.port1 as unknown as Endpoint, terminate: () => {} }),
    series,
    events,
    loop,
    sink,
    now: () => (now += 1000),
  });
  const close = () => {
    client.stop();
    stop();
    channel.port1.close();
    channel.port2.close();
  };
  return { client, series, events, loop, got, close };
}

let cleanup: Array<() => void> = [];
afterEach(() => {
  cleanup.forEach((f) => f());
  cleanup = [];
});

async function until(predicate: () => boolean) {
  for (let i = 0; i < 200 && !predicate(); i++) await settle();
  expect(predicate()).toBe(true);
}

describe("SimClient with the runtime over a MessageChannel", () => {
  it("start() shows sample 0 and publishes paused readouts", async () => {
    const h = setup();
    cleanup.push(h.close);
    h.client.start({ ...DEFAULT_SCENARIO }, 10);
    await until(() => h.got.readouts.length > 0);
    expect(h.series.length).toBe(1);
    expect(h.got.playback[0].playing).toBe(false);
    expect(h.got.readouts[0].live?.queued).toBe(0);
  });

  it("seek(60) fills the columns to 601 samples; seek(10) truncates them to 101 with 500K queued", async () => {
    const h = setup();
    cleanup.push(h.close);
    h.client.start({ ...DEFAULT_SCENARIO }, 10);
    h.client.seek(60);
    await until(() => h.series.length === 601);
    expect(h.series.last("queued")).toBe(3_000_000);
    h.client.seek(10);
    await until(() => h.series.length === 101);
    expect(h.series.last("queued")).toBe(500_000);
    expect(h.loop.scheduled).toBe(true);
  });

  it("the OOM event reaches the event store and the readouts", async () => {
    const h = setup();
    cleanup.push(h.close);
    h.client.start({ ...DEFAULT_SCENARIO }, 10);
    h.client.seek(130);
    await until(() => h.got.readouts.some((r) => r.oomAtSec !== null));
    expect(h.events.firstOf("oom")).toBe(0);
    const last = h.got.readouts[h.got.readouts.length - 1];
    expect(last.oomAtSec).toBeCloseTo(120, 3);
    expect(last.live?.lost).toBeGreaterThan(0);
    // The crash comes just before the 120 s sample: the deepest sample is the one at 119.9 s.
    expect(last.moment?.peakQueued).toBe(5_995_000);
  });

  it("an error message from the worker reaches the page once; the discarded worker's later crash does not", async () => {
    const channel = new MessageChannel();
    const errors: string[] = [];
    let crash: (m: string) => void = () => {};
    const client = new SimClient({
      createWorker: (onCrash) => {
        crash = onCrash;
        return { endpoint: channel.port1 as unknown as Endpoint, terminate: () => {} };
      },
      series: new SeriesStore(),
      events: new EventStore(),
      loop: new RenderLoop({ request: () => 0, cancel: () => {} }),
      sink: { playback: () => {}, readouts: () => {}, scenario: () => {}, error: (m) => errors.push(m) },
    });
    cleanup.push(() => {
      client.stop();
      channel.port1.close();
      channel.port2.close();
    });
    client.start({ ...DEFAULT_SCENARIO }, 10);
    channel.port2.postMessage({ type: "error", message: "engine exploded" });
    await until(() => errors.length === 1);
    crash("The simulation worker could not start.");
    expect(errors).toEqual(["engine exploded"]);
  });
});
