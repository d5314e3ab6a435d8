/**
 * The clockwork every worker runtime shares (the single run's, a comparison's lanes', a
 * pipeline's), written once: play and pause at a speed, pacing simulated time against the wall
 * clock, seeking in budgeted slices with progress and cancellation, frame flow control, and a
 * failure turned into one `error` message. A runtime keeps only what is its own: which messages
 * it reads, what its run is (a {@link PacedRun}: one Timeline, or lanes in lockstep) and what its
 * frames carry, told to the pacer through a {@link PacerHost}.
 *
 * It owns the one thing the engine must never see, the wall clock. The clock is injected, so
 * tests drive a runtime with a fake one over a MessageChannel.
 *
 * The visualizer applies backpressure to itself: the pacer keeps at most MAX_UNACKED_FRAMES
 * frames unacknowledged. While the page has not caught up, the simulation does not advance (and
 * does not accumulate a debt of simulated time to jump over later), exactly as a cold producer
 * under `onPause=slow` waits for its consumer.
 *
 * Work goes in slices: the run advances at most one sample, and at most STEPS_PER_CLOCK_READ
 * model steps, between two reads of the clock, and a slice ends after SLICE_MS of wall time, so
 * the worker returns to its message loop (and sees Pause, a seek, an edit) within a slice
 * whatever the scenario. Every read of the clock is part of the contract: the slice tests count
 * work by them (test/support/workClock.ts).
 */
import type { StepBudget } from "../engine/model";
import type { ToLanesWorker } from "./laneProtocol";
import type { ToPipelineWorker } from "./pipelineProtocol";
import {
  MAX_SPEED,
  MAX_UNACKED_FRAMES,
  MIN_SPEED,
  type Endpoint,
  type ProgressMessage,
  type Speed,
  type ToWorker,
} from "./protocol";

/** Wall-clock services, injected so that the simulation core never reads the real clock. */
export interface Clock {
  /** Milliseconds on a monotonic clock. */
  now(): number;
  /** Calls `fn` after about `ms` milliseconds; returns a handle for {@link Clock.cancel}. */
  schedule(fn: () => void, ms: number): unknown;
  cancel(handle: unknown): void;
}

/** Wall time between pacing ticks, ms (about one display frame). */
export const TICK_MS = 16;

/** Longest wall-time gap a tick accounts for, ms: a stalled tab does not cause a jump. */
const MAX_TICK_GAP_MS = 100;

/**
 * Wall-time budget of one slice of work, ms: a tick of pacing or a slice of a seek. The run
 * advances at most one sample, and at most {@link STEPS_PER_CLOCK_READ} model steps, between
 * two reads of the clock, so the worker returns to its message loop (and sees Pause, a seek, a
 * new scenario) within this budget plus one such piece of work, whatever the scenario: at
 * 10^7 events/s a sample of 0.1 s holds two million events, a few hundred milliseconds.
 */
export const SLICE_MS = 12;

/**
 * Model steps (an event handled singly, or one closed-form stretch) between two reads of the
 * clock. The slowest per-event path (every event through the general handlers) takes well under
 * a microsecond a step in Chromium, so this is a millisecond or two of work at most; the clock is
 * read after each sample too, however few steps it took.
 */
export const STEPS_PER_CLOCK_READ = 5_000;

/** Progress messages during a long seek are sent at most this often, ms. */
export const PROGRESS_INTERVAL_MS = 100;

/** Simulated seconds pacing may run ahead of the run, per unit of speed (a quarter second of wall time). */
const MAX_LEAD_WALL_SEC = 0.25;

/** Clamps a paced speed into the supported range; "max" passes through. */
export function clampSpeed(speed: Speed): Speed {
  if (speed === "max") return speed;
  if (!Number.isFinite(speed)) return 1;
  return Math.min(MAX_SPEED, Math.max(MIN_SPEED, speed));
}

/**
 * What a pacer moves: a run on a grid of samples (a Timeline, or a comparison's lanes in
 * lockstep), advanced a budgeted bit at a time and moved back or forward by replay.
 */
