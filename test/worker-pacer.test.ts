/**
 * The worker's shared clockwork (src-sim/worker/pacer.ts) on its own: a counting run instead of
 * an engine, a fake clock instead of the wall's, and a host that records the frames it is asked
 * for. What the three runtimes rely on is pinned here once: pacing at a speed, pause, seeks in
 * slices that a newer seek replaces, frame flow control, key moments, and a failure reported once.
 */
import { describe, expect, it } from "vitest";
import type { StepBudget } from "../src-sim/engine/model";
import { Pacer, TICK_MS, type Clock, type PacedRun, type PacerHost, type PacerOptions } from "../src-sim/worker/pacer";
import { MAX_UNACKED_FRAMES, type Endpoint } from "../src-sim/worker/protocol";
import { FakeClock } from "./support/fakeClock";
import { WorkClock } from "./support/workClock";

/** A run that counts: each sample takes `stepsPerSample` model steps; it can be told to break. */
class CountingRun implements PacedRun {
  index = 0;
  readonly sampleIntervalSec = 0.1;
  /** Steps done inside the sample under way. */
  private partial = 0;
  /** stepBit throws once the run stands at this sample (null: never). */
  failAt: number | null = null;

  constructor(
    readonly endIndex = 1_000,
    private readonly stepsPerSample = 1,
  ) {}

  get timeSec(): number {
    return this.index * this.sampleIntervalSec;
  }

  stepBit(budget: StepBudget): boolean {
    if (this.failAt !== null && this.index >= this.failAt) throw new Error("the model broke");
    const used = Math.min(this.stepsPerSample - this.partial, budget.left);
    budget.left -= used;
    this.partial += used;
    if (this.partial < this.stepsPerSample) return false;
    this.partial = 0;
    this.index++;
    return true;
  }

  /** Going back restores the only checkpoint, sample 0 (the pacer replays from there). */
  prepareSeek(target: number): number {
    if (target < this.index) {
      this.index = 0;
      this.partial = 0;
    }
    return target;
  }
}

interface Posted {
  type: string;
  message?: string;
  id?: number;
  timeSec?: number;
  targetSec?: number;
}

/** A pacer over `run` and `clock`, with a host that records frames (what they show) and messages. */
function driver(run: CountingRun, clock: Clock, options?: PacerOptions) {
  const posted: Posted[] = [];
  const frames: Array<{ frameId: number; index: number; playing: boolean }> = [];
  const endpoint: Endpoint = {
    postMessage: (message) => posted.push(message as Posted),
    addEventListener: () => {},
    removeEventListener: () => {},
  };
  const host: PacerHost = {
    run: () => run,
    sendFrame: (frameId) => frames.push({ frameId, index: run.index, playing: pacer.playing }),
  };
  const pacer = new Pacer(endpoint, clock, host, options);
  /** The page stores every frame sent so far. */
  const ackAll = () => {
    if (frames.length > 0) pacer.answer({ type: "ack", frameId: frames[frames.length - 1].frameId });
  };
  const ofType = (type: string) => posted.filter((m) => m.type === type);
  return { pacer, host, posted, frames, ackAll, ofType, last: () => frames[frames.length - 1] };
}

