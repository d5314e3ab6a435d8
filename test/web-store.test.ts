import { describe, expect, it, vi } from "vitest";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { createAppStore } from "../web/store/appStore";
import type { SimCommands } from "../web/store/commands";

function recorder() {
  const calls: Array<[string, unknown[]]> = [];
  const commands = new Proxy({} as SimCommands, {
    get:
      (_t, name: string) =>
      (...args: unknown[]) =>
        calls.push([name, args]),
  });
  return { commands, calls, names: () => calls.map((c) => c[0]) };
}

const story: Scenario = { ...DEFAULT_SCENARIO };

describe("app store", () => {
  it("setParam('consumer', 100000) stores it and tells the simulation once", () => {
    const r = recorder();
    const store = createAppStore({ commands: r.commands, scenario: story });
    store.getState().setParam("consumer", 100_000);
    expect(store.getState().scenario.consumer).toBe(100_000);
    expect(r.calls).toEqual([["setScenario", [{ ...story, consumer: 100_000 }]]]);
  });

  it("setParam with the value already in force sends nothing", () => {
    const r = recorder();
    const store = createAppStore({ commands: r.commands, scenario: story });
    store.getState().setParam("producer", story.producer);
    expect(r.calls).toEqual([]);
  });

  it("setParam keeps low <= high <= capacity, as a decoded link would", () => {
    const r = recorder();
    const store = createAppStore({ commands: r.commands, scenario: { ...story, strategy: "watermark" } });
    store.getState().setParam("capacity", 5_000);
    const s = store.getState().scenario;
    expect([s.low, s.high, s.capacity]).toEqual([2_000, 5_000, 5_000]);
  });

  it("togglePlay asks for play when paused and pause when the worker reports playing", () => {
    const r = recorder();
    const store = createAppStore({ commands: r.commands, scenario: story });
    store.getState().togglePlay();
    store.getState().applyPlayback({ playing: true, ended: false, speed: 10, timeSec: 1, sampleIntervalSec: 0.1 });
    store.getState().togglePlay();
    expect(r.names()).toEqual(["play", "pause"]);
  });

  it("play stops at out-of-memory crashes by default; unticking Stop at OOM plays through them", () => {
    const r = recorder();
    const store = createAppStore({ commands: r.commands, scenario: story });
    store.getState().play();
    expect(r.calls[0]).toEqual(["play", [["oom", "producer-oom"]]]);
    store.getState().applyPlayback({ playing: true, ended: false, speed: 10, timeSec: 1, sampleIntervalSec: 0.1 });
    // While playing, the new choice reaches the worker at once.
    store.getState().setStopAtOom(false);
    expect(r.calls[1]).toEqual(["play", [[]]]);
    store.getState().applyPlayback({ playing: false, ended: false, speed: 10, timeSec: 2, sampleIntervalSec: 0.1 });
    store.getState().togglePlay();
    expect(r.calls[2]).toEqual(["play", [[]]]);
  });

  it("playing state comes only from the worker: play() alone does not flip it", () => {
    const r = recorder();
    const store = createAppStore({ commands: r.commands, scenario: story });
    store.getState().play();
    expect(store.getState().playing).toBe(false);
  });

  it("applyPlayback with unchanged values does not notify subscribers (no re-render)", () => {
    const r = recorder();
    const store = createAppStore({ commands: r.commands, scenario: story });
    const state = { playing: false, ended: false, speed: 10 as const, timeSec: 3, sampleIntervalSec: 0.1 };
    store.getState().applyPlayback(state);
    const listener = vi.fn();
    store.subscribe(listener);
    store.getState().applyPlayback(state);
    expect(listener).not.toHaveBeenCalled();
  });

  it("adoptScenario takes the worker's scenario without echoing it back and keeps the page's t", () => {
    const r = recorder();
    const store = createAppStore({ commands: r.commands, scenario: { ...story, t: 60 } });
    store.getState().adoptScenario({ ...story, consumer: 70_000, t: 0 });
    expect(store.getState().scenario.consumer).toBe(70_000);
    expect(store.getState().scenario.t).toBe(60);
    expect(r.calls).toEqual([]);
  });

  it("adoptScenario of the same simulation keeps the scenario object (no re-render)", () => {
    const r = recorder();
    const store = createAppStore({ commands: r.commands, scenario: story });
    const before = store.getState().scenario;
    store.getState().adoptScenario({ ...story });
    expect(store.getState().scenario).toBe(before);
  });

  it("setSpeed shows the new speed at once and forwards it", () => {
    const r = recorder();
    const store = createAppStore({ commands: r.commands, scenario: story });
    store.getState().setSpeed("max");
    expect(store.getState().speed).toBe("max");
    expect(r.calls).toEqual([["setSpeed", ["max"]]]);
  });

  it("reset restarts at 0 s with the run's starting scenario and its changes (an edit at 0 s is the start)", () => {
    const r = recorder();
    const store = createAppStore({ commands: r.commands, scenario: story });
    store.getState().setParam("strategy", "watermark");
    store.getState().reset();
    expect(r.calls[1]).toEqual(["reset", [{ ...story, strategy: "watermark" }, []]]);
  });

  it("a worker error stops playback; recover clears it and starts a fresh worker at the moment shown", () => {
    const r = recorder();
    const store = createAppStore({ commands: r.commands, scenario: story, speed: 100 });
    store.getState().applyPlayback({ playing: true, ended: false, speed: 100, timeSec: 5, sampleIntervalSec: 0.1 });
    store.getState().showWorkerError("boom");
    expect(store.getState().workerError).toBe("boom");
    expect(store.getState().playing).toBe(false);
    store.getState().recover();
    expect(store.getState().workerError).toBeNull();
    expect(r.calls).toEqual([["recover", [story, 100, 5, []]]]);
  });

  it("setAvailableStrategies ignores an unchanged list", () => {
    const r = recorder();
    const store = createAppStore({ commands: r.commands, scenario: story });
    const list = store.getState().availableStrategies;
    store.getState().setAvailableStrategies([...list]);
    expect(store.getState().availableStrategies).toBe(list);
  });

  it("openScenario(s, 'push') loads a fresh run of s at its moment, clears old link warnings and records the navigation", () => {
    const r = recorder();
    const store = createAppStore({
      commands: r.commands,
      scenario: story,
      speed: 30,
      linkWarnings: [{ key: "x", given: "1", used: null, message: "m" }],
    });
    const next: Scenario = { ...story, strategy: "block", t: 12 };
    store.getState().openScenario(next, "push");
    expect(store.getState().scenario).toEqual(next);
    expect(store.getState().linkWarnings).toEqual([]);
    expect(store.getState().navigation).toEqual({ id: 1, kind: "push" });
    expect(r.calls).toEqual([["load", [next, 30, []]]]);
  });

  it("openScenario applies the link rules (low <= high <= capacity) and keeps the link's warnings", () => {
    const r = recorder();
    const store = createAppStore({ commands: r.commands, scenario: story });
    const warning = { key: "producer", given: "-5", used: "1", message: "below" };
    store.getState().openScenario({ ...story, strategy: "watermark", capacity: 100 }, "pop", [warning]);
    expect(store.getState().scenario.high).toBe(100);
    expect(store.getState().linkWarnings).toEqual([warning]);
    expect(store.getState().navigation.kind).toBe("pop");
  });

  it("an edit at 40 s is recorded on the timeline of changes; the link's start stays the same", () => {
    const r = recorder();
    const store = createAppStore({ commands: r.commands, scenario: story });
    store.getState().applyPlayback({ playing: false, ended: false, speed: 10, timeSec: 40, sampleIntervalSec: 0.1 });
    store.getState().setParam("strategy", "drop-newest");
    expect(store.getState().scenario.strategy).toBe("drop-newest");
    expect(store.getState().base).toEqual(story);
    expect(store.getState().changes).toEqual([{ atSec: 40, key: "strategy", value: "drop-newest" }]);
    expect(r.calls).toEqual([["setScenario", [{ ...story, strategy: "drop-newest" }]]]);
  });

  it("'whole run' edits the start and keeps the changes; nothing is recorded", () => {
    const r = recorder();
    const changes = [{ atSec: 30, key: "consumer" as const, value: 80_000 }];
    const store = createAppStore({ commands: r.commands, scenario: story, changes });
    store.getState().applyPlayback({ playing: false, ended: false, speed: 10, timeSec: 40, sampleIntervalSec: 0.1 });
    store.getState().setChangeMode("whole");
    store.getState().setParam("producer", 90_000);
    expect(store.getState().base.producer).toBe(90_000);
    expect(store.getState().changes).toEqual(changes);
    expect(r.calls).toEqual([["setBase", [{ ...story, producer: 90_000 }]]]);
  });

  it("an edit before a recorded change replaces the later history and says so", () => {
    const r = recorder();
    const changes = [
      { atSec: 30, key: "consumer" as const, value: 80_000 },
      { atSec: 60, key: "strategy" as const, value: "drop-newest" as const },
    ];
    const store = createAppStore({ commands: r.commands, scenario: story, changes });
    store.getState().applyPlayback({ playing: false, ended: false, speed: 10, timeSec: 20, sampleIntervalSec: 0.1 });
    store.getState().setParam("producer", 70_000);
    expect(store.getState().changes).toEqual([{ atSec: 20, key: "producer", value: 70_000 }]);
    expect(store.getState().historyNotice).toMatch(/the 2 changes recorded after this moment were replaced/);
  });

  it("removeChange drops one change and sends the new list", () => {
    const r = recorder();
    const changes = [
      { atSec: 30, key: "consumer" as const, value: 80_000 },
      { atSec: 60, key: "strategy" as const, value: "drop-newest" as const },
    ];
    const store = createAppStore({ commands: r.commands, scenario: story, changes });
    store.getState().removeChange(0);
    expect(store.getState().changes).toEqual([changes[1]]);
    expect(r.calls).toEqual([["setChanges", [[changes[1]]]]]);
  });
});