export interface PacedRun {
  /** Sample index the run stands at (its frames show `index * sampleIntervalSec`). */
  readonly index: number;
  /** Sample index of the end of the run. */
  readonly endIndex: number;
  /** Simulated time between samples, s. */
  readonly sampleIntervalSec: number;
  /** Simulated time the run stands at, s. */
  readonly timeSec: number;
  /**
   * Works toward the sample after {@link index} within `budget` model steps; it may stop inside
   * that sample, and the next call goes on from there with the same run.
   */
  stepBit(budget: StepBudget): boolean;
  /**
   * Restores the checkpoint a move to sample `target` (within [0, endIndex]) replays from and
   * returns the index to advance to; the advancing is the pacer's, in slices.
   */
  prepareSeek(target: number): number;
}

/** What a runtime tells its pacer: its run, how to show it, and its own moments. */
export interface PacerHost {
  /** The run being paced; null until the page's first message has made one. */
  run(): PacedRun | null;
  /** Builds and posts frame `frameId`: one is due, no seek is under way and the page's backlog allows it. */
  sendFrame(frameId: number): void;
  /**
   * Whether the run can be shown now (lanes all on one sample, a pipeline not inside one); the
   * frame stays due until it can. Absent: always.
   */
  showable?(): boolean;
  /**
   * Called as a slice of pacing begins; the function it returns is called once the slice has
   * advanced the run, before the pacer looks at the end of the run (a runtime may then pause at
   * a key moment with {@link Pacer.pauseAfter}).
   */
  watchSlice?(): () => void;
  /**
   * Called when a seek arrives, before its frame is sent: work that waited for the moment runs
   * here, and the frames it asks for are held, so the seek and it share one frame.
   */
  seekArrived?(): void;
  /** Called when a seek is cancelled (by the runtime, or on stop). */
  seekCancelled?(): void;
  /** Called on stop (so on a failure too), after pacing and any seek have stopped. */
  stopped?(): void;
}

/** How a pacer schedules its ticks. */
export interface PacerOptions {
  /**
   * At speed max, a tick whose slice ran out of time with work left is followed by the next at
   * once (0 ms, the messages that came meanwhile read in between) instead of after TICK_MS.
   * Off: every tick waits TICK_MS, at any speed.
   */
  backToBackAtMax?: boolean;
}

/** Any message a runtime reads (the pacer answers pings and acknowledgements alike in all). */
export type RuntimeMessage = ToWorker | ToLanesWorker | ToPipelineWorker;

/** Play, pause, speed, pacing, seeking in slices, frame flow control and failures for one runtime. */
export class Pacer {
  private isPlaying = false;
  private currentSpeed: Speed = 1;
  private timer: unknown = null;
  private lastTickMs = 0;
  /** Simulated time pacing has reached, s (the run follows it on the sample grid). */
  private targetSec = 0;
  private frameId = 0;
  private ackedId = 0;
  private framePending = false;
  /** True while the work a seek waited for runs: it shares the seek's frame. */
  private holdFrames = false;
  /** Sample index a seek is computing towards, slice by slice; null when none is under way. */
  private target: number | null = null;
  private seekTimer: unknown = null;
  private lastProgressMs = -Infinity;

  constructor(
    private readonly endpoint: Endpoint,
    private readonly clock: Clock,
    private readonly host: PacerHost,
    private readonly options: PacerOptions = {},
  ) {}

  /** Whether the run is being paced (false when paused or at its end). */
  get playing(): boolean {
    return this.isPlaying;
  }

  /** The pacing speed: simulated s per wall s, or "max". */
  get speed(): Speed {
    return this.currentSpeed;
  }

  /** Sample index a seek under way is heading for; null when none is. */
  get seekTarget(): number | null {
    return this.target;
  }

  /**
   * Answers the messages every runtime answers alike: a ping (a pong, between two slices) and a
   * frame's acknowledgement (which may let the next frame go). Returns whether `message` was one.
   */
  answer(message: RuntimeMessage): boolean {
    if (message.type === "ping") {
      this.endpoint.postMessage({ type: "pong", id: message.id });
      return true;
    }
    if (message.type === "ack") {
      this.ackedId = Math.max(this.ackedId, message.frameId);
      this.flush();
      return true;
    }
    return false;
  }

