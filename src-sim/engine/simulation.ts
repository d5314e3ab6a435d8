/**
 * The simulation engine: a producer feeding a consumer under a flow-control strategy, advanced
 * on a simulated clock. Pure and seeded: no wall clock, no global randomness, no DOM; the same
 * scenario and seed give the same run, bit for bit.
 *
 * This file is the engine's face: it asks the factory it was given for the model of the strategy
 * in force (the core knows no concrete model: src-sim/models/index.ts supplies the factory and
 * `createSimulation`), records samples at a fixed simulated interval as columns, and keeps the
 * event log and the run's summary. The models move the events.
 */
import { ColumnStore, COL } from "./columnStore";
import { EventLog } from "./eventLog";
import { FineSampler, type FineWindow } from "./fineSampler";
import { copyFields, fillNaN, type Model, type ModelFigures, type ModelLive, type StepBudget } from "./model";
import { reseedStreams, seedStreams } from "./rng";
import { RunContext } from "./runContext";
import { SAMPLE_COLUMNS, type SampleBatch, type SampleColumn, type SimEvent, type Summary } from "./types";
import { CORE_COLUMNS, MODEL_NAMES, modelColumns } from "../scenario/columns";
import type { Scenario } from "../scenario/params";
import { effectiveScenario, nextBreakSec } from "../scenario/shapes";
import { modelOf } from "../scenario/strategies";
import { shapeFigures } from "../theory";

export { PRODUCER_BLOCKED, PRODUCER_PAUSED, PRODUCER_RUNNING } from "./model";

/**
 * Creates the model of `scenario.strategy`, empty, at `startSec`, bound to the run's context.
 * `bulk` false asks for every event to be handled singly (tests compare it with the shortcuts).
 */
export type ModelFactory = (ctx: RunContext, scenario: Scenario, startSec: number, bulk: boolean) => Model;

/** Engine options that are not part of the scenario (they do not change what is simulated). */
export interface SimulationOptions {
  /** Simulated time between samples, s (default 0.1). */
  sampleIntervalSec?: number;
  /**
   * Whether to skip ahead over stretches in bulk (default true). With false every event is
   * handled one at a time: slower, same counts; tests use it to check the shortcuts.
   */
  bulk?: boolean;
}

/** Instantaneous state for readouts: the model's state plus the run's counters. */
export interface LiveState extends ModelLive {
  timeSec: number;
  produced: number;
  consumed: number;
  dropped: number;
  lost: number;
}

/** Every model's own columns, by index: NaN in a row unless the model in force writes them. */
const MODEL_COLUMN_INDICES: readonly number[] = MODEL_NAMES.flatMap((m) => modelColumns(m).map((name) => COL[name]));

/** The columns the model of `scenario.strategy` writes: the core ones and its own. */
function writtenColumns(scenario: Scenario): readonly string[] {
  return [...CORE_COLUMNS.map((c) => c.name), ...modelColumns(modelOf(scenario.strategy))];
}

/** The engine. See the file comment; the queue model's semantics are in src-sim/models/queue/SEMANTICS.md. */
export class Simulation {
  /** Simulated time between samples, s. */
  readonly sampleIntervalSec: number;
  private readonly bulk: boolean;
  private sc: Scenario;
  /**
   * The scenario the model runs: `sc` itself, or under a workload shape `sc` with the producer
   * rate of the shape's current step (src-sim/scenario/shapes.ts). Never mutated.
   */
  private eff: Scenario;
  /** The shape's next breakpoint, s (Infinity: the rate no longer changes). */
  private nextBreak: number;
  private ctx: RunContext;
  private model: Model;
  private samples = new ColumnStore();
  private row = new Float64Array(SAMPLE_COLUMNS.length);
  /** The state after the model's latest step (levels, and counters while a fine sampler reads). */
  private stepRow = new Float64Array(SAMPLE_COLUMNS.length).fill(NaN);
  private fine: FineSampler | undefined;
  private nextSampleIndex = 0;
  /** True while the model has moved past the last sample toward the next (see advanceTo). */
  private underWay = false;
  private lastSample = { produced: 0, consumed: 0, dropped: 0 };

