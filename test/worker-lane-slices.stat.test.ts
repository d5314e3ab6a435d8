/**
 * A comparison's worker answers within a slice of work whatever its lanes (as the single run's
 * does, test/worker-slices.stat.test.ts): before, a step moved every lane a whole sample in one
 * go (a heavy lane's sample holds a million events) and a lane's changed parameter replayed that
 * lane to the present in one go (seconds at t = 60 of a heavy run), deaf to every message.
 *
 * The fake clock moves MS_PER_READ each time it is read, standing for work: the runtime reads it
 * every STEPS_PER_CLOCK_READ model steps, so a slice holds a bounded count of steps. What the
 * tests observe is the protocol: progress messages while work goes on in slices, frames only
 * with every lane at one sample, and samples equal to the uninterrupted single runs.
 */
import { afterEach, describe, expect, it } from "vitest";
import { SAMPLE_COLUMNS } from "../src-sim/engine/types";
import { createSimulation } from "../src-sim/models/index";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import type { LanesFrameMessage, ToLanesWorker } from "../src-sim/worker/laneProtocol";
import { PROTOCOL_VERSION, type FromWorker, type ProgressMessage } from "../src-sim/worker/protocol";
import { serveAny } from "../src-sim/worker/serve";
import { Timeline } from "../src-sim/worker/timeline";
import { WorkClock } from "./support/workClock";

function harness() {
  const channel = new MessageChannel();
  const clock = new WorkClock();
  const stop = serveAny(channel.port2, clock);
  const frames: LanesFrameMessage[] = [];
  const others: FromWorker[] = [];
  channel.port1.onmessage = (event) => {
    const msg = event.data as FromWorker | LanesFrameMessage;
    if (msg.type === "lanesFrame") {
      frames.push(msg);
      channel.port1.postMessage({ type: "ack", frameId: msg.frameId });
    } else others.push(msg);
  };
  const send = (msg: ToLanesWorker) => channel.port1.postMessage(msg);
  const cross = () => new Promise((r) => setTimeout(r, 5));
  /** Runs timers and lets messages cross until `predicate` holds; fails if it never does. */
  const until = async (predicate: () => boolean, maxTimers = 20_000) => {
    for (let i = 0; i < maxTimers && !predicate(); i++) {
      clock.runNext();
      if (i % 20 === 0) await cross();
    }
    await cross();
    expect(predicate()).toBe(true);
  };
  const progress = () => others.filter((m): m is ProgressMessage => m.type === "progress");
  const close = () => {
    stop();
    channel.port1.close();
    channel.port2.close();
  };
  return { clock, send, frames, others, progress, cross, until, close };
}

let open: Array<{ close(): void }> = [];
afterEach(() => {
  open.forEach((h) => h.close());
  open = [];
});
function make() {
  const h = harness();
  open.push(h);
  return h;
}

/** Issue 12's heaviest scenario at half its rates: one sample of 0.1 s holds 10^6 events. */
const HEAVY: Scenario = {
  ...DEFAULT_SCENARIO,
  strategy: "watermark",
  capacity: 1,
  high: 1,
  low: 0,
  arrivals: "poisson",
  service: "exponential",
  producer: 5_000_000,
  consumer: 5_000_000,
};

describe("a comparison's work is sliced", () => {
  it("Pause after one tick of heavy lanes finishes the step in slices, with progress, then shows both lanes at 0.1 s", async () => {
    const h = make();
    const lanes = [HEAVY, { ...HEAVY, strategy: "block" as const }];
    h.send({ type: "lanesInit", protocolVersion: PROTOCOL_VERSION, scenarios: lanes, speed: "max", timeSec: 0 });
    await h.until(() => h.frames.length === 1);
    h.send({ type: "play" });
    await h.cross();
    await h.until(() => h.frames.length === 2);
    h.clock.runNext(); // one tick: a bounded count of steps, far less than a sample
    h.send({ type: "pause" });
    await h.cross();
    // The step is not done: no frame yet, progress instead.
    expect(h.frames).toHaveLength(2);
    await h.until(() => h.progress().length > 0);
    await h.until(() => h.frames.length === 3);
    const paused = h.frames[2];
    expect(paused.playing).toBe(false);
    expect(paused.timeSec).toBeCloseTo(0.1, 12);
    lanes.forEach((scenario, i) => {
      const direct = createSimulation(scenario);
      direct.advanceTo(0.1);
      expect(paused.lanes[i].live).toEqual(direct.live());
    });
  });

  it("a lane's changed parameter at t = 60 replays that lane in slices, with progress, to its single run", async () => {
    const h = make();
    const story = { ...DEFAULT_SCENARIO, arrivals: "poisson" as const, service: "exponential" as const };
    const lanes = [story, { ...story, strategy: "watermark" as const }];
    h.send({ type: "lanesInit", protocolVersion: PROTOCOL_VERSION, scenarios: lanes, speed: 1, timeSec: 60 });
    await h.until(() => h.frames.length === 1);
    expect(h.frames[0].timeSec).toBeCloseTo(60, 9);
    const progressBefore = h.progress().length;
    const changed = [story, { ...lanes[1], high: 5000 }];
    h.send({ type: "lanesSet", scenarios: changed });
    await h.cross();
    // The replay has begun but not finished: progress, no frame.
    expect(h.progress().length).toBeGreaterThan(progressBefore);
    expect(h.frames).toHaveLength(1);
    await h.until(() => h.frames.length === 2);
    const f = h.frames[1];
    expect(f.timeSec).toBeCloseTo(60, 9);
    changed.forEach((scenario, i) => {
      const single = new Timeline(scenario);
      single.seek(600);
      expect(f.lanes[i].live).toEqual(single.live());
    });
    // The changed lane's samples were all sent again, and equal its single run's.
    const single = new Timeline(changed[1]);
    single.seek(600);
    const batch = single.sim.readSamples(0);
    expect(f.lanes[1].samplesStart).toBe(0);
    for (const c of SAMPLE_COLUMNS) {
      expect(Buffer.from(f.lanes[1].columns[c].buffer).equals(Buffer.from(batch.columns[c].buffer)), c).toBe(true);
    }
  });
});
