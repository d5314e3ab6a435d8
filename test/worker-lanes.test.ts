/**
 * A comparison's worker (issue 13): lanes on one clock, over a MessageChannel with a fake clock.
 * Every lane's samples must equal the single run of its scenario bit for bit, at every moment the
 * lanes are moved to (play, seek back and forth, a lane's parameter changed), and the scorecard's
 * figures must be that single run's and agree with its samples.
 */
import { afterEach, describe, expect, it } from "vitest";
import { SAMPLE_COLUMNS, type SampleColumn } from "../src-sim/engine/types";
import { decodeScenario } from "../src-sim/scenario/codec";
import type { Scenario } from "../src-sim/scenario/params";
import { runFigures } from "../src-sim/sweep/figures";
import type { LanesFrameMessage, ToLanesWorker } from "../src-sim/worker/laneProtocol";
import { PROTOCOL_VERSION, type FromWorker } from "../src-sim/worker/protocol";
import { FakeClock } from "./support/fakeClock";
import { serveAny } from "../src-sim/worker/serve";
import { Timeline } from "../src-sim/worker/timeline";

/** What the page holds per lane: samples as the frames built them. */
class LaneCopy {
  cols = new Map<SampleColumn, number[]>(SAMPLE_COLUMNS.map((c) => [c, []]));
  apply(start: number, count: number, columns: Record<SampleColumn, Float64Array>): void {
    for (const c of SAMPLE_COLUMNS) {
      const col = this.cols.get(c)!;
      col.length = Math.min(col.length, start);
      for (let i = 0; i < count; i++) col.push(columns[c][i]);
    }
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
  const frames: LanesFrameMessage[] = [];
  let lanes: LaneCopy[] = [];
  channel.port1.onmessage = (event) => {
    const msg = event.data as FromWorker | LanesFrameMessage;
    if (msg.type === "lanesFrame") {
      frames.push(msg);
      if (lanes.length !== msg.lanes.length) lanes = msg.lanes.map(() => new LaneCopy());
      msg.lanes.forEach((l, i) => lanes[i].apply(l.samplesStart, l.sampleCount, l.columns));
      channel.port1.postMessage({ type: "ack", frameId: msg.frameId });
    } else received.push(msg);
  };
  const send = (msg: ToLanesWorker) => channel.port1.postMessage(msg);
  const settle = () => new Promise((r) => setTimeout(r, 10));
  const last = () => frames[frames.length - 1];
  /** Runs the fake clock until `predicate`, letting messages cross between steps. */
  const until = async (predicate: () => boolean) => {
    for (let i = 0; i < 2000 && !predicate(); i++) {
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
  return { send, frames, received, last, until, settle, close, lanes: () => lanes };
}

/** The single run of `scenario` at sample `index`, as the page's single-run timeline makes it. */
function singleRun(scenario: Scenario, index: number): Timeline {
  const t = new Timeline(scenario);
  t.seek(index);
  return t;
}

function expectBitForBit(copy: LaneCopy, scenario: Scenario, index: number): void {
  const single = singleRun(scenario, index);
  const batch = single.sim.readSamples(0);
  expect(copy.length).toBe(batch.count);
  for (const c of SAMPLE_COLUMNS) {
    const got = Float64Array.from(copy.cols.get(c)!);
    // Same bytes: equal doubles, NaN where NaN, and -0 apart from 0.
    expect(Buffer.from(got.buffer).equals(Buffer.from(batch.columns[c].buffer)), c).toBe(true);
  }
}

const story = (query: string) => decodeScenario(`duration=150&${query}`).scenario;
const STORY_LANES = [story(""), story("strategy=watermark"), story("strategy=block")];

let h: ReturnType<typeof harness>;
afterEach(() => h?.close());

describe("lanes on one clock", () => {
  it("plays every lane to the end, each equal to its single run bit for bit", async () => {
    h = harness();
    h.send({ type: "lanesInit", protocolVersion: PROTOCOL_VERSION, scenarios: STORY_LANES, speed: "max", timeSec: 0 });
    h.send({ type: "play" });
    await h.until(() => h.frames.length > 0 && h.last().ended);
    const end = Math.round(150 / 0.1);
    // Every frame shows the lanes at one moment of one clock.
    for (const f of h.frames) for (const l of f.lanes) expect(l.live.timeSec).toBeCloseTo(f.timeSec, 9);
    STORY_LANES.forEach((s, i) => expectBitForBit(h.lanes()[i], s, end));
    // The scorecard's figures are the single run's, and agree with its samples.
    const figures = h.last().lanes.map((l) => l.figures);
    const copies = h.lanes();
    STORY_LANES.forEach((s, i) => {
      const single = singleRun(s, end);
      expect(figures[i]).toEqual(runFigures(single.sim, s));
      const queuedMax = Math.max(...copies[i].cols.get("queuedMax")!.filter((v) => Number.isFinite(v)));
      // The deepest queue counts the event in service too: at most one above the samples' queue.
      expect(figures[i].maxQueued! - queuedMax).toBeGreaterThanOrEqual(0);
      expect(figures[i].maxQueued! - queuedMax).toBeLessThanOrEqual(1);
      const memory = Math.max(...copies[i].cols.get("memoryBytesMax")!.filter((v) => Number.isFinite(v)));
      // Peak memory is reached by the event that crosses the limit: at most one event above the samples'.
      expect(figures[i].peakMemoryBytes! - memory).toBeGreaterThanOrEqual(0);
      expect(figures[i].peakMemoryBytes! - memory).toBeLessThanOrEqual(s.eventBytes);
    });
    // The story: the unbounded lane runs out of memory at 120 s, the others never do.
    expect(figures[0].oomAtSec).toBeCloseTo(120, 3);
    expect(figures.slice(1).map((f) => f.oomAtSec)).toEqual([null, null]);
    expect(figures[0].lost).toBeGreaterThan(0);
  });

  it("seeks every lane back and forth together, still bit for bit", async () => {
    h = harness();
    const lanes = [
      story("arrivals=poisson&service=exponential"),
      story("strategy=drop-oldest&arrivals=poisson&service=exponential&capacity=2000"),
    ];
    h.send({ type: "lanesInit", protocolVersion: PROTOCOL_VERSION, scenarios: lanes, speed: 10, timeSec: 60 });
    await h.until(() => h.frames.length > 0 && h.last().timeSec === 60);
    lanes.forEach((s, i) => expectBitForBit(h.lanes()[i], s, 600));
    h.send({ type: "seek", timeSec: 12.3 });
    await h.until(() => h.last().timeSec === 12.3);
    lanes.forEach((s, i) => expectBitForBit(h.lanes()[i], s, 123));
    h.send({ type: "step", samples: 5 });
    await h.until(() => h.last().timeSec === 12.8);
    lanes.forEach((s, i) => expectBitForBit(h.lanes()[i], s, 128));
  });

  it("a lane's new parameter changes that lane only", async () => {
    h = harness();
    h.send({ type: "lanesInit", protocolVersion: PROTOCOL_VERSION, scenarios: STORY_LANES, speed: 10, timeSec: 30 });
    await h.until(() => h.frames.length > 0 && h.last().timeSec === 30);
    const before = h.frames.length;
    const next = [STORY_LANES[0], { ...STORY_LANES[1], high: 4000, low: 1000 }, STORY_LANES[2]];
    h.send({ type: "lanesSet", scenarios: next });
    await h.until(() => h.frames.length > before);
    const f = h.last();
    expect(f.timeSec).toBe(30);
    // Unchanged lanes send nothing new; the changed one is resent from its start.
    expect(f.lanes[0].sampleCount).toBe(0);
    expect(f.lanes[2].sampleCount).toBe(0);
    expect(f.lanes[1].scenario.high).toBe(4000);
    next.forEach((s, i) => expectBitForBit(h.lanes()[i], s, 300));
  });

  it("refuses a comparison of one lane with an error message, not a throw", async () => {
    h = harness();
    h.send({
      type: "lanesInit",
      protocolVersion: PROTOCOL_VERSION,
      scenarios: [STORY_LANES[0]],
      speed: 10,
      timeSec: 0,
    });
    await h.until(() => h.received.some((m) => m.type === "error"));
  });

  it("stops every lane at the first OOM in any lane", async () => {
    h = harness();
    h.send({ type: "lanesInit", protocolVersion: PROTOCOL_VERSION, scenarios: STORY_LANES, speed: "max", timeSec: 0 });
    h.send({ type: "play", stopAt: ["oom"] });
    await h.until(() => h.frames.length > 1 && !h.last().playing);
    // Paused on the sample that shows the crash (as the single run's Stop at OOM), every lane there.
    const at = h.last().timeSec;
    expect(at).toBeGreaterThanOrEqual(120);
    expect(at).toBeLessThanOrEqual(120.1 + 1e-9);
    expect(h.last().lanes[0].figures.oomAtSec).toBeCloseTo(120, 3);
    STORY_LANES.forEach((s, i) => expectBitForBit(h.lanes()[i], s, Math.round(at / 0.1)));
  });
});

describe("lanes frames checked on the page", () => {
  it("reads a good frame, names what is wrong with a bad one, and never throws", async () => {
    const { readFromLanesWorker } = await import("../src-sim/worker/laneMessageCheck");
    const fc = (await import("fast-check")).default;
    h = harness();
    h.send({ type: "lanesInit", protocolVersion: PROTOCOL_VERSION, scenarios: STORY_LANES, speed: 10, timeSec: 1 });
    await h.until(() => h.frames.length > 0);
    const good = h.last();
    expect(readFromLanesWorker(good)).toEqual({ ok: true, message: good });
    const lane0 = good.lanes[0];
    const bad = (lanes: unknown[]) => readFromLanesWorker({ ...good, lanes });
    expect(bad([])).toEqual({ ok: false, problem: "a comparison frame whose lanes are missing" });
    expect(bad([{ ...lane0, columns: { ...lane0.columns, queued: new Float64Array(1) } }])).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/lane 1's column queued is malformed/),
    });
    expect(bad([lane0, { ...lane0, figures: { ...lane0.figures, lost: "many" } }])).toMatchObject({
      ok: false,
      problem: expect.stringMatching(/lane 2's figure lost is not a number/),
    });
    fc.assert(
      fc.property(fc.anything(), (x) => {
        const read = readFromLanesWorker({ type: "lanesFrame", lanes: [x] });
        expect(read.ok).toBe(false);
      }),
      { seed: 1313, numRuns: 300 },
    );
  });
});
