/**
 * The client against a worker that misbehaves (issue 12, item 4), over a fake endpoint: a
 * malformed frame, an error message, a crash, a worker that stops answering, a page where
 * workers are not allowed. Each failure is reported once, in one clean sentence, and discards
 * the worker; a restart starts a fresh one at the same moment.
 */
import { EVENT_KINDS } from "../src-sim/engine/types";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SAMPLE_COLUMNS } from "../src-sim/engine/types";
import { DEFAULT_SCENARIO } from "../src-sim/scenario/params";
import { readFromWorker } from "../src-sim/worker/messageCheck";
import type { Endpoint, ToWorker } from "../src-sim/worker/protocol";
import { EventStore } from "../web/runtime/eventStore";
import { RenderLoop } from "../web/runtime/renderLoop";
import { SeriesStore } from "../web/runtime/seriesStore";
import {
  PING_AFTER_MS,
  SimClient,
  WATCHDOG_MS,
  errorDetail,
  type HostFactory,
  type SimulationHost,
  type WatchdogTimer,
  type WorkerHandle,
} from "../web/runtime/simClient";
import { createPageHost } from "../web/runtime/simHost";

/** An endpoint the test speaks for: it records what the page sends and delivers what we say. */
class FakeWorker implements Endpoint {
  sent: ToWorker[] = [];
  terminated = false;
  crash: (detail: string) => void = () => {};
  /** Answer pings (a live worker) or not (a hung one). */
  answersPings = true;
  private listeners = new Set<(event: MessageEvent) => void>();

  postMessage(message: unknown): void {
    const m = message as ToWorker;
    this.sent.push(m);
    if (m.type === "ping" && this.answersPings) this.deliver({ type: "pong", id: m.id });
  }
  addEventListener(_type: "message", listener: (event: MessageEvent) => void): void {
    this.listeners.add(listener);
  }
  removeEventListener(_type: "message", listener: (event: MessageEvent) => void): void {
    this.listeners.delete(listener);
  }
  /** Delivers `data` as if the worker had posted it. */
  deliver(data: unknown): void {
    for (const l of [...this.listeners]) l({ data } as MessageEvent);
  }
  handle(host: SimulationHost = "worker"): WorkerHandle {
    return { endpoint: this, terminate: () => (this.terminated = true), host };
  }
}

/** A watchdog timer moved by hand. */
class ManualTimer implements WatchdogTimer {
  nowMs = 0;
  private fns = new Set<{ fn: () => void; ms: number; next: number }>();
  now = () => this.nowMs;
  every = (fn: () => void, ms: number) => {
    const entry = { fn, ms, next: this.nowMs + ms };
    this.fns.add(entry);
    return () => void this.fns.delete(entry);
  };
  /** Moves time forward by `ms`, firing every due timer in order. */
  advance(ms: number): void {
    const end = this.nowMs + ms;
    for (;;) {
      const due = [...this.fns].filter((e) => e.next <= end).sort((a, b) => a.next - b.next)[0];
      if (!due) break;
      this.nowMs = due.next;
      due.next += due.ms;
      due.fn();
    }
    this.nowMs = end;
  }
  /** Jumps time forward without firing anything (the page was suspended). */
  jump(ms: number): void {
    this.nowMs += ms;
    for (const e of this.fns) e.next = Math.max(e.next, this.nowMs);
  }
  get active(): number {
    return this.fns.size;
  }
}

function validFrame(frameId = 1, timeSec = 0) {
  const cols = Object.fromEntries(SAMPLE_COLUMNS.map((name) => [name, new Float64Array(1)]));
  return {
    type: "frame",
    frameId,
    sampleIntervalSec: 0.1,
    samplesStart: 0,
    sampleCount: 1,
    columns: cols,
    eventsStart: 0,
    events: { count: 0, timeSec: new Float64Array(0), kind: new Uint8Array(0), value: new Float64Array(0) },
    eventTotals: new Float64Array(EVENT_KINDS.length),
    live: { timeSec, produced: 0, consumed: 0, dropped: 0, lost: 0, queued: 0 },
    playing: false,
    ended: false,
    speed: 10,
    scenario: { ...DEFAULT_SCENARIO },
    base: { ...DEFAULT_SCENARIO },
    changes: [],
    strategies: ["unbounded"],
  };
}

