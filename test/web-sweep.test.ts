/**
 * The page's sweep machinery without a browser: the worker pool (web/sweep/sweepPool.ts) over
 * fake workers that answer when told to, and the sweep store (web/sweep/sweepStore.ts) on top.
 */
import { describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO } from "../src-sim/scenario/params";
import { parseSweep, type SweepDefinition } from "../src-sim/sweep/definition";
import { runTask, sweepTasks, type SweepAnswer, type SweepTask } from "../src-sim/sweep/run";
import { scaleLinear } from "d3-scale";
import { formatDuration } from "../web/format/numbers";
import { durationTickUnit } from "../web/sweep/SweepChart";
import { runSweepInPool, sweepWorkerCount, type SweepWorkerHandle } from "../web/sweep/sweepPool";
import { createSweepStore, sweepLinkView } from "../web/sweep/sweepStore";

/** Fake workers that hold each task until the test lets them answer. */
function fakeWorkers() {
  interface Fake {
    task: SweepTask | null;
    answer: (a: SweepAnswer) => void;
    crash: (d: string) => void;
    dead: boolean;
  }
  const live: Fake[] = [];
  const create = (): SweepWorkerHandle => {
    const w: Fake = { task: null, answer: () => {}, crash: () => {}, dead: false };
    live.push(w);
    return {
      post: (task) => {
        w.task = task;
      },
      listen: (onAnswer, onCrash) => {
        w.answer = onAnswer;
        w.crash = onCrash;
      },
      terminate: () => {
        w.dead = true;
      },
    };
  };
  /** Lets every busy worker answer its task with its real row. */
  const answerAll = () => {
    for (const w of live.filter((x) => x.task && !x.dead)) {
      const task = w.task!;
      w.task = null;
      w.answer({ type: "row", row: runTask(task) });
    }
  };
  /** Lets worker `i` answer its task. */
  const answerOne = (i: number) => {
    const w = live[i];
    const task = w.task!;
    w.task = null;
    w.answer({ type: "row", row: runTask(task) });
  };
  return { live, create, answerAll, answerOne };
}

const def = (text: string): SweepDefinition => {
  const d = parseSweep(text);
  if ("error" in d) throw new Error(d.error);
  return d;
};
const base = { ...DEFAULT_SCENARIO, duration: 5 };

describe("durationTickUnit", () => {
  it("ticks a duration axis in one round unit", () => {
    expect(durationTickUnit(59)).toBe(1);
    expect(durationTickUnit(50 * 60)).toBe(60);
    expect(durationTickUnit(48 * 60)).toBe(60);
    expect(durationTickUnit(5 * 3600)).toBe(3600);
    // 0 .. 50 min in minutes: 0, 10, 20 ... min, never 500 s or 17 min.
    const ticks = scaleLinear()
      .domain([0, 50])
      .nice(5)
      .ticks(5)
      .map((t) => t * durationTickUnit(50 * 60));
    expect(ticks.map((t) => formatDuration(t))).toEqual(["0 s", "10 min", "20 min", "30 min", "40 min", "50 min"]);
  });
});

describe("runSweepInPool", () => {
  it("deals one task per worker at a time, in order, and reports every row then done", () => {
    const fake = fakeWorkers();
    const tasks = sweepTasks(base, def("consumer=40000:80000:5:linear"), [], null);
    const rows: number[] = [];
    let done = 0;
    runSweepInPool(tasks, 2, fake.create, { row: (r) => rows.push(r.index), done: () => done++, failed: () => {} });
    expect(fake.live).toHaveLength(2);
    expect(fake.live.map((w) => w.task?.index)).toEqual([0, 1]);
    fake.answerAll();
    expect(fake.live.map((w) => w.task?.index)).toEqual([2, 3]);
    fake.answerAll();
    fake.answerAll();
    expect(rows).toEqual([0, 1, 2, 3, 4]);
    expect(done).toBe(1);
    expect(fake.live.every((w) => w.dead)).toBe(true);
  });

  it("stops every worker on cancel; late answers are ignored", () => {
    const fake = fakeWorkers();
    const tasks = sweepTasks(base, def("consumer=40000:80000:6:linear"), [], null);
    const rows: number[] = [];
    const running = runSweepInPool(tasks, 3, fake.create, {
      row: (r) => rows.push(r.index),
      done: () => {
        throw new Error("not done");
      },
      failed: () => {},
    });
    const held = fake.live[0];
    const heldTask = held.task!;
    running.cancel();
    expect(running.finished).toBe(true);
    expect(fake.live.every((w) => w.dead)).toBe(true);
    held.answer({ type: "row", row: runTask(heldTask) });
    expect(rows).toEqual([]);
  });

  it("ends with one message when a run fails, a worker crashes, or workers may not start", () => {
    const tasks = sweepTasks(base, def("consumer=40000:80000:3:linear"), [], null);
    const messages: string[] = [];
    const listener = { row: () => {}, done: () => {}, failed: (m: string) => messages.push(m) };

    const a = fakeWorkers();
    runSweepInPool(tasks, 2, a.create, listener);
    a.live[1].answer({ type: "failed", index: 1, message: "boom" });
    a.live[0].crash("late crash"); // after the failure: not reported twice
    expect(messages).toEqual(["Run 2 of the sweep failed: boom"]);

    const b = fakeWorkers();
    runSweepInPool(tasks, 2, b.create, listener);
    b.live[0].crash("out of memory");
    expect(messages[1]).toBe("A sweep worker stopped: out of memory");
    expect(b.live.every((w) => w.dead)).toBe(true);

    runSweepInPool(
      tasks,
      2,
      () => {
        throw new DOMException("not allowed", "SecurityError");
      },
      listener,
    );
    expect(messages[2]).toMatch(/^Sweeps run in Web Workers, which this page may not start here \(not allowed\)/);
  });

  it("uses one worker per core, 1 to 8", () => {
    expect(sweepWorkerCount(undefined)).toBe(2);
    expect(sweepWorkerCount(1)).toBe(1);
    expect(sweepWorkerCount(4)).toBe(4);
    expect(sweepWorkerCount(64)).toBe(8);
    expect(sweepWorkerCount(0)).toBe(1);
  });
});

