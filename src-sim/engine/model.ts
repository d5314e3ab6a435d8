/**
 * The interface between the engine and a model of what sits between producer and consumer:
 * the queue strategies, TCP, Kafka or Reactive Streams. The engine owns sampling and output;
 * a model owns its clock, its state and the events it handles.
 */
import type { Scenario } from "../scenario/params";
import { EventLog } from "./eventLog";
import { seedStreams, type RngState } from "./rng";
import { RunContext } from "./runContext";

/** Producer states as stored in the `producerState` column. */
export const PRODUCER_RUNNING = 0;
/** The producer was told to pause (watermark) and the signal has reached it. */
export const PRODUCER_PAUSED = 1;
/** The producer is blocked by a full queue (strategy `block`). */
export const PRODUCER_BLOCKED = 2;

/** The per-instant state a model reports for readouts. */
export interface ModelLive {
  queued: number;
  inService: number;
  memoryBytes: number;
  upstreamQueued: number;
  /** 0 running, 1 paused, 2 blocked. */
  producerState: number;
  consumerUp: boolean;
  /** Age of the oldest waiting event, s. */
  oldestAgeSec: number;
  /** Seconds until the consumer passes its memory limit at the current rates; Infinity if never. */
  timeToOomSec: number;
}

/** Analytic and mechanism figures for the command line's `model` object (JSON-serialisable). */
export type ModelFigures = Record<string, unknown>;

/**
 * A bound on the work of one call: model steps it may still take, counted down by the model. A
 * step is one event handled singly or one closed-form stretch (which costs the same whatever it
 * spans). The worker gives a budget per call and reads its clock between calls: the core reads
 * no clock, and how much wall time a budget takes is the worker's business.
 */
export interface StepBudget {
  /** Steps still allowed; the callee lowers it by the steps it took, never below 0. */
  left: number;
}

/** A model of one run. */
export interface Model {
  /** Simulated time of the model, s. */
  readonly now: number;
  /**
   * Handles every event strictly before `endSec`, then sets the clock to it, and returns true.
   * With a `budget`, stops at an event boundary once it is spent and returns false (the clock
   * stays at the last event handled); a later call with the same `endSec` goes on exactly as
   * an uninterrupted call would have, bit for bit. A call given no steps returns false at once.
   */
  advanceTo(endSec: number, budget?: StepBudget): boolean;
  /** The state now. */
  live(): ModelLive;
  /**
   * Writes the model's columns of a sample row (queued, inService, memoryBytes, producerState,
   * consumerUp, oldestAgeSec, upstreamQueued, upstreamBytes and its mechanism columns); the
   * engine writes time, counters, rates and latency.
   */
  writeSample(row: Float64Array): void;
  /** Called at each sample, after the row is written (for per-interval bookkeeping). */
  afterSample(): void;
  /** Parameters change from now on; `prev` is the scenario in force until now. */
  setScenario(prev: Scenario, next: Scenario): void;
  /** A deep copy bound to `ctx` (the engine's copy of the shared context). */
  clone(ctx: RunContext): Model;
  /** Figures for the command line's `model` object. */
  figures(): ModelFigures;
  /** Events the model holds now (queued, in service, in flight, buffered by the producer). */
  held(): number;
}

/**
 * A shallow copy of `source` made into `blank`, an instance its class's constructor has just
 * built: the constructor gives it the same fields in the same order, so V8 gives it the same
 * hidden class and it keeps fast properties. (A copy made with `Object.assign(Object.create(...))`
 * ends in dictionary mode, and every run that touches it afterwards slows several times.) The
 * caller then deep-copies the mutable parts.
 */
export function copyFields<T extends object>(blank: T, source: T): T {
  return Object.assign(blank, source);
}

/**
 * A context for building a model's `blank` for {@link copyModel}: whatever its constructor draws
 * or logs goes here, not into the run being copied.
 */
export function scratchContext(): RunContext {
  return new RunContext(seedStreams(0), new EventLog(1));
}

/**
 * The start of every model's clone(): a shallow copy of `model` into `blank` (see
 * {@link copyFields}; build it with {@link scratchContext}), bound to the engine's copy of the
 * shared context (its random streams included) and with its own scenario object. The model then
 * deep-copies its own mutable parts.
 */
export function copyModel<T extends object>(model: T, blank: T, ctx: RunContext): T {
  const copy = copyFields(blank, model) as T & {
    ctx: RunContext;
    arrivalRng: RngState;
    serviceRng: RngState;
    sc: Scenario;
  };
  copy.ctx = ctx;
  copy.arrivalRng = ctx.streams.arrivals;
  copy.serviceRng = ctx.streams.service;
  copy.sc = { ...copy.sc };
  return copy;
}

/** Writes NaN to every column listed (columns a model does not use). */
export function fillNaN(row: Float64Array, indices: readonly number[]): void {
  for (let k = 0; k < indices.length; k++) row[indices[k]] = NaN;
}
