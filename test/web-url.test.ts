/**
 * The address bar follows the scenario (web/runtime/urlSync.ts): debounced replaceState for
 * edits and moments, pushState for presets, popstate for Back/Forward. A fake window with a real
 * history stack stands in for the browser.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { decodeScenario } from "../src-sim/scenario/codec";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { presetById } from "../src-sim/scenario/presets";
import {
  URL_DEBOUNCE_MS,
  followScenarioInUrl,
  scenarioAddress,
  scenarioLink,
  scenarioQuery,
  type UrlWindow,
} from "../web/runtime/urlSync";
import { presetScenario } from "../web/scenario/presetMatch";
import { createAppStore, type AppStore } from "../web/store/appStore";
import type { SimCommands } from "../web/store/commands";

/** A window whose history is a list of entries with a cursor, like a browser tab's. */
class FakeWindow {
  entries: string[];
  index = 0;
  pushes = 0;
  replaces = 0;
  private listeners = new Set<() => void>();

  constructor(address: string) {
    this.entries = [address];
  }
  get location() {
    const url = new URL(this.entries[this.index], "https://example.test");
    return { origin: url.origin, pathname: url.pathname, search: url.search, hash: url.hash } as Location;
  }
  history = {
    state: null,
    replaceState: (_s: unknown, _t: string, url: string) => {
      this.replaces++;
      this.entries[this.index] = url;
    },
    pushState: (_s: unknown, _t: string, url: string) => {
      this.pushes++;
      this.entries = this.entries.slice(0, this.index + 1).concat(url);
      this.index++;
    },
  } as unknown as History;
  addEventListener(_type: string, fn: () => void) {
    this.listeners.add(fn);
  }
  removeEventListener(_type: string, fn: () => void) {
    this.listeners.delete(fn);
  }
  go(delta: number) {
    this.index += delta;
    this.listeners.forEach((fn) => fn());
  }
  /** Path and query of the current entry. */
  get address() {
    return this.entries[this.index];
  }
}

function setup(address = "/app/") {
  const calls: Array<[string, unknown[]]> = [];
  const commands = new Proxy({} as SimCommands, {
    get:
      (_t, name: string) =>
      (...args: unknown[]) =>
        calls.push([name, args]),
  });
  const win = new FakeWindow(address);
  const link = decodeScenario(win.location.search);
  const store = createAppStore({ commands, scenario: link.scenario, linkWarnings: link.warnings });
  const stop = followScenarioInUrl(store, link.view, win as unknown as UrlWindow);
  return { win, store, calls, stop };
}

