/**
 * What every model of a run shares with the engine around it: the scenario's seeded streams,
 * the cumulative counters, latency histograms, time integrals and the event log. A model (the
 * queue, TCP, Kafka, Reactive Streams) moves events; the engine samples these figures.
 */
import { Envelope } from "./envelope";
import { EventLog } from "./eventLog";
import { LatencyHistogram } from "./latencyHistogram";
import { cloneStreams, type RunStreams } from "./rng";

/** Mutable run-wide figures. Counts are events; times are seconds. */
export class RunContext {
  /** Events emitted by the producer (including those discarded at the source). */
  produced = 0;
  /** Events the consumer finished (first deliveries only). */
  consumed = 0;
  /** Events discarded by a policy. */
  dropped = 0;
  /** Events lost to a crash or to retention. */
  lost = 0;
  pauseSignals = 0;
  resumeSignals = 0;
  /** Latencies of events finished since the last sample. */
  intervalHist = new LatencyHistogram();
  /** Latencies of every event finished before the last sample. */
  totalHist = new LatencyHistogram();
  /**
   * Integral of events in the system over time, events x s (for Little's law). This and the
   * other fractional figures are declared NaN and set to 0 in the constructor: V8 takes a
   * field's representation from its first value, and a field born a small integer that later
   * holds a fraction changes the class's hidden shape during the first run, which throws away
   * the compiled hot loops that read the context (and V8 may leave them in slower code).
   */
  inSystemIntegral = NaN;
  /** Simulated seconds the producer spent paused or blocked. */
  pausedSeconds = NaN;
  maxQueued = 0;
  peakMemoryBytes = NaN;
  oomAt: number | null = null;
  oomCount = 0;
  perEventSteps = 0;
  bulkSteps = 0;
  /** True while a burst of drops goes on (it ends at a sample interval without drops). */
  dropping = false;
  burstDropped = 0;
  lastDropSec = NaN;

  /** The level columns' envelope since the last sample (the engine writes it; see envelope.ts). */
  envelope = new Envelope();
  /**
   * Called by the engine after each step of the model; the engine sets it. A pure reader: it
   * never changes the run.
   */
  onStep: (bulk: boolean) => void = () => {};
  /**
   * True while something reads the state after every step (the engine's fine sampler): a model
   * must then report each step through {@link stepped}. While false, a model may keep the envelope
   * of its steps itself and hand it over through {@link Envelope.noteRange} before it returns
   * (the TCP model does). While true, the Reactive model also takes its request cycles one event
   * at a time: a fine instant inside a stretch reads the straight line between its ends, and
   * within a cycle demand is a sawtooth.
   */
  stepsWatched = false;

  constructor(
    /**
     * The seeded streams, one per random process (rng.ts): the only sources of randomness of the
     * run. A model draws a process's events only from that process's stream.
     */
    public streams: RunStreams,
    /** The event log. */
    public log: EventLog,
  ) {
    this.inSystemIntegral = 0;
    this.pausedSeconds = 0;
    this.peakMemoryBytes = 0;
    this.lastDropSec = 0;
  }

  /**
   * A model calls this after each step of its event loop: one event (`bulk` false) or one bulk
   * stretch (`bulk` true, the state moved evenly across it). The engine reads the state here.
   */
  stepped(bulk: boolean): void {
    this.onStep(bulk);
  }

  /** Counts `n` drops at `nowSec`, opening a drop burst in the log if none is open. */
  drop(n: number, nowSec: number): void {
    if (n <= 0) return;
    this.dropped += n;
    this.burstDropped += n;
    this.lastDropSec = nowSec;
    if (!this.dropping) {
      this.dropping = true;
      this.log.add(nowSec, "drop-start", 0);
    }
  }

  /**
   * Raises the run's peaks to a queue of `queued` events and `memoryBytes` of consumer memory
   * (the extremes a model found inside a step or a closed-form stretch).
   */
  notePeak(queued: number, memoryBytes: number): void {
    if (queued > this.maxQueued) this.maxQueued = queued;
    if (memoryBytes > this.peakMemoryBytes) this.peakMemoryBytes = memoryBytes;
  }

  /** Records `n` finished events whose latencies run evenly from `firstSec` to `lastSec`. */
  recordLatency(n: number, firstSec: number, lastSec: number): void {
    this.intervalHist.addSegment(n, firstSec, lastSec);
  }

  /** Records an out-of-memory crash of the consumer at `nowSec` that took `held` events. */
  recordOom(nowSec: number, held: number): void {
    this.lost += held;
    this.log.add(nowSec, "oom", held);
    if (this.oomAt === null) this.oomAt = nowSec;
    this.oomCount++;
  }

  /** A deep copy (for checkpoints). */
  clone(): RunContext {
    // Built by the constructor, then filled field by field: the copy keeps the original's fast
    // object shape (an Object.create copy would fall into V8's slow dictionary mode).
    const copy = Object.assign(new RunContext(this.streams, this.log), this);
    copy.streams = cloneStreams(this.streams);
    copy.log = this.log.clone();
    copy.intervalHist = this.intervalHist.clone();
    copy.totalHist = this.totalHist.clone();
    copy.envelope = this.envelope.clone();
    return copy;
  }
}
