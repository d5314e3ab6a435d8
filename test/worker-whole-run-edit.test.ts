/**
 * A change to the whole run (`setBase`, the page's "Whole run" edits, and a removed change) made
 * mid-run rewrites the samples before the present moment: the page must get them again, or its
 * charts keep showing the old run up to now (found while building comparisons, issue 13).
 */
import { expect, it } from "vitest";
import { decodeScenario } from "../src-sim/scenario/codec";
import { PROTOCOL_VERSION, type FrameMessage } from "../src-sim/worker/protocol";
import { serveSimulation, type Clock } from "../src-sim/worker/runtime";
import { Timeline } from "../src-sim/worker/timeline";

const clock: Clock = {
  now: () => 0,
  schedule: (fn) => setTimeout(fn, 0),
  cancel: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

it("setBase mid-run sends the rewritten samples from 0, equal to the new run's", async () => {
  const channel = new MessageChannel();
  const stop = serveSimulation(channel.port2, clock);
  const frames: FrameMessage[] = [];
  const page: number[] = [];
  channel.port1.onmessage = (e) => {
    const f = e.data as FrameMessage;
    if (f.type !== "frame") return;
    frames.push(f);
    page.length = Math.min(page.length, f.samplesStart);
    for (let i = 0; i < f.sampleCount; i++) page.push(f.columns.queued[i]);
    channel.port1.postMessage({ type: "ack", frameId: f.frameId });
  };
  const base = decodeScenario("").scenario;
  /** Waits (on messages, not on time) until `predicate` holds. */
  const until = async (predicate: () => boolean) => {
    for (let i = 0; i < 500 && !predicate(); i++) await new Promise((r) => setTimeout(r, 5));
    expect(predicate()).toBe(true);
  };
  channel.port1.postMessage({
    type: "init",
    protocolVersion: PROTOCOL_VERSION,
    scenario: base,
    speed: 10,
    timeSec: 30,
  });
  await until(() => frames.length > 0 && frames[frames.length - 1].live.timeSec === 30);
  const next = { ...base, consumer: 90000 };
  const before = frames.length;
  channel.port1.postMessage({ type: "setBase", scenario: next });
  await until(() => frames.length > before && frames[frames.length - 1].base.consumer === 90000);
  stop();
  channel.port1.close();
  const expected = new Timeline(next);
  expected.seek(300);
  expect(page).toEqual(Array.from(expected.sim.readSamples(0).columns.queued));
});
