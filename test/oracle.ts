/**
 * The reference oracle: a small, deliberately plain event-by-event simulator that follows
 * src-sim/models/queue/SEMANTICS.md line by line. Tests compare the fast engine against it: on
 * deterministic scenarios (constant arrivals and service) every count must agree at every
 * sample; on random ones the statistics must agree (the oracle draws its own random stream).
 *
 * No shortcuts on purpose: one loop iteration per event, the next event found by looking at the
 * three sources (control events, the one completion, the next tick) with the tie order of
 * SEMANTICS.md (control, then completion, then tick). Constant times use the same formulas as
 * the engine (`origin + n / rate`, `busyStart + k / rate`), so both land on the same doubles.
 */
import { ARRIVAL_STREAM, nextExponential, seedStream, SERVICE_STREAM, type RngState } from "../src-sim/engine/rng";
import { SAMPLE_COLUMNS, type SampleColumn, type SimEvent, type Summary } from "../src-sim/engine/types";
import type { Scenario } from "../src-sim/scenario/params";
import { FloatDeque } from "./support/floatDeque";

/**
 * The strategies SEMANTICS.md specifies and the oracle simulates. Mechanisms added later (TCP,
 * Kafka, Reactive Streams) have their own models and tests.
 */
export const ORACLE_STRATEGIES = ["unbounded", "drop-newest", "drop-oldest", "block", "watermark"] as const;

/** Options of an oracle run. */
export interface OracleOptions {
  /** Sim-time spacing of samples, s. */
  sampleIntervalSec: number;
  /** Keep every latency for exact run percentiles (memory: 8 bytes per consumed event). */
  keepLatencies?: boolean;
}

/** A control event: a watermark signal reaching the producer, or a consumer restart. */
interface Control {
  timeSec: number;
  kind: "stop" | "run" | "restart";
}

/** Producer state, as in the `producerState` column: 0 running, 1 paused, 2 blocked. */
const RUNNING = 0;
const PAUSED = 1;
const BLOCKED = 2;

/** Exact nearest-rank quantile of the first `n` values of `values` (sorted copy), s. */
function quantile(sorted: Float64Array, q: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.max(0, Math.ceil(q * sorted.length) - 1)];
}

/** A growable list of latencies, s. */
class LatencyList {
  data = new Float64Array(1024);
  length = 0;
  push(v: number): void {
    if (this.length === this.data.length) {
      const next = new Float64Array(this.data.length * 2);
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = v;
  }
  sorted(): Float64Array {
    return this.data.slice(0, this.length).sort();
  }
}

/** The reference simulator. Same sample columns and Summary as the engine. */
export class Oracle {
  scenario: Scenario;
  readonly sampleIntervalSec: number;
  private readonly arrivalRng: RngState;
  private readonly serviceRng: RngState;

  /** Current simulated time, s. */
  timeSec = 0;

  // Producer.
  private producerState = RUNNING;
  private tickOrigin = 0;
  private tickIndex = 0;
  private nextTickSec = 0;
  private producerRate: number;
  private readonly upstream = new FloatDeque();

  // Consumer.
  private consumerUp = true;
  private readonly waiting = new FloatDeque();
  private inService = false;
  private serviceEmitSec = 0;
  private finishSec = Infinity;
  private busyStart = 0;
  private busyIndex = 0;
  private consumerRate: number;
  private pauseSignalled = false;
  private controls: Control[] = [];

  // Counters.
  produced = 0;
  consumed = 0;
  dropped = 0;
  lost = 0;
  private maxQueued = 0;
  private peakMemoryBytes = 0;
  private oomAt: number | null = null;
  private oomCount = 0;
  private pauses = 0;
  private resumes = 0;
  private pausedSec = 0;
  private inSystemAreaSec = 0;
  private latencySumSec = 0;
  private latencyMaxSec = -Infinity;
  private readonly allLatencies: LatencyList | null;
  private interval = new LatencyList();
  /** Events handled one at a time (every one, in the oracle). */
  steps = 0;

