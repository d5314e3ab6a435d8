import { afterEach, describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import {
  MAX_UNACKED_FRAMES,
  PROTOCOL_VERSION,
  type ErrorMessage,
  type FrameMessage,
  type FromWorker,
  type ToWorker,
} from "../src-sim/worker/protocol";
import { TICK_MS, clampSpeed, serveSimulation } from "../src-sim/worker/runtime";
import { FakeClock } from "./support/fakeClock";

/** A page on one port of a MessageChannel, the runtime on the other. */
function harness(autoAck = true) {
  const channel = new MessageChannel();
  const clock = new FakeClock();
  const stop = serveSimulation(channel.port2, clock);
  const received: FromWorker[] = [];
  let waiters: Array<() => void> = [];
  channel.port1.onmessage = (event) => {
    const msg = event.data as FromWorker;
    received.push(msg);
    if (autoAck && msg.type === "frame") channel.port1.postMessage({ type: "ack", frameId: msg.frameId });
    const w = waiters;
    waiters = [];
    w.forEach((fn) => fn());
  };
  const send = (msg: ToWorker) => channel.port1.postMessage(msg);
  /** Resolves once `count` messages have arrived in total. */
  const until = async (predicate: () => boolean) => {
    for (let i = 0; i < 200 && !predicate(); i++)
      await new Promise<void>((r) => {
        waiters.push(r);
        setTimeout(r, 5);
      });
    expect(predicate()).toBe(true);
  };
  const frames = () => received.filter((m): m is FrameMessage => m.type === "frame");
  const last = () => frames()[frames().length - 1];
  /** Lets messages cross the channel in both directions. */
  const settle = () => new Promise((r) => setTimeout(r, 20));
  const close = () => {
    stop();
    channel.port1.close();
    channel.port2.close();
  };
  return { clock, send, received, frames, last, until, settle, close, port: channel.port1 };
}

const init = (scenario: Scenario = DEFAULT_SCENARIO, timeSec = 0, speed: number | "max" = 10): ToWorker => ({
  type: "init",
  protocolVersion: PROTOCOL_VERSION,
  scenario: { ...scenario },
  speed,
  timeSec,
});

let open: Array<{ close(): void }> = [];
afterEach(() => {
  open.forEach((h) => h.close());
  open = [];
});
function make(autoAck = true) {
  const h = harness(autoAck);
  open.push(h);
  return h;
}

describe("clampSpeed", () => {
  it("clampSpeed(5000) is 1000 and clampSpeed(0.01) is 0.1", () => {
    expect(clampSpeed(5000)).toBe(1000);
    expect(clampSpeed(0.01)).toBe(0.1);
    expect(clampSpeed("max")).toBe("max");
  });
});

describe("simulation runtime over a MessageChannel", () => {
  it("init answers with a frame holding sample 0, paused at t = 0", async () => {
    const h = make();
    h.send(init());
    await h.until(() => h.frames().length === 1);
    const f = h.last();
    expect(f.samplesStart).toBe(0);
    expect(f.sampleCount).toBe(1);
    expect(f.playing).toBe(false);
    expect(f.live.timeSec).toBe(0);
    expect(f.sampleIntervalSec).toBe(0.1);
  });

  it("a protocol mismatch is reported as an error message", async () => {
    const h = make();
    h.send({ ...init(), protocolVersion: 999 } as ToWorker);
    await h.until(() => h.received.length === 1);
    expect((h.received[0] as ErrorMessage).message).toMatch(/protocol/);
  });

  it("a command before init is an error, not a crash", async () => {
    const h = make();
    h.send({ type: "play" });
    await h.until(() => h.received.length === 1);
    expect(h.received[0].type).toBe("error");
  });

  it("play at 10x paces 1 s of wall time to 10 s of simulated time", async () => {
    const h = make();
    h.send(init(DEFAULT_SCENARIO, 0, 10));
    await h.until(() => h.frames().length === 1);
    h.send({ type: "play" });
    await h.settle();
    for (let i = 0; i < 1000 / TICK_MS; i++) {
      h.clock.advance(TICK_MS);
      await h.settle();
    }
    const t = h.last().live.timeSec;
    expect(t).toBeGreaterThan(9.5);
    expect(t).toBeLessThan(10.5);
    // Every sample arrived exactly once, in order.
    const total = h.frames().reduce((n, f) => Math.max(n, f.samplesStart + f.sampleCount), 0);
    expect(total).toBe(Math.round(t / 0.1) + 1);
  });

  it("keeps at most MAX_UNACKED_FRAMES frames unacknowledged and does not advance meanwhile", async () => {
    const h = make(false);
    h.send(init(DEFAULT_SCENARIO, 0, 100));
    await h.until(() => h.frames().length === 1);
    h.send({ type: "play" });
    await h.settle();
    for (let i = 0; i < 30; i++) {
      h.clock.advance(TICK_MS);
      await h.settle();
    }
    expect(h.frames().length).toBe(MAX_UNACKED_FRAMES);
    const stalledAt = h.last().live.timeSec;
    // Acknowledge: the run goes on from where it stood, without a jump.
    h.port.postMessage({ type: "ack", frameId: h.last().frameId });
    await h.settle();
    h.clock.advance(TICK_MS);
    await h.settle();
    const after = h.last().live.timeSec;
    expect(after).toBeGreaterThan(stalledAt);
    expect(after - stalledAt).toBeLessThan(100 * 0.05);
  });

  it("seek back to 10 s resends from the shared prefix and shows 500K queued", async () => {
    const h = make();
    h.send(init());
    h.send({ type: "seek", timeSec: 60 });
    await h.until(() => h.last()?.live.timeSec === 60);
    expect(h.last().live.queued).toBe(3_000_000);
    h.send({ type: "seek", timeSec: 10 });
    await h.until(() => h.last().live.timeSec === 10);
    const f = h.last();
    expect(f.live.queued).toBe(500_000);
    expect(f.samplesStart).toBe(101);
    expect(f.sampleCount).toBe(0);
  });

  it("init with timeSec opens paused at that moment", async () => {
    const h = make();
    h.send(init(DEFAULT_SCENARIO, 60));
    await h.until(() => h.frames().length === 1);
    expect(h.last().live.timeSec).toBeCloseTo(60, 6);
    expect(h.last().live.queued).toBe(3_000_000);
    expect(h.last().sampleCount).toBe(601);
  });

  it("step moves by whole samples, back and forward, and pauses", async () => {
    const h = make();
    h.send(init());
    h.send({ type: "step", samples: 3 });
    h.send({ type: "step", samples: -1 });
    await h.until(() => Math.abs(h.last()?.live.timeSec - 0.2) < 1e-9);
    expect(h.last().live.timeSec).toBeCloseTo(0.2, 9);
    expect(h.last().playing).toBe(false);
  });

  it("speed max runs the story to its end and reports the OOM event at 120 s", async () => {
    const h = make();
    h.send(init(DEFAULT_SCENARIO, 0, "max"));
    h.send({ type: "play" });
    for (let i = 0; i < 100 && !h.frames().some((f) => f.ended); i++) {
      h.clock.advance(TICK_MS);
      await h.settle();
    }
    const frames = h.frames();
    expect(frames[frames.length - 1].ended).toBe(true);
    expect(frames[frames.length - 1].playing).toBe(false);
    const oom = frames.flatMap((f) => Array.from(f.events.kind).map((k, i) => ({ k, t: f.events.timeSec[i] })));
    expect(oom.some((e) => e.t > 119.9 && e.t < 120.1)).toBe(true);
    expect(frames[frames.length - 1].live.lost).toBeGreaterThan(0);
  });

  it("play with stopAt oom pauses on the first sample after the crash, and plays on from there", async () => {
    const h = make();
    h.send(init(DEFAULT_SCENARIO, 0, "max"));
    h.send({ type: "play", stopAt: ["oom"] });
    for (let i = 0; i < 100 && (h.frames().length < 2 || h.last().playing); i++) {
      h.clock.advance(TICK_MS);
      await h.settle();
    }
    const stopped = h.last();
    expect(stopped.playing).toBe(false);
    expect(stopped.ended).toBe(false);
    // The crash comes just before 120 s (the 119.9 s sample is the deepest): stop at 120.0 s.
    expect(stopped.live.timeSec).toBeCloseTo(120, 9);
    expect(stopped.live.consumerUp).toBe(false);
    h.send({ type: "play", stopAt: ["oom"] });
    for (let i = 0; i < 100 && !h.last().ended; i++) {
      h.clock.advance(TICK_MS);
      await h.settle();
    }
    // The crash already passed does not stop the run a second time.
    expect(h.last().ended).toBe(true);
  });

  it("setScenario mid-run takes effect from the current time and is reported back", async () => {
    const h = make();
    h.send(init());
    h.send({ type: "seek", timeSec: 20 });
    h.send({ type: "setScenario", scenario: { ...DEFAULT_SCENARIO, consumer: 100_000 } });
    h.send({ type: "seek", timeSec: 40 });
    // Frames coalesce while two are unacknowledged: wait for the state, not a count.
    await h.until(() => Math.abs(h.last()?.live.timeSec - 40) < 1e-6);
    expect(h.last().live.queued).toBe(1_000_000);
    expect(h.last().scenario.consumer).toBe(100_000);
    h.send({ type: "seek", timeSec: 5 });
    await h.until(() => Math.abs(h.last().live.timeSec - 5) < 1e-6);
    expect(h.last().scenario.consumer).toBe(50_000);
  });

  it("reset starts over at t = 0 with sample 0 resent", async () => {
    const h = make();
    h.send(init());
    h.send({ type: "seek", timeSec: 30 });
    h.send({ type: "reset", scenario: { ...DEFAULT_SCENARIO, strategy: "watermark" } });
    await h.until(() => h.last()?.scenario.strategy === "watermark");
    const f = h.last();
    expect(f.samplesStart).toBe(0);
    expect(f.sampleCount).toBe(1);
    expect(f.eventsStart).toBe(0);
    expect(f.scenario.strategy).toBe("watermark");
  });

  it("play at the end of the run starts again from 0", async () => {
    const h = make();
    h.send(init({ ...DEFAULT_SCENARIO, duration: 5 }, 5));
    await h.until(() => h.last()?.ended === true);
    h.send({ type: "play" });
    await h.until(() => h.last().playing && h.last().live.timeSec === 0);
    // Replaying from 0 keeps the shared prefix: the page truncates to sample 0 and goes on.
    expect(h.last().samplesStart).toBe(1);
  });
});