describe("the sweep store", () => {
  it("shows rows in batches: one store update for the runs finished before a flush", () => {
    const fake = fakeWorkers();
    const flushes: Array<() => void> = [];
    const store = createSweepStore({ createWorker: fake.create, workers: 3, schedule: (f) => flushes.push(f) });
    const request = {
      definition: def("consumer=40000:80000:6:linear"),
      strategies: [],
      figures: ["lost" as const],
      variants: null,
    };
    store.getState().run(request, base, []);
    let updates = 0;
    store.subscribe(() => updates++);
    fake.answerAll(); // three rows, one flush scheduled
    expect(flushes).toHaveLength(1);
    expect(store.getState().rows).toEqual([]);
    flushes[0]();
    expect(updates).toBe(1);
    expect(store.getState().rows.map((r) => r.index)).toEqual([0, 1, 2]);
    // Cancel shows what waits for its batch, then nothing more.
    fake.answerOne(0);
    store.getState().cancel();
    expect(store.getState().rows.map((r) => r.index)).toEqual([0, 1, 2, 3]);
    flushes[1]();
    expect(store.getState().rows).toHaveLength(4);
  });

  it("keeps rows in index order whatever order they arrive in, and counts the total", () => {
    const fake = fakeWorkers();
    const store = createSweepStore({ createWorker: fake.create, workers: 2, schedule: (flush) => flush() });
    const request = {
      definition: def("consumer=40000:80000:3:linear"),
      strategies: [],
      figures: ["lost" as const],
      variants: null,
    };
    store.getState().run(request, base, []);
    expect(store.getState()).toMatchObject({ status: "running", total: 3, rows: [] });
    // The second worker answers first.
    fake.answerOne(1);
    fake.answerOne(0);
    expect(store.getState().rows.map((r) => r.index)).toEqual([0, 1]);
    fake.answerAll();
    expect(store.getState().rows.map((r) => r.index)).toEqual([0, 1, 2]);
    expect(store.getState().status).toBe("done");
  });

  it("cancel keeps the rows so far; a new run starts afresh; clear takes the sweep out of the link", () => {
    const fake = fakeWorkers();
    const store = createSweepStore({ createWorker: fake.create, workers: 1, schedule: (flush) => flush() });
    const request = {
      definition: def("consumer=40000:80000:3:linear"),
      strategies: [],
      figures: ["lost" as const],
      variants: null,
    };
    const link = sweepLinkView(store);
    let linkChanges = 0;
    link.subscribe(() => linkChanges++);
    store.getState().run(request, base, []);
    expect(link.get()).toEqual({ sweep: "consumer:40000:80000:3:linear", sweepFigures: "lost" });
    fake.answerAll();
    store.getState().cancel();
    expect(store.getState()).toMatchObject({ status: "cancelled", total: 3 });
    expect(store.getState().rows).toHaveLength(1);
    store.getState().run(request, base, []);
    expect(store.getState().rows).toEqual([]);
    store.getState().clear();
    expect(store.getState().request).toBeNull();
    expect(link.get()).toEqual({});
    expect(linkChanges).toBe(2);
  });
});