  // Samples.
  private readonly columns: Record<SampleColumn, number[]>;
  private nextSample = 0;
  private lastRow = { produced: 0, consumed: 0, dropped: 0 };
  /** The event log (every entry; the oracle does not thin it). */
  readonly events: SimEvent[] = [];

  constructor(scenario: Scenario, options: OracleOptions) {
    if (!(ORACLE_STRATEGIES as readonly string[]).includes(scenario.strategy)) {
      throw new Error(`the oracle does not simulate strategy "${scenario.strategy}"`);
    }
    this.scenario = { ...scenario };
    this.sampleIntervalSec = options.sampleIntervalSec;
    this.allLatencies = options.keepLatencies === false ? null : new LatencyList();
    // One stream per process, derived from the seed as the engine derives them (rng.ts).
    this.arrivalRng = seedStream(scenario.seed, ARRIVAL_STREAM);
    this.serviceRng = seedStream(scenario.seed, SERVICE_STREAM);
    this.producerRate = scenario.producer;
    this.consumerRate = scenario.consumer;
    // Constant arrivals tick at origin + 0 = 0; a Poisson process starts with a gap.
    if (scenario.arrivals === "poisson") this.nextTickSec = nextExponential(this.arrivalRng, scenario.producer);
    this.columns = Object.fromEntries(SAMPLE_COLUMNS.map((c) => [c, [] as number[]])) as Record<SampleColumn, number[]>;
    this.recordSample(0);
    this.nextSample = 1;
  }

  /** Sample columns recorded so far. */
  get samples(): Readonly<Record<SampleColumn, readonly number[]>> {
    return this.columns;
  }

  /** Number of samples recorded. */
  get sampleCount(): number {
    return this.columns.timeSec.length;
  }

  /** Events in the consumer (waiting + in service). */
  private inSystem(): number {
    return this.waiting.length + (this.inService ? 1 : 0);
  }

  /** Consumer memory, bytes; a dead process holds none. */
  private memoryBytes(): number {
    if (!this.consumerUp) return 0;
    return this.scenario.baseline + this.inSystem() * this.scenario.eventBytes;
  }

  private log(kind: SimEvent["kind"], value = 0): void {
    this.events.push({ timeSec: this.timeSec, kind, value });
  }

  /**
   * Processes every event before the last sample time at or before `untilSec` and records the
   * samples up to it: like the engine, the clock stops on the sample grid only.
   */
  advanceTo(requestedSec: number): void {
    const untilSec = Math.floor(requestedSec / this.sampleIntervalSec + 1e-9) * this.sampleIntervalSec;
    for (;;) {
      // The next event: control first, then completion, then tick, on equal times.
      const control = this.controls.length > 0 ? this.controls[0].timeSec : Infinity;
      const tick = this.nextTickSec;
      const finish = this.finishSec;
      let t = control;
      let which = 0;
      if (finish < t) {
        t = finish;
        which = 1;
      }
      if (tick < t) {
        t = tick;
        which = 2;
      }
      if (!(t < untilSec)) break;
      this.recordSamplesUpTo(t);
      this.elapse(t);
      this.steps++;
      if (which === 0) this.handleControl(this.controls.shift()!);
      else if (which === 1) this.handleCompletion();
      else this.handleTick();
    }
    this.recordSamplesUpTo(untilSec);
    this.elapse(untilSec);
  }

  /** Moves the clock to `t`, integrating time-weighted figures over the gap. */
  private elapse(t: number): void {
    const dt = t - this.timeSec;
    if (dt > 0) {
      this.inSystemAreaSec += this.inSystem() * dt;
      if (this.producerState !== RUNNING) this.pausedSec += dt;
      this.timeSec = t;
    }
  }