describe("Pacer: pacing against the wall clock", () => {
  it("at 10x, 62 ticks of TICK_MS (992 ms) move the run 9.92 s, to sample 99; pause stops it there", () => {
    const clock = new FakeClock();
    const run = new CountingRun();
    const d = driver(run, clock);
    d.pacer.setSpeed(10);
    d.pacer.play();
    for (let i = 0; i < 62; i++) {
      clock.advance(TICK_MS);
      d.ackAll();
    }
    // 62 x 16 ms x 10 = 9.92 simulated s; the run follows on the 0.1 s grid, floored.
    expect(run.index).toBe(99);
    expect(d.last()).toMatchObject({ index: 99, playing: true });
    // Every tick that moved the run sent a frame (the page acknowledged each).
    expect(d.frames).toHaveLength(62);
    d.pacer.pause();
    d.pacer.changed();
    expect(d.last()).toMatchObject({ index: 99, playing: false });
    const framesAtPause = d.frames.length;
    clock.advance(1_000);
    expect(run.index).toBe(99);
    expect(d.frames).toHaveLength(framesAtPause);
    expect(clock.pending).toBe(0);
  });

  it("setSpeed clamps: 5000x paces at 1000x, a speed that is not a number at 1x", () => {
    const d = driver(new CountingRun(), new FakeClock());
    d.pacer.setSpeed(5_000);
    expect(d.pacer.speed).toBe(1_000);
    d.pacer.setSpeed(Number.NaN);
    expect(d.pacer.speed).toBe(1);
  });

  it("plays to the end, stops there, and play at the end starts again from 0", () => {
    const clock = new FakeClock();
    const run = new CountingRun(50);
    const d = driver(run, clock);
    d.pacer.setSpeed("max");
    d.pacer.play();
    clock.advance(TICK_MS);
    expect(run.index).toBe(50);
    expect(d.last()).toMatchObject({ index: 50, playing: false });
    expect(clock.pending).toBe(0);
    d.pacer.play();
    expect(run.index).toBe(0);
    expect(d.pacer.playing).toBe(true);
  });

  it("at speed max, a tick that used its whole slice is followed at once only with backToBackAtMax", () => {
    for (const backToBackAtMax of [true, false]) {
      const clock = new WorkClock();
      const run = new CountingRun(10_000);
      const d = driver(run, clock, { backToBackAtMax });
      d.pacer.setSpeed("max");
      d.pacer.play();
      clock.runNext();
      // The slice ran out of time (the work clock moves as it is read) with the run far from its end.
      expect(run.index).toBeGreaterThan(0);
      expect(run.index).toBeLessThan(10_000);
      expect(clock.nextDueInMs()).toBe(backToBackAtMax ? 0 : TICK_MS);
    }
  });
});

describe("Pacer: seeking in slices", () => {
  it("a seek goes a slice at a time with progress and no frame; a newer seek replaces it, and one frame shows where it arrived", () => {
    const clock = new WorkClock();
    const run = new CountingRun();
    const d = driver(run, clock);
    d.pacer.seek(50);
    // One slice ran at once: some samples, a progress message toward 5 s, no frame yet.
    expect(run.index).toBeGreaterThan(0);
    expect(run.index).toBeLessThan(50);
    expect(d.pacer.seekTarget).toBe(50);
    expect(d.ofType("progress")).toEqual([{ type: "progress", timeSec: run.timeSec, targetSec: 5 }]);
    d.pacer.changed();
    expect(d.frames).toHaveLength(0);
    clock.runNext();
    clock.runNext();
    const reached = run.index;
    expect(reached).toBeLessThan(50);
    // Back to sample 3: the run replays from its checkpoint at 0; the first seek's slices stop.
    d.pacer.seek(3);
    let slices = 0;
    while (clock.runNext()) slices++;
    expect(slices).toBe(1);
    expect(run.index).toBe(3);
    expect(d.pacer.seekTarget).toBeNull();
    expect(d.frames).toEqual([{ frameId: 1, index: 3, playing: false }]);
    const targets = d.ofType("progress").map((m) => m.targetSec);
    expect(targets[0]).toBe(5);
    expect(targets[targets.length - 1]).toBeCloseTo(0.3, 12);
  });

  it("cancelSeek leaves the run where the last slice left it and tells the host", () => {
    const clock = new WorkClock();
    const run = new CountingRun();
    const d = driver(run, clock);
    let cancelled = 0;
    d.host.seekCancelled = () => cancelled++;
    d.pacer.seek(50);
    const at = run.index;
    d.pacer.cancelSeek();
    expect(clock.runNext()).toBe(false);
    expect(run.index).toBe(at);
    expect(d.pacer.seekTarget).toBeNull();
    expect(cancelled).toBe(1);
  });

  it("what waited for a seek runs when it arrives, and shares its one frame", () => {
    const clock = new WorkClock();
    const run = new CountingRun();
    const d = driver(run, clock);
    const seen: number[] = [];
    d.host.seekArrived = () => {
      seen.push(run.index);
      d.pacer.changed();
      d.pacer.changed();
    };
    d.pacer.seek(20);
    while (clock.runNext());
    expect(seen).toEqual([20]);
    expect(d.frames).toEqual([{ frameId: 1, index: 20, playing: false }]);
  });

  it("a key moment pacing ran past pauses the run on the sample after it, reached back by replay", () => {
    const clock = new FakeClock();
    const run = new CountingRun(100);
    const d = driver(run, clock);
    // The host's key moment: an event at 0.35 s, seen once a slice has gone past it.
    d.host.watchSlice = () => {
      const from = run.index;
      return () => {
        if (from < 4 && run.index >= 4) d.pacer.pauseAfter(0.35);
      };
    };
    d.pacer.setSpeed("max");
    d.pacer.play();
    clock.advance(TICK_MS);
    expect(run.index).toBe(4);
    expect(d.pacer.playing).toBe(false);
    expect(d.last()).toMatchObject({ index: 4, playing: false });
    // The page never saw the run past the moment.
    expect(Math.max(...d.frames.map((f) => f.index))).toBe(4);
  });
});