  /**
   * Creates a run at t = 0 and records sample 0. `createModel` builds the model of a strategy
   * (use `createSimulation` in src-sim/models for the standard set).
   */
  constructor(
    scenario: Scenario,
    private readonly createModel: ModelFactory,
    options: SimulationOptions = {},
  ) {
    const interval = options.sampleIntervalSec ?? 0.1;
    this.sampleIntervalSec = interval > 0 && Number.isFinite(interval) ? interval : 0.1;
    this.bulk = options.bulk ?? true;
    this.sc = { ...scenario };
    this.eff = effectiveScenario(this.sc, 0);
    this.nextBreak = nextBreakSec(this.sc, 0);
    this.ctx = new RunContext(seedStreams(scenario.seed), new EventLog(this.sampleIntervalSec));
    this.ctx.onStep = (bulk) => this.onStep(bulk);
    this.ctx.envelope.watch(writtenColumns(scenario));
    this.model = createModel(this.ctx, this.eff === this.sc ? scenario : this.eff, 0, this.bulk);
    this.recordSample();
  }

  /** The scenario in force now. */
  get scenario(): Scenario {
    return { ...this.sc };
  }

  /** The model in force, for readouts only it has (a pipeline's per-stage series); do not drive it. */
  get currentModel(): Model {
    return this.model;
  }

  /** Simulated time, s. */
  get timeSec(): number {
    return this.model.now;
  }

  /**
   * True while a partial advance (one whose budget ran out) has moved the model past the last
   * sample recorded, toward the next: the samples, counters and summary are then inside that
   * interval. A change (setScenario) belongs on the sample grid, so finish the sample first.
   */
  get sampleUnderWay(): boolean {
    return this.underWay;
  }

  /** Samples recorded so far (sample k is at k x sampleIntervalSec). */
  get sampleCount(): number {
    return this.samples.length;
  }

  /** Entries logged so far, including those the log has since let go (see eventLog.ts). */
  get eventCount(): number {
    return this.ctx.log.logged;
  }

  /** Events of each kind so far, stored in the log or not, indexed like EVENT_KINDS. */
  eventTotals(): Float64Array {
    return this.ctx.log.totalsByKind();
  }

  /** Copies samples [from, to) into a batch of fresh (transferable) arrays. */
  readSamples(from: number, to?: number): SampleBatch {
    return this.samples.slice(from, to);
  }

  /** A read-only view of one column (valid until the run advances). */
  column(name: SampleColumn): Float64Array {
    return this.samples.view(name);
  }

  /** Event-log entries held, from sequence number `from` on and before `to` (see {@link eventCount}). */
  readEvents(from = 0, to = Infinity): SimEvent[] {
    return this.ctx.log.read(from, to);
  }

  /** Starts over at t = 0, with the same or a new scenario. */
  reset(scenario: Scenario = this.sc): void {
    Object.assign(
      this,
      new Simulation(scenario, this.createModel, { sampleIntervalSec: this.sampleIntervalSec, bulk: this.bulk }),
    );
    this.ctx.onStep = (bulk) => this.onStep(bulk);
  }

  /** A deep copy: a checkpoint from which the run can continue independently. */
  clone(): Simulation {
    // Built by the constructor, then filled: the copy keeps the fast object shape (see copyFields).
    const copy = copyFields(
      new Simulation(this.sc, this.createModel, { sampleIntervalSec: this.sampleIntervalSec, bulk: this.bulk }),
      this,
    );
    copy.sc = { ...this.sc };
    copy.ctx = this.ctx.clone();
    copy.ctx.onStep = (bulk) => copy.onStep(bulk);
    copy.stepRow = this.stepRow.slice();
    copy.fine = undefined;
    copy.ctx.stepsWatched = false;
    copy.model = this.model.clone(copy.ctx);
    copy.samples = this.samples.clone();
    copy.row = new Float64Array(SAMPLE_COLUMNS.length);
    copy.lastSample = { ...this.lastSample };
    return copy;
  }