  private recordSamplesUpTo(t: number): void {
    for (;;) {
      const at = this.nextSample * this.sampleIntervalSec;
      if (at > t) return;
      this.elapse(at);
      this.recordSample(at);
      this.nextSample++;
    }
  }

  private recordSample(at: number): void {
    const c = this.columns;
    const dt = this.sampleIntervalSec;
    const lat = this.interval.sorted();
    let sum = 0;
    for (const v of lat) sum += v;
    c.timeSec.push(at);
    c.queued.push(this.waiting.length);
    c.inService.push(this.inService ? 1 : 0);
    c.memoryBytes.push(this.memoryBytes());
    c.produced.push(this.produced);
    c.consumed.push(this.consumed);
    c.dropped.push(this.dropped);
    c.lost.push(this.lost);
    c.producedRate.push((this.produced - this.lastRow.produced) / dt);
    c.consumedRate.push((this.consumed - this.lastRow.consumed) / dt);
    c.droppedRate.push((this.dropped - this.lastRow.dropped) / dt);
    c.producerState.push(this.producerState);
    c.consumerUp.push(this.consumerUp ? 1 : 0);
    c.latencyP50.push(quantile(lat, 0.5));
    c.latencyP99.push(quantile(lat, 0.99));
    c.latencyMax.push(lat.length > 0 ? lat[lat.length - 1] : NaN);
    c.latencyMean.push(lat.length > 0 ? sum / lat.length : NaN);
    c.oldestAgeSec.push(this.waiting.length > 0 ? at - this.waiting.peek() : 0);
    c.upstreamQueued.push(this.upstream.length);
    c.upstreamBytes.push(this.upstream.length * this.scenario.eventBytes);
    this.lastRow = { produced: this.produced, consumed: this.consumed, dropped: this.dropped };
    this.interval = new LatencyList();
  }

  // ---- producer -------------------------------------------------------------------------------

  private scheduleNextTick(): void {
    if (this.producerState !== RUNNING && this.scenario.onPause === "slow") {
      this.nextTickSec = Infinity; // a cold source's clock stops
      return;
    }
    if (this.scenario.arrivals === "constant") {
      this.tickIndex++;
      this.nextTickSec = this.tickOrigin + this.tickIndex / this.producerRate;
    } else {
      this.nextTickSec = this.timeSec + nextExponential(this.arrivalRng, this.producerRate);
    }
  }

  /**
   * The producer runs again (a resume reached it, or it was released). A cold source (`slow`)
   * restarts its clock: origin = now, so it ticks at once. A hot source's clock never stopped,
   * so its ticks keep their schedule; a hot source blocked on a full queue (`block` + `buffer`)
   * completes its blocked send at once: the head of its buffer goes to the consumer.
   */
  private resumeProducer(): void {
    const wasBlocked = this.producerState === BLOCKED;
    this.producerState = RUNNING;
    if (this.scenario.onPause === "slow") {
      this.tickOrigin = this.timeSec;
      this.tickIndex = 0;
      this.nextTickSec = this.timeSec;
    } else if (wasBlocked && this.scenario.onPause === "buffer" && this.upstream.length > 0 && this.consumerUp) {
      this.offer(this.upstream.shift(), true);
    }
  }

  private handleTick(): void {
    const now = this.timeSec;
    this.produced++;
    if (this.producerState !== RUNNING) {
      // Only hot sources tick while stopped (slow has no ticks).
      if (this.scenario.onPause === "buffer") this.bufferUpstream(now, false);
      else this.dropped++;
      this.scheduleNextTick();
      return;
    }
    let sent = now;
    let fromBuffer = false;
    if (this.upstream.length > 0) {
      sent = this.upstream.shift();
      this.upstream.push(now);
      fromBuffer = true;
    }
    this.offer(sent, fromBuffer);
    this.scheduleNextTick();
  }