describe("Pacer: frame flow control", () => {
  it(`keeps at most MAX_UNACKED_FRAMES (${MAX_UNACKED_FRAMES}) frames unacknowledged and does not advance meanwhile`, () => {
    const clock = new FakeClock();
    const run = new CountingRun();
    const d = driver(run, clock);
    d.pacer.setSpeed(100);
    d.pacer.play();
    for (let i = 0; i < 30; i++) clock.advance(TICK_MS);
    expect(d.frames).toHaveLength(MAX_UNACKED_FRAMES);
    const stalledAt = run.index;
    expect(d.last().index).toBe(stalledAt);
    d.pacer.changed();
    expect(d.frames).toHaveLength(MAX_UNACKED_FRAMES);
    // One acknowledgement lets the frame that was due go at once.
    d.pacer.answer({ type: "ack", frameId: 1 });
    expect(d.frames).toHaveLength(MAX_UNACKED_FRAMES + 1);
    d.ackAll();
    clock.advance(TICK_MS);
    // The run goes on from where it stood, without a jump over the wall time it waited.
    expect(run.index).toBeGreaterThan(stalledAt);
    expect(run.index - stalledAt).toBeLessThanOrEqual(Math.ceil((100 * TICK_MS) / 1000 / run.sampleIntervalSec));
  });

  it("a frame waits while the host cannot show the run, and goes once it can", () => {
    const d = driver(new CountingRun(), new FakeClock());
    let showable = false;
    d.host.showable = () => showable;
    d.pacer.changed();
    expect(d.frames).toHaveLength(0);
    showable = true;
    d.pacer.answer({ type: "ack", frameId: 0 });
    expect(d.frames).toHaveLength(1);
  });

  it("answers a ping with a pong and leaves other messages to the runtime", () => {
    const d = driver(new CountingRun(), new FakeClock());
    expect(d.pacer.answer({ type: "ping", id: 7 })).toBe(true);
    expect(d.posted).toEqual([{ type: "pong", id: 7 }]);
    expect(d.pacer.answer({ type: "pause" })).toBe(false);
  });
});

describe("Pacer: failures", () => {
  it("a run that throws during a tick is reported once, and the pacer stops", () => {
    const clock = new FakeClock();
    const run = new CountingRun();
    run.failAt = 5;
    const d = driver(run, clock);
    let stopped = 0;
    d.host.stopped = () => stopped++;
    d.pacer.setSpeed(10);
    d.pacer.play();
    for (let i = 0; i < 100; i++) {
      clock.advance(TICK_MS);
      d.ackAll();
    }
    expect(d.ofType("error")).toEqual([{ type: "error", message: "the model broke" }]);
    expect(d.pacer.playing).toBe(false);
    expect(stopped).toBe(1);
    expect(clock.pending).toBe(0);
    expect(run.index).toBe(5);
  });

  it("a run that throws inside a seek's slice is reported once, and the seek stops", () => {
    const clock = new WorkClock();
    const run = new CountingRun();
    run.failAt = 4;
    const d = driver(run, clock);
    d.pacer.seek(50);
    while (clock.runNext());
    expect(d.ofType("error")).toEqual([{ type: "error", message: "the model broke" }]);
    expect(d.pacer.seekTarget).toBeNull();
    expect(d.frames).toHaveLength(0);
  });

  it("a frame the host fails to build, or a message it fails to handle, is an error message, not a throw", () => {
    const clock = new FakeClock();
    const d = driver(new CountingRun(), clock);
    d.host.sendFrame = () => {
      throw new Error("no frame");
    };
    d.pacer.guarded(() => d.pacer.changed());
    d.pacer.guarded(() => {
      throw new Error("bad message");
    });
    expect(d.ofType("error").map((m) => m.message)).toEqual(["no frame", "bad message"]);
  });
});