  /** Runs `fn` (a message's handling, a timer's work): a failure becomes an `error` message, never a throw. */
  guarded(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      this.fail(error);
    }
  }

  /** Stops pacing and any seek under way, then the runtime's own work (for shutdown, a new run, a failure). */
  stop(): void {
    this.isPlaying = false;
    this.cancelTick();
    this.cancelSeek();
    this.host.stopped?.();
  }

  /** Sets the pacing speed, clamped into the supported range. */
  setSpeed(speed: Speed): void {
    this.currentSpeed = clampSpeed(speed);
  }

  /** Starts pacing; a run at its end starts again from 0 (unless a seek is taking it elsewhere). */
  play(): void {
    const run = this.host.run()!;
    if (run.index >= run.endIndex && this.target === null) run.prepareSeek(0);
    this.setPlaying(true);
  }

  /** Stops pacing; the run stays where it is. */
  pause(): void {
    this.setPlaying(false);
  }

  /** The run restarted at t = 0 (a new sample interval, say): pacing goes on from there. */
  restarted(): void {
    this.targetSec = 0;
  }

  /** Seeks to the sample nearest `timeSec` (not a number: 0), as {@link seek}. */
  seekToTime(timeSec: number): void {
    const run = this.host.run()!;
    this.seek(Math.round((Number.isFinite(timeSec) ? timeSec : 0) / run.sampleIntervalSec));
  }

  /**
   * Moves the run to sample `target` (clamped to the run), a slice at a time: a seek far into a
   * heavy run takes seconds of work, and the worker must go on answering meanwhile. A newer seek
   * replaces one under way. Progress goes to the page as `progress` messages; frames wait until
   * the seek arrives.
   */
  seek(target: number): void {
    const run = this.host.run()!;
    this.target = run.prepareSeek(Math.min(run.endIndex, Math.max(0, target)));
    if (this.seekTimer !== null) this.clock.cancel(this.seekTimer);
    this.seekTimer = null;
    this.lastProgressMs = -Infinity;
    this.continueSeek();
  }

  /** Abandons the seek under way, if any (the run stays where the last slice left it). */
  cancelSeek(): void {
    if (this.seekTimer !== null) this.clock.cancel(this.seekTimer);
    this.seekTimer = null;
    this.target = null;
    this.host.seekCancelled?.();
  }

  /**
   * Pauses on the sample just after `atSec` (a key moment a slice of pacing ran into), going back
   * to it by replay, in slices as any seek, when pacing ran past it.
   */
  pauseAfter(atSec: number): void {
    const run = this.host.run()!;
    const index = Math.min(run.endIndex, Math.floor(atSec / run.sampleIntervalSec + 1e-9) + 1);
    this.setPlaying(false);
    if (index < run.index) this.seek(index);
  }

  /** Something the page shows changed: a frame is due, sent as soon as the backlog allows. */
  changed(): void {
    this.framePending = true;
    if (!this.holdFrames) this.flush();
  }

  /** Runs `fn` and sends no frame meanwhile: the changes it makes go out in one frame after it. */
  private withFramesHeld(fn: () => void): void {
    this.holdFrames = true;
    try {
      fn();
    } finally {
      this.holdFrames = false;
    }
  }

  /** One slice of the seek under way; schedules the next, or finishes it. */
  private continueSeek(): void {
    this.seekTimer = null;
    const run = this.host.run();
    const target = this.target;
    if (!run || target === null) return;
    const start = this.clock.now();
    while (run.index < target && this.clock.now() - start < SLICE_MS) run.stepBit({ left: STEPS_PER_CLOCK_READ });
    if (run.index < target) {
      const now = this.clock.now();
      if (now - this.lastProgressMs >= PROGRESS_INTERVAL_MS) {
        this.lastProgressMs = now;
        this.endpoint.postMessage({
          type: "progress",
          timeSec: run.timeSec,
          targetSec: target * run.sampleIntervalSec,
        } satisfies ProgressMessage);
      }
      this.seekTimer = this.clock.schedule(() => this.guarded(() => this.continueSeek()), 0);
      return;
    }
    this.target = null;
    this.targetSec = run.timeSec;
    this.lastTickMs = this.clock.now();
    if (this.host.seekArrived) this.withFramesHeld(this.host.seekArrived.bind(this.host));
    this.changed();
  }

  private setPlaying(playing: boolean): void {
    if (playing === this.isPlaying) return;
    this.isPlaying = playing;
    if (playing) {
      this.lastTickMs = this.clock.now();
      this.targetSec = this.host.run()!.timeSec;
      this.scheduleTick();
    } else {
      this.cancelTick();
    }
  }

  private scheduleTick(delayMs = TICK_MS): void {
    if (this.timer === null) this.timer = this.clock.schedule(() => this.tick(), delayMs);
  }

  private cancelTick(): void {
    if (this.timer !== null) this.clock.cancel(this.timer);
    this.timer = null;
  }

  private tick(): void {
    this.timer = null;
    if (!this.isPlaying || !this.host.run()) return;
    let more: boolean;
    try {
      more = this.pace();
    } catch (error) {
      this.fail(error);
      return;
    }
    if (!this.isPlaying) return;
    // As fast as it can: a slice that ran out of time is followed by the next at once (the
    // messages that came meanwhile are read in between), not by TICK_MS of idling; one that ran
    // out of work or waited for the page keeps a tick per TICK_MS. Paced speeds keep the cadence.
    if (this.currentSpeed !== "max" || !this.options.backToBackAtMax) this.scheduleTick();
    else this.scheduleTick(more ? 0 : Math.max(0, TICK_MS - (this.clock.now() - this.lastTickMs)));
  }

  /**
   * One pacing step: move the run as far as wall time and the page's backlog allow. Returns
   * true when the slice ran out of time with work left (the run behind its target).
   */
  private pace(): boolean {
    const run = this.host.run()!;
    const now = this.clock.now();
    const gapMs = Math.min(MAX_TICK_GAP_MS, Math.max(0, now - this.lastTickMs));
    this.lastTickMs = now;
    // The page has not stored what we sent: wait for it rather than run ahead (see file comment).
    if (this.frameId - this.ackedId >= MAX_UNACKED_FRAMES) return false;
    // A seek is computing its way to the moment play goes on from.
    if (this.target !== null) return false;
    const before = run.index;
    const sliceDone = this.host.watchSlice?.();
    const end = run.endIndex;
    let target = end;
    if (this.currentSpeed !== "max") {
      this.targetSec += (gapMs / 1000) * this.currentSpeed;
      // Never let pacing run more than a quarter second of wall time ahead of the run.
      this.targetSec = Math.min(this.targetSec, run.timeSec + this.currentSpeed * MAX_LEAD_WALL_SEC);
      target = Math.min(end, Math.floor(this.targetSec / run.sampleIntervalSec + 1e-9));
    }
    // Bit by bit within the slice budget (see SLICE_MS); a paced run that cannot keep up falls
    // behind its target and catches up, or not, on the next ticks.
    while (run.index < target && this.clock.now() - now < SLICE_MS) run.stepBit({ left: STEPS_PER_CLOCK_READ });
    sliceDone?.();
    if (run.index >= end) this.setPlaying(false);
    if (run.index !== before || !this.isPlaying) this.changed();
    return this.isPlaying && run.index < target;
  }

  /** Sends a frame if one is due, the run can be shown and the page's backlog allows it. */
  private flush(): void {
    // During a seek the page sees progress messages; the frame comes when the seek arrives.
    if (!this.framePending || !this.host.run() || this.target !== null) return;
    if (this.host.showable && !this.host.showable()) return;
    if (this.frameId - this.ackedId >= MAX_UNACKED_FRAMES) return;
    this.framePending = false;
    this.host.sendFrame(++this.frameId);
  }

  /** Stops everything and tells the page, once: the page shows the message and offers a reset. */
  private fail(error: unknown): void {
    this.stop();
    const message = error instanceof Error ? error.message : String(error);
    this.endpoint.postMessage({ type: "error", message });
  }
}