function setup(opts: { fallback?: boolean; createWorker?: HostFactory } = {}) {
  const workers: FakeWorker[] = [];
  const timer = new ManualTimer();
  const got = { errors: [] as string[], hosts: [] as SimulationHost[], playing: [] as boolean[] };
  const make =
    (host: SimulationHost): HostFactory =>
    (onCrash) => {
      const w = new FakeWorker();
      w.crash = onCrash;
      workers.push(w);
      return w.handle(host);
    };
  const client = new SimClient({
    createWorker: opts.createWorker ?? make("worker"),
    createFallback: opts.fallback ? make("page") : undefined,
    series: new SeriesStore(),
    events: new EventStore(),
    loop: new RenderLoop({ request: () => 0, cancel: () => {} }),
    sink: {
      playback: (p) => got.playing.push(p.playing),
      readouts: () => {},
      scenario: () => {},
      error: (d) => got.errors.push(d),
      host: (h) => got.hosts.push(h),
    },
    watchdog: timer,
  });
  return { client, workers, timer, got };
}

describe("messages from the worker are checked at the boundary", () => {
  it("a frame with a missing column is reported once, the worker discarded, and nothing thrown", () => {
    const h = setup();
    h.client.start({ ...DEFAULT_SCENARIO }, 10);
    const bad = { ...validFrame(), columns: {} };
    expect(() => h.workers[0].deliver(bad)).not.toThrow();
    expect(h.got.errors).toEqual([
      "It sent a frame whose column timeSec is not a Float64Array, which the page cannot use.",
    ]);
    expect(h.workers[0].terminated).toBe(true);
    // Whatever the discarded worker sends later is ignored.
    h.workers[0].deliver(bad);
    h.workers[0].deliver({ type: "error", message: "again" });
    h.workers[0].crash("again");
    expect(h.got.errors).toHaveLength(1);
  });

  it("a valid frame goes through", () => {
    const h = setup();
    h.client.start({ ...DEFAULT_SCENARIO }, 10);
    h.workers[0].deliver(validFrame());
    expect(h.got.errors).toEqual([]);
    expect(h.client.framesReceived).toBe(1);
    expect(h.workers[0].sent.map((m) => m.type)).toEqual(["init", "ack"]);
  });

  it("readFromWorker never throws, whatever arrives", () => {
    fc.assert(
      fc.property(fc.anything({ withTypedArray: true, withMap: true, withSet: true }), (data) => {
        expect(() => readFromWorker(data)).not.toThrow();
      }),
      { numRuns: 2000, seed: 12 },
    );
    // Frames with one field broken in turn: each is refused with a reason.
    const frame = validFrame();
    for (const key of Object.keys(frame)) {
      if (key === "type") continue;
      for (const broken of [undefined, null, "x", -1, NaN, {}, []]) {
        // An empty timeline of changes is a valid one.
        if (key === "changes" && Array.isArray(broken)) continue;
        const read = readFromWorker({ ...frame, [key]: broken });
        if (read.ok) throw new Error(`${key} = ${String(broken)} passed`);
        expect(read.problem).toMatch(/^a frame whose /);
      }
    }
  });
});

describe("one clean message per failure", () => {
  it("an error message that repeats the page's title is shown once, without the repetition", () => {
    const h = setup();
    h.client.start({ ...DEFAULT_SCENARIO }, 10);
    h.workers[0].deliver({ type: "error", message: "The simulation stopped: engine exploded" });
    h.workers[0].crash("Uncaught Error: engine exploded");
    expect(h.got.errors).toEqual(["engine exploded"]);
    expect(h.workers[0].terminated).toBe(true);
  });

  it("errorDetail strips the browser's prefix and repeated titles", () => {
    expect(errorDetail("Uncaught Error: boom")).toBe("Error: boom");
    expect(errorDetail("The simulation stopped. The simulation stopped: boom")).toBe("boom");
    expect(errorDetail("  ")).toBe("It gave no reason.");
  });

  it("a crash after the worker has spoken is reported; a restart starts a fresh worker at the same moment", () => {
    const h = setup({ fallback: true });
    h.client.start({ ...DEFAULT_SCENARIO }, 10, 0);
    h.workers[0].deliver(validFrame(1, 42));
    h.workers[0].crash("Uncaught TypeError: x is undefined");
    expect(h.got.errors).toEqual(["TypeError: x is undefined"]);
    h.client.recover({ ...DEFAULT_SCENARIO, strategy: "block" }, 10, 42, []);
    expect(h.workers).toHaveLength(2);
    expect(h.workers[1].sent[0]).toMatchObject({ type: "init", timeSec: 42, scenario: { strategy: "block" } });
    expect(h.got.hosts).toEqual(["worker", "worker"]);
  });
});