  /** Puts an event in the producer's own buffer; passing producerMemory loses the buffer. */
  private bufferUpstream(emitSec: number, atFront: boolean): void {
    if (atFront) this.upstream.unshift(emitSec);
    else this.upstream.push(emitSec);
    if (this.upstream.length * this.scenario.eventBytes > this.scenario.producerMemory) {
      const n = this.upstream.length;
      this.lost += n;
      this.upstream.clear();
      this.log("producer-oom", n);
    }
  }

  // ---- consumer -------------------------------------------------------------------------------

  private capacity(): number {
    return this.scenario.strategy === "unbounded" ? Infinity : this.scenario.capacity;
  }

  /** Offers a sent event (emitted at `emitSec`) to the consumer. */
  private offer(emitSec: number, fromBuffer: boolean): void {
    const s = this.scenario;
    if (!this.consumerUp) {
      this.lost++;
      return;
    }
    if (!this.inService) {
      this.startBusyPeriod(emitSec);
      this.afterJoin(false);
      return;
    }
    if (this.waiting.length >= this.capacity()) {
      switch (s.strategy) {
        case "drop-newest":
          this.dropped++;
          return;
        case "watermark":
          this.dropped++;
          this.log("queue-full", s.capacity);
          return;
        case "drop-oldest":
          this.waiting.shift();
          this.dropped++;
          this.waiting.push(emitSec);
          this.afterJoin(true);
          return;
        case "block":
          this.block(emitSec, fromBuffer);
          return;
        default:
          throw new Error(`unreachable: ${s.strategy} at capacity`);
      }
    }
    this.waiting.push(emitSec);
    this.afterJoin(true);
  }

  private block(emitSec: number, fromBuffer: boolean): void {
    this.producerState = BLOCKED;
    this.log("blocked");
    switch (this.scenario.onPause) {
      case "slow":
        this.produced--; // the tick is withdrawn: the event was never emitted
        break;
      case "buffer":
        // The head goes back to the front; a fresh event (empty buffer) is both front and tail.
        if (fromBuffer) {
          // The new event already joined the tail; the sent head returns to the front.
          this.bufferUpstream(emitSec, true);
        } else {
          this.bufferUpstream(emitSec, false);
        }
        break;
      case "drop":
        this.dropped++;
        break;
    }
  }

  private afterJoin(joinedWaiting: boolean): void {
    const s = this.scenario;
    if (this.waiting.length > this.maxQueued) this.maxQueued = this.waiting.length;
    const memory = this.memoryBytes();
    if (memory > this.peakMemoryBytes) this.peakMemoryBytes = memory;
    if (memory > s.memory) {
      this.crash();
      return;
    }
    if (joinedWaiting && s.strategy === "watermark" && !this.pauseSignalled && this.waiting.length >= s.high) {
      this.pauseSignalled = true;
      this.pauses++;
      this.log("pause");
      this.addControl(this.timeSec + s.signalDelay, "stop");
    }
  }

  private startBusyPeriod(emitSec: number): void {
    this.consumerRate = this.scenario.consumer; // a new busy period is a new origin anyway
    this.busyStart = this.timeSec;
    this.busyIndex = 0;
    this.startService(emitSec);
  }

  private startService(emitSec: number): void {
    this.inService = true;
    this.serviceEmitSec = emitSec;
    if (this.scenario.service === "constant") {
      this.busyIndex++;
      this.finishSec = this.busyStart + this.busyIndex / this.consumerRate;
    } else {
      this.finishSec = this.timeSec + nextExponential(this.serviceRng, this.consumerRate);
    }
  }