/** What the worker would report after moving to `timeSec` (paused unless `playing`). */
function report(store: AppStore, timeSec: number, playing = false) {
  store.getState().applyPlayback({ playing, ended: false, speed: 10, timeSec, sampleIntervalSec: 0.1 });
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe("links", () => {
  it("scenarioQuery writes non-default keys in table order, t last among the core keys", () => {
    const s: Scenario = { ...DEFAULT_SCENARIO, duration: 600, consumer: 60_000, strategy: "block" };
    expect(scenarioQuery(s, 42.04)).toBe("strategy=block&consumer=60000&duration=600&t=42");
  });

  it("scenarioLink(location, story, 60) is origin + path + ?t=60; the view keys come last", () => {
    const loc = { origin: "https://h.test", pathname: "/sub/path/" };
    expect(scenarioLink(loc, DEFAULT_SCENARIO, 60)).toBe("https://h.test/sub/path/?t=60");
    expect(scenarioLink(loc, DEFAULT_SCENARIO, 0, { embed: "1", hide: "memory" })).toBe(
      "https://h.test/sub/path/?embed=1&hide=memory",
    );
    expect(scenarioAddress(loc, DEFAULT_SCENARIO, 0)).toBe("/sub/path/");
  });

  it("clamps the moment to the duration", () => {
    expect(scenarioQuery({ ...DEFAULT_SCENARIO, duration: 10 }, 50)).toBe("duration=10&t=10");
  });
});

describe("followScenarioInUrl", () => {
  it("rewrites an opened link to its canonical form at once (bad values replaced, order fixed)", () => {
    const { win } = setup("/app/?t=60&producer=-5&strategy=nope&v=1");
    expect(win.address).toBe("/app/?producer=1&t=60");
    expect(win.pushes).toBe(0);
  });

  it("keeps view keys (embed, hide) and the hash", () => {
    const { win } = setup("/app/?hide=memory&strategy=block&embed=1#x");
    expect(win.address).toBe("/app/?strategy=block&embed=1&hide=memory#x");
  });

  it("replaces (never pushes) the address once edits settle, debounced", () => {
    const { win, store } = setup();
    store.getState().setParam("producer", 120_000);
    store.getState().setParam("producer", 130_000);
    expect(win.address).toBe("/app/");
    vi.advanceTimersByTime(URL_DEBOUNCE_MS - 1);
    expect(win.address).toBe("/app/");
    vi.advanceTimersByTime(1);
    expect(win.address).toBe("/app/?producer=130000");
    expect(win.replaces).toBe(1);
    expect(win.pushes).toBe(0);
  });

  it("records the paused moment as t=, not the moments passed while playing", () => {
    const { win, store } = setup();
    report(store, 5, true);
    report(store, 9.5, true);
    vi.runAllTimers();
    expect(win.address).toBe("/app/");
    report(store, 12.34, false);
    vi.runAllTimers();
    expect(win.address).toBe("/app/?t=12.3");
    report(store, 60, false);
    vi.runAllTimers();
    expect(win.address).toBe("/app/?t=60");
  });

  it("picking a preset pushes an entry, after writing the scenario being left into the old one", () => {
    const { win, store, calls } = setup();
    store.getState().setParam("consumer", 70_000); // not yet written (debounce pending)
    store.getState().openScenario(presetScenario(presetById("watermarks")!), "push");
    expect(win.entries).toEqual(["/app/?consumer=70000", "/app/?strategy=watermark"]);
    expect(win.index).toBe(1);
    expect(calls.at(-1)![0]).toBe("load");
    vi.runAllTimers();
    expect(win.entries).toEqual(["/app/?consumer=70000", "/app/?strategy=watermark"]);
  });

  it("picking the scenario already shown adds no duplicate entry", () => {
    const { win, store } = setup("/app/?strategy=watermark");
    store.getState().openScenario(presetScenario(presetById("watermarks")!), "push");
    expect(win.pushes).toBe(0);
  });

  it("Back and Forward reopen each entry's scenario at its moment (load, paused there)", () => {
    const { win, store, calls } = setup("/app/?t=30");
    store.getState().openScenario(presetScenario(presetById("block")!), "push");
    store.getState().openScenario(presetScenario(presetById("drop-newest")!), "push");
    expect(win.entries).toEqual(["/app/?t=30", "/app/?strategy=block", "/app/?strategy=drop-newest"]);

    win.go(-1);
    expect(store.getState().scenario.strategy).toBe("block");
    win.go(-1);
    expect(store.getState().scenario).toEqual({ ...DEFAULT_SCENARIO, t: 30 });
    const load = calls.at(-1)!;
    expect(load[0]).toBe("load");
    expect((load[1][0] as Scenario).t).toBe(30);
    win.go(2);
    expect(store.getState().scenario.strategy).toBe("drop-newest");
    // Popping never writes history itself.
    vi.runAllTimers();
    expect(win.pushes).toBe(2);
    expect(win.entries).toEqual(["/app/?t=30", "/app/?strategy=block", "/app/?strategy=drop-newest"]);
  });

  it("a popstate for an entry already shown (a hash change) starts no new run", () => {
    const { win, store, calls } = setup("/app/?strategy=block");
    win.history.pushState(null, "", "/app/?strategy=block#stage");
    const before = calls.length;
    win.go(-1);
    expect(calls.length).toBe(before);
    expect(store.getState().navigation.id).toBe(0);
  });

  it("stops following when asked", () => {
    const { win, store, stop } = setup();
    stop();
    store.getState().setParam("producer", 120_000);
    vi.runAllTimers();
    expect(win.address).toBe("/app/");
  });
});