describe("the watchdog", () => {
  it("declares a worker that stops answering stopped, once, within WATCHDOG_MS of its last sign of life", () => {
    const h = setup();
    h.client.start({ ...DEFAULT_SCENARIO }, 10);
    h.workers[0].deliver(validFrame());
    h.timer.advance(10 * PING_AFTER_MS);
    expect(h.got.errors).toEqual([]); // alive: it answers pings
    h.workers[0].answersPings = false; // now it hangs (or was terminated)
    h.timer.advance(PING_AFTER_MS + WATCHDOG_MS);
    expect(h.got.errors).toEqual([`It has not answered for ${WATCHDOG_MS / 1000} s.`]);
    expect(h.workers[0].terminated).toBe(true);
    expect(h.timer.active).toBe(0);
    h.timer.advance(60_000);
    expect(h.got.errors).toHaveLength(1);
  });

  it("a long quiet spell of a live worker is fine: it is pinged and answers", () => {
    const h = setup();
    h.client.start({ ...DEFAULT_SCENARIO }, 10);
    h.timer.advance(600_000);
    expect(h.got.errors).toEqual([]);
    expect(h.workers[0].sent.filter((m) => m.type === "ping").length).toBeGreaterThan(100);
  });

  it("a suspended page (timers stopped for a minute) does not count against the worker", () => {
    const h = setup();
    h.client.start({ ...DEFAULT_SCENARIO }, 10);
    h.workers[0].answersPings = false;
    h.timer.advance(PING_AFTER_MS); // a ping is out
    h.timer.jump(60_000);
    h.workers[0].deliver({ type: "pong", id: 1 }); // its answer lands after the page wakes
    h.workers[0].answersPings = true;
    h.timer.advance(10 * PING_AFTER_MS);
    expect(h.got.errors).toEqual([]);
  });

  it("does not watch the simulation when it runs on the page's own thread", () => {
    const h = setup({
      createWorker: () => {
        throw new DOMException("Failed to construct 'Worker'", "SecurityError");
      },
      fallback: true,
    });
    h.client.start({ ...DEFAULT_SCENARIO }, 10);
    expect(h.timer.active).toBe(0);
  });
});

describe("where workers are not allowed", () => {
  it("a SecurityError from new Worker starts the page host instead, with no error shown", () => {
    const h = setup({
      createWorker: () => {
        throw new DOMException("Failed to construct 'Worker'", "SecurityError");
      },
      fallback: true,
    });
    h.client.start({ ...DEFAULT_SCENARIO }, 10, 30);
    expect(h.got.errors).toEqual([]);
    expect(h.got.hosts).toEqual(["page"]);
    expect(h.workers[0].sent[0]).toMatchObject({ type: "init", timeSec: 30 });
    // Later starts go straight to the page host.
    h.client.load({ ...DEFAULT_SCENARIO, t: 5 }, 10, []);
    expect(h.got.hosts).toEqual(["page", "page"]);
  });

  it("a worker whose script fails to load before its first message falls back to the page host", () => {
    const h = setup({ fallback: true });
    h.client.start({ ...DEFAULT_SCENARIO }, 10, 12);
    h.workers[0].crash("Its script could not be loaded.");
    expect(h.got.errors).toEqual([]);
    expect(h.got.hosts).toEqual(["worker", "page"]);
    expect(h.workers[1].sent[0]).toMatchObject({ type: "init", timeSec: 12 });
  });

  it("without a fallback, a SecurityError is one clear message, not an uncaught exception", () => {
    const h = setup({
      createWorker: () => {
        throw new DOMException("Failed to construct 'Worker'", "SecurityError");
      },
    });
    expect(() => h.client.start({ ...DEFAULT_SCENARIO }, 10)).not.toThrow();
    expect(h.got.errors).toEqual(["It could not start: SecurityError: Failed to construct 'Worker'"]);
  });

  it("the page host runs the real runtime over a MessageChannel: frames arrive and a seek is answered", async () => {
    const series = new SeriesStore();
    const errors: string[] = [];
    const client = new SimClient({
      createWorker: () => {
        throw new DOMException("no workers here", "SecurityError");
      },
      // The runtime as the worker's bundle serves it on a page (src-sim/worker/worker.ts).
      createFallback: (onCrash) =>
        createPageHost(onCrash, async () => {
          const { serveSimulation } = await import("../src-sim/worker/runtime");
          return (endpoint) =>
            serveSimulation(endpoint, {
              now: () => performance.now(),
              schedule: setTimeout,
              cancel: (h) => clearTimeout(h as number),
            });
        }),
      series,
      events: new EventStore(),
      loop: new RenderLoop({ request: () => 0, cancel: () => {} }),
      sink: { playback: () => {}, readouts: () => {}, scenario: () => {}, error: (d) => errors.push(d) },
      watchdog: null,
    });
    client.start({ ...DEFAULT_SCENARIO }, 10, 10);
    for (let i = 0; i < 200 && series.length < 101; i++) await new Promise((r) => setTimeout(r, 10));
    expect(series.length).toBe(101);
    expect(series.last("queued")).toBe(500_000);
    client.stop();
    expect(errors).toEqual([]);
  });
});