  /**
   * Changes parameters from the current time on (see each model for what that means). A new
   * seed restarts the random streams now. A strategy run by another model (strategy table) starts
   * that model empty: what the old one held is counted as dropped.
   */
  setScenario(next: Scenario): void {
    const prev = this.sc;
    const prevEff = this.eff;
    const now = this.model.now;
    this.sc = { ...next };
    this.eff = effectiveScenario(this.sc, now);
    this.nextBreak = nextBreakSec(this.sc, now);
    // Unshaped, the model sees exactly what it always saw.
    const nextEff = this.eff === this.sc ? next : this.eff;
    if (next.seed !== prev.seed) reseedStreams(this.ctx.streams, next.seed);
    if (modelOf(prev.strategy) === modelOf(next.strategy)) {
      this.model.setScenario(prevEff, nextEff);
      return;
    }
    fillNaN(this.stepRow, MODEL_COLUMN_INDICES);
    this.ctx.drop(this.model.held(), now);
    this.model = this.createModel(this.ctx, nextEff, now, this.bulk);
    this.ctx.envelope.watch(writtenColumns(next));
  }

  /** The workload shape's breakpoint: the model runs the next step's rate from now on. */
  private crossBreak(): void {
    const t = this.nextBreak;
    const prev = this.eff;
    this.eff = effectiveScenario(this.sc, t);
    this.nextBreak = nextBreakSec(this.sc, t);
    if (this.eff.producer !== prev.producer) this.model.setScenario(prev, this.eff);
  }

  /** Figures of the model for the command line's `model` object. */
  modelFigures(): ModelFigures {
    const shape = shapeFigures(this.sc);
    return shape ? { ...this.model.figures(), shape } : this.model.figures();
  }

  /**
   * Advances the run to the last sample at or before `tSec`, recording every sample on the way,
   * and returns true.
   *
   * The clock moves on the sample grid only: where a run stops must not change what it does, and
   * a random bulk stretch cut at an arbitrary instant would draw differently from one cut at a
   * sample. So stepping in 0.45 s or 0.1 s increments gives the same run, bit for bit; for finer
   * stops, choose a finer `sampleIntervalSec`.
   *
   * A `budget` of model steps bounds the work of the call (a sample at 10^7 events/s holds
   * millions of events): once it is spent the call returns false, the model standing at an
   * event boundary inside the sample under way ({@link sampleUnderWay}). Such a stop is not a
   * stop of the run: the model still heads for the same sample time, so the next call goes on
   * exactly as one uninterrupted call would, bit for bit. It records nothing, crosses only the
   * shape's breakpoints it reached, and feeds the envelope and a fine sampler as usual.
   */
  advanceTo(tSec: number, budget?: StepBudget): boolean {
    // The tolerance absorbs k x interval rounding (e.g. 3 x 0.1 = 0.30000000000000004).
    const lastIndex = Math.floor(tSec / this.sampleIntervalSec + 1e-9);
    while (this.nextSampleIndex <= lastIndex) {
      // A spent budget does not start the next sample.
      if (budget !== undefined && budget.left <= 0 && !this.underWay) return false;
      const t = this.nextSampleIndex * this.sampleIntervalSec;
      this.underWay = true;
      // A shape's breakpoints cut the run where the scenario says, whatever the caller's stops.
      while (this.nextBreak < t) {
        if (!this.model.advanceTo(this.nextBreak, budget)) return false;
        this.crossBreak();
      }
      if (!this.model.advanceTo(t, budget)) return false;
      this.underWay = false;
      if (this.fine) this.fine.reachSample(this.stateRow(this.stepRow), t);
      this.recordSample();
      if (this.fine) this.fine.closeRunInterval(this.row);
    }
    return true;
  }

  /**
   * The model in force, for an adapter that attaches the model's own recorder to a detached
   * replay (the worker's TCP ladder, src-sim/worker/zoom.ts). Read it; never advance it directly.
   */
  get modelInForce(): Model {
    return this.model;
  }

  /**
   * Reads the run from now on at a finer interval too, without changing it (see fineSampler.ts):
   * advance the run past `window.toSec`, then take the sampler's `result()`. Start it at or
   * before `window.fromSec` minus one fine interval; a later call replaces it.
   */
  sampleFinely(window: FineWindow): FineSampler {
    this.fine = new FineSampler(window, this.sampleIntervalSec, this.stateRow(this.stepRow), this.model.now);
    this.ctx.stepsWatched = true;
    return this.fine;
  }

  /** Stops the fine sampler. */
  stopFineSampling(): void {
    this.fine = undefined;
    this.ctx.stepsWatched = false;
  }