  private handleCompletion(): void {
    const s = this.scenario;
    const latency = this.timeSec - this.serviceEmitSec;
    this.consumed++;
    this.latencySumSec += latency;
    if (latency > this.latencyMaxSec) this.latencyMaxSec = latency;
    this.allLatencies?.push(latency);
    this.interval.push(latency);
    this.inService = false;
    this.finishSec = Infinity;
    if (s.consumer !== this.consumerRate) {
      // A rate change starts a new origin at the next completion.
      this.consumerRate = s.consumer;
      this.busyStart = this.timeSec;
      this.busyIndex = 0;
    }
    if (this.waiting.length === 0) return;
    this.startService(this.waiting.shift());
    if (s.strategy === "watermark" && this.pauseSignalled && this.waiting.length <= s.low) {
      this.pauseSignalled = false;
      this.resumes++;
      this.log("resume");
      this.addControl(this.timeSec + s.signalDelay, "run");
    }
    if (this.producerState === BLOCKED) {
      this.log("unblocked");
      this.resumeProducer();
    }
  }

  /** Out of memory: the consumer dies with everything it holds. */
  private crash(): void {
    const n = this.inSystem();
    this.lost += n;
    this.waiting.clear();
    this.inService = false;
    this.finishSec = Infinity;
    this.consumerUp = false;
    this.oomCount++;
    if (this.oomAt === null) this.oomAt = this.timeSec;
    this.log("oom", n);
    // The connection broke: a pause held by the dead consumer (or still on its way) is void.
    this.pauseSignalled = false;
    this.controls = this.controls.filter((c) => c.kind === "restart");
    if (this.producerState !== RUNNING) this.resumeProducer();
    if (this.scenario.restart > 0) this.addControl(this.timeSec + this.scenario.restart, "restart");
  }

  private addControl(timeSec: number, kind: Control["kind"]): void {
    // Stable insertion: equal times keep the order in which they were scheduled.
    let i = this.controls.length;
    while (i > 0 && this.controls[i - 1].timeSec > timeSec) i--;
    this.controls.splice(i, 0, { timeSec, kind });
  }

  private handleControl(control: Control): void {
    switch (control.kind) {
      case "stop":
        if (this.producerState === RUNNING) {
          this.producerState = PAUSED;
          if (this.scenario.onPause === "slow") this.nextTickSec = Infinity;
        }
        break;
      case "run":
        if (this.producerState === PAUSED) this.resumeProducer();
        break;
      case "restart":
        this.consumerUp = true;
        this.log("restart");
        break;
    }
  }

  /**
   * Changes parameters from the current time on. Rates follow SEMANTICS.md (the producer's new
   * origin is its next tick; the consumer's is its next completion); other keys apply at their
   * next check.
   */
  setScenario(next: Scenario): void {
    const rateChanged = next.producer !== this.producerRate;
    this.scenario = { ...next };
    if (rateChanged && next.arrivals === "constant" && Number.isFinite(this.nextTickSec)) {
      this.tickOrigin = this.nextTickSec;
      this.tickIndex = 0;
    }
    this.producerRate = next.producer;
  }

  /** Figures of the run so far, in the engine's Summary shape. */
  summary(): Summary {
    const all = this.allLatencies?.sorted();
    return {
      until: this.timeSec,
      produced: this.produced,
      consumed: this.consumed,
      dropped: this.dropped,
      lost: this.lost,
      queued: this.waiting.length,
      inService: this.inService ? 1 : 0,
      upstreamQueued: this.upstream.length,
      maxQueued: this.maxQueued,
      peakMemoryBytes: this.peakMemoryBytes,
      oomAt: this.oomAt,
      oomCount: this.oomCount,
      latency: {
        mean: this.consumed > 0 ? this.latencySumSec / this.consumed : NaN,
        p50: all ? quantile(all, 0.5) : NaN,
        p99: all ? quantile(all, 0.99) : NaN,
        max: this.consumed > 0 ? this.latencyMaxSec : NaN,
      },
      producerPausedSeconds: this.pausedSec,
      signals: { pause: this.pauses, resume: this.resumes },
      meanInSystem: this.timeSec > 0 ? this.inSystemAreaSec / this.timeSec : 0,
      work: { perEventSteps: this.steps, bulkSteps: 0 },
    };
  }
}