  /** Writes the state now (the model's columns and the counters) into `r`. */
  private stateRow(r: Float64Array): Float64Array {
    this.model.writeSample(r);
    const ctx = this.ctx;
    r[COL.produced] = ctx.produced;
    r[COL.consumed] = ctx.consumed;
    r[COL.dropped] = ctx.dropped;
    r[COL.lost] = ctx.lost;
    return r;
  }

  /** After each step of the model: widen the envelope; feed the fine sampler, if one reads. */
  private onStep(bulk: boolean): void {
    const r = this.stepRow;
    if (this.fine) {
      this.stateRow(r);
      this.ctx.envelope.note(r);
      this.fine.step(r, this.model.now, bulk);
      return;
    }
    this.model.writeSample(r);
    this.ctx.envelope.note(r);
  }

  private recordSample(): void {
    const t = this.nextSampleIndex * this.sampleIntervalSec;
    const dt = this.nextSampleIndex === 0 ? 1 : this.sampleIntervalSec;
    const r = this.row;
    const ctx = this.ctx;
    const h = ctx.intervalHist;
    // Each model writes only its own mechanism's columns; the rest read NaN ("not applicable").
    fillNaN(r, MODEL_COLUMN_INDICES);
    this.model.writeSample(r);
    r[COL.timeSec] = t;
    r[COL.produced] = ctx.produced;
    r[COL.consumed] = ctx.consumed;
    r[COL.dropped] = ctx.dropped;
    r[COL.lost] = ctx.lost;
    r[COL.pauseSignals] = ctx.pauseSignals;
    r[COL.resumeSignals] = ctx.resumeSignals;
    r[COL.producedRate] = (ctx.produced - this.lastSample.produced) / dt;
    r[COL.consumedRate] = (ctx.consumed - this.lastSample.consumed) / dt;
    r[COL.droppedRate] = (ctx.dropped - this.lastSample.dropped) / dt;
    r[COL.latencyP50] = h.quantile(0.5);
    r[COL.latencyP99] = h.quantile(0.99);
    r[COL.latencyMax] = h.max();
    r[COL.latencyMean] = h.mean();
    // The interval's envelope includes both of its ends: the previous sample and this one.
    ctx.envelope.closeInterval(r);
    this.samples.push(r);
    // Latencies go to the interval histogram only; the run's total gathers them per sample.
    ctx.totalHist.addAll(h);
    h.reset();
    if (ctx.dropping && ctx.dropped === this.lastSample.dropped) {
      ctx.dropping = false;
      ctx.log.add(ctx.lastDropSec, "drop-stop", ctx.burstDropped);
      ctx.burstDropped = 0;
    }
    this.model.afterSample();
    this.lastSample.produced = ctx.produced;
    this.lastSample.consumed = ctx.consumed;
    this.lastSample.dropped = ctx.dropped;
    this.nextSampleIndex++;
  }

  /** The state right now, for readouts. */
  live(): LiveState {
    const ctx = this.ctx;
    return {
      timeSec: this.model.now,
      ...this.model.live(),
      produced: ctx.produced,
      consumed: ctx.consumed,
      dropped: ctx.dropped,
      lost: ctx.lost,
    };
  }

  /** What the run did up to now (the command line's `summary`). */
  summary(): Summary {
    const ctx = this.ctx;
    const h = ctx.totalHist.clone();
    h.addAll(ctx.intervalHist);
    const live = this.model.live();
    const now = this.model.now;
    return {
      until: now,
      produced: ctx.produced,
      consumed: ctx.consumed,
      dropped: ctx.dropped,
      lost: ctx.lost,
      queued: live.queued,
      inService: live.inService,
      upstreamQueued: live.upstreamQueued,
      maxQueued: ctx.maxQueued,
      peakMemoryBytes: ctx.peakMemoryBytes,
      oomAt: ctx.oomAt,
      oomCount: ctx.oomCount,
      latency: { mean: h.mean(), p50: h.quantile(0.5), p99: h.quantile(0.99), max: h.max() },
      producerPausedSeconds: ctx.pausedSeconds,
      signals: { pause: ctx.pauseSignals, resume: ctx.resumeSignals },
      meanInSystem: now > 0 ? ctx.inSystemIntegral / now : 0,
      work: { perEventSteps: ctx.perEventSteps, bulkSteps: ctx.bulkSteps },
    };
  }
}
