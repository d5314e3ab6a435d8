/**
 * The pipeline model: a source feeding a chain of stages (Stage 1 -> ... -> Stage N -> sink), each
 * stage a server behind its own queue under a queue strategy, with its own rate, service
 * distribution, memory limit and crash/restart (issue 14). One discrete-event loop over the whole
 * chain; the exact rules are in SEMANTICS.md beside this file.
 *
 * Backpressure travels exactly where the mechanism carries it: a blocking put holds the finished
 * event on the server of the stage before (it stops serving, so its own queue fills, and so on up
 * to the source); a watermark pause stops the stage before in the same way; an unbounded queue
 * carries nothing back (it grows until its stage runs out of memory); a drop loses at its hop.
 * Events carry their emit time at the source, so the sink's latency is end to end.
 */
import { COL } from "../../engine/columnStore";
import {
  PRODUCER_BLOCKED,
  PRODUCER_PAUSED,
  PRODUCER_RUNNING,
  scratchContext,
  type Model,
  type ModelFigures,
  type ModelLive,
  type StepBudget,
} from "../../engine/model";
import { nextExponential, seedStream, type RngState } from "../../engine/rng";
import type { RunContext } from "../../engine/runContext";
import { RunQueue } from "../../engine/runQueue";
import { countConstant, moveFront } from "../../engine/stretchKit";
import {
  KIND_DOWN,
  KIND_FULL_DROP,
  KIND_IDLE_DONE,
  KIND_KEEPS_UP,
  KIND_SATURATED,
  KIND_TOPIC_APPEND,
  KIND_TOPIC_KEEPS_UP,
  KIND_TOPIC_SATURATED,
  newPlan,
  planStage,
  appendAll,
  arrivedBefore,
  recordLatencies,
  type StagePlan,
} from "./flow";
import { firstTick, followingTickSec, retimedTicks } from "../../engine/tickClock";
import type { Scenario } from "../../scenario/params";
import { stageName } from "../../scenario/pipeline";
import { maxInMemory, OUT_BLOCKED, SIGNAL_PAUSE, SIGNAL_RESUME, Stage, type StageSummary } from "./stage";
import { pipelineTheory } from "./theory";
import { KafkaHop, ReactiveHop, hopReplenishAmount } from "./hops";
import { TcpHop } from "./tcpHop";
import { STAGE_DOWN, StageSeries } from "./series";

/** The first random stream a stage after the first draws its service times from (rng.ts's streams 0 and 1 are taken). */
export const STAGE_STREAM_BASE = 16;

/** Fewest source ticks a feed-forward stretch is worth taking for. */
const MIN_FLOW_TICKS = 16;
/** Plans of a stretch, one per stage (module-level: no allocation per stretch). */
const PLANS: StagePlan[] = [newPlan(), newPlan(), newPlan(), newPlan(), newPlan()];
/**
 * The events flowing into and out of the stage a stretch is at (emit times as runs). Swapped, not
 * copied, as a stretch moves to the next stage (see applyFrom).
 */
let FLOW_IN = new RunQueue();
let FLOW_OUT = new RunQueue();
/** The events before a lockstep chain's bottleneck, oldest first. */
const CONVEYOR = new RunQueue();
/** The output of the last stage planFrom planned: `count` instants `first + j x step`. */
const PLANNED_OUT = { first: 0, step: 1, count: 0 };

const TAKEN = 0;
const BLOCKED = 1;
/** Scratch for KafkaHop.poll's skipped count. */
const POLL_LOST = [0];

/** The pipeline's model. See the file comment and SEMANTICS.md. */
export class PipelineModel implements Model {
  /** Simulated time, s. */
  now = 0;
  private sc: Scenario;
  private arrivalRng: RngState;
  private stages: Stage[];

  // The source: constant ticks at arrOrigin + arrIndex / producer.
  private arrOrigin = 0;
  private arrIndex = 0;
  private nextTickSec = 0;
  private pstate = PRODUCER_RUNNING;
  private upstream = new RunQueue();
  private sourceDropped = 0;
  private sourceLost = 0;
  private sourceBlocking = false;
  private sourceBlockedThisInterval = false;
  /** Events to handle singly before the next try of a feed-forward stretch, and the current wait. */
  private flowSkip = 0;
  /** Each stage's columns, one row per sample (series.ts). */
  private series: StageSeries;
  private flowWait = 0;
  /** When the last sample was taken, s (the broker's backlog is summed over each interval). */
  private lastSampleSec = 0;
  /** A stage has a Reactive or TCP hop in front of it: the chain runs event by event. */
  private readonly perEventOnly: boolean;
  /** A stage has a Kafka topic in front of it: only feed-forward stretches (no lockstep). */
  private readonly hasKafka: boolean;

  /**
   * Starts the chain at `startSec`, empty. `shared` is the source's scenario (producer rate,
   * arrivals, what it does when stopped, event size, seed); `stageScenarios` are the stages', in
   * order from the source (stageScenario in src-sim/scenario/pipeline.ts).
   */
  constructor(
    private ctx: RunContext,
    shared: Scenario,
    stageScenarios: readonly Scenario[],
    startSec = 0,
    private readonly bulk = true,
  ) {
    this.sc = { ...shared };
    this.arrivalRng = ctx.streams.arrivals;
    this.now = startSec;
    this.lastSampleSec = startSec;
    this.stages = stageScenarios.map(
      (s, i) =>
        new Stage(
          { ...s, eventBytes: shared.eventBytes },
          i === 0 ? ctx.streams.service : seedStream(shared.seed, STAGE_STREAM_BASE + i),
          maxInMemory({ ...s, eventBytes: shared.eventBytes }),
        ),
    );
    for (const st of this.stages) {
      if (st.sc.strategy === "kafka") st.kafka = new KafkaHop(st.sc, startSec);
      if (st.sc.strategy === "reactive")
        st.reactive = new ReactiveHop(st.sc.prefetch, hopReplenishAmount(st.sc.prefetch, st.sc.lowTide));
      if (st.sc.strategy === "tcp") st.tcp = new TcpHop(st.sc);
    }
    this.perEventOnly = this.stages.some((st) => st.reactive !== null || st.tcp !== null);
    this.hasKafka = this.stages.some((st) => st.kafka !== null);
    this.series = new StageSeries(this.stages.length);
    const t = firstTick(shared, startSec, this.arrivalRng);
    this.arrOrigin = t.originSec;
    this.arrIndex = t.index;
    this.nextTickSec = t.nextSec;
  }

  /** Number of stages. */
  get stageCount(): number {
    return this.stages.length;
  }

  /** A deep copy bound to `ctx` (the engine's copy of the run's context). */
  clone(ctx: RunContext): PipelineModel {
    const copy = Object.assign(
      new PipelineModel(
        scratchContext(),
        this.sc,
        this.stages.map((st) => st.sc),
        this.now,
        this.bulk,
      ),
      this,
    );
    copy.ctx = ctx;
    copy.arrivalRng = ctx.streams.arrivals;
    copy.sc = { ...this.sc };
    copy.upstream = this.upstream.clone();
    copy.series = this.series.clone();
    copy.stages = this.stages.map((st) => st.clone());
    copy.stages[0].serviceRng = ctx.streams.service;
    return copy;
  }

  /** The stages' scenarios, from Stage 1 on. */
  stageScenarios(): Scenario[] {
    return this.stages.map((st) => ({ ...st.sc }));
  }

  /** Events held anywhere in the chain: in the source's buffer and in every stage. */
  held(): number {
    let n = this.upstream.size;
    for (let k = 0; k < this.stages.length; k++) {
      const st = this.stages[k];
      n += st.held();
    }
    return n;
  }

  /**
   * Parameters change from now on: the source's rate and arrival process (a workload shape's
   * steps). A pipeline carries no timeline of changes, so nothing else changes during a run.
   */
  setScenario(prev: Scenario, next: Scenario): void {
    const ticks = retimedTicks(
      prev,
      next,
      { originSec: this.arrOrigin, index: this.arrIndex, nextSec: this.nextTickSec },
      this.now,
      this.arrivalRng,
    );
    this.sc = { ...this.sc, producer: next.producer, arrivals: next.arrivals };
    if (ticks) {
      this.arrOrigin = ticks.originSec;
      this.arrIndex = ticks.index;
      this.nextTickSec = ticks.nextSec;
    }
  }

  // ---------------------------------------------------------------- the event loop

  /**
   * Handles every event strictly before `endSec`, then sets the clock to it (Model.advanceTo).
   * Events at one instant: control events (signals arriving, restarts; Stage 1's first), then
   * completions from the sink's end back (a place freed downstream is free for the put that
   * follows), then the source's tick. Every stop is at the top of the loop, and each step depends
   * only on the state and `endSec`, so a run cut by a budget is the run not cut.
   */
  advanceTo(endSec: number, budget?: StepBudget): boolean {
    const stages = this.stages;
    const n = stages.length;
    for (;;) {
      if (budget !== undefined && budget.left <= 0) return false;
      let tc = Infinity;
      let tcStage = -1;
      let td = Infinity;
      let tdStage = -1;
      for (let k = 0; k < n; k++) {
        const st = stages[k];
        if (st.signalTimes.length > 0 && st.signalTimes[0] < tc) {
          tc = st.signalTimes[0];
          tcStage = k;
        }
        if (st.restartAtSec < tc) {
          tc = st.restartAtSec;
          tcStage = k;
        }
        const hop = st.kafka;
        if (hop !== null) {
          const t = hop.joinAtSec < hop.nextCheckSec ? hop.joinAtSec : hop.nextCheckSec;
          if (t < tc) {
            tc = t;
            tcStage = k;
          }
        }
        if (st.tcp !== null) {
          const t = st.tcp.nextEventSec();
          if (t < tc) {
            tc = t;
            tcStage = k;
          }
        }
      }
      for (let k = n - 1; k >= 0; k--) {
        if (stages[k].nextDoneSec < td) {
          td = stages[k].nextDoneSec;
          tdStage = k;
        }
      }
      const ta = this.nextTickSec;
      const first = tc < td ? (tc < ta ? tc : ta) : td < ta ? td : ta;
      if (!(first < endSec)) break;
      if (budget !== undefined) budget.left--;
      if (this.tryBulk(tc < endSec ? tc : endSec)) {
        this.ctx.stepped(true);
        continue;
      }
      this.moveClock(first);
      this.ctx.perEventSteps++;
      if (tc <= td && tc <= ta) this.handleControl(tcStage);
      else if (td <= ta) this.handleCompletion(tdStage);
      else this.handleTick();
      this.ctx.stepped(false);
    }
    if (endSec > this.now) this.moveClock(endSec);
    return true;
  }

  /** Moves the clock over a stretch with no events, integrating the time-weighted figures. */
  private moveClock(toSec: number): void {
    const dt = toSec - this.now;
    if (dt > 0) {
      let inSystem = 0;
      for (let k = 0; k < this.stages.length; k++) {
        const st = this.stages[k];
        const h = st.held();
        inSystem += h;
        st.inStageIntegral += h * dt;
        if (st.holding) st.stalledSeconds += dt;
      }
      this.ctx.inSystemIntegral += inSystem * dt;
      if (this.pstate !== PRODUCER_RUNNING) this.ctx.pausedSeconds += dt;
    }
    this.now = toSec;
  }

  /**
   * A closed-form stretch of the whole chain, or false when none applies from this state
   * (see bulk.ts's absence: the per-event loop handles everything; SEMANTICS.md says which
   * shortcuts exist).
   */
  private tryBulk(limitSec: number): boolean {
    // Reactive and TCP hops have no closed-form stretch yet: such a chain runs event by event. A Kafka
    // topic takes part in feed-forward stretches only.
    if (!this.bulk || this.perEventOnly) return false;
    if (!this.hasKafka) {
      if (this.bulkWhileFirstDown(limitSec)) return true;
      if (this.lockstepStretch(limitSec)) return true;
      if (this.fedLockstepStretch(limitSec)) return true;
    }
    // After a refused stretch the loop handles some events singly before trying again (the wait
    // doubles while stretches keep being refused): a state no stretch fits costs little.
    if (this.flowSkip > 0) {
      this.flowSkip--;
      return false;
    }
    if (!this.flowAllowed()) return this.refuseFlow();
    // The longest span first; a span in which a level would reach a bound is halved.
    let end = limitSec;
    for (let k = 0; k < this.stages.length; k++) {
      const st = this.stages[k];
      if (st.restartAtSec < end) end = st.restartAtSec;
    }
    for (let tries = 0; tries < 12; tries++) {
      if (countConstant(this.arrOrigin, this.arrIndex, this.sc.producer, end) < MIN_FLOW_TICKS) break;
      if (this.flowStretch(end)) {
        this.flowWait = 0;
        return true;
      }
      end = this.now + (end - this.now) / 2;
    }
    return this.refuseFlow();
  }

  /** A stretch was refused: wait before the next try (16, 32, ... up to 4,096 events). */
  private refuseFlow(): false {
    this.flowWait = this.flowWait === 0 ? 16 : Math.min(4096, this.flowWait * 2);
    this.flowSkip = this.flowWait;
    return false;
  }

  /**
   * Whether the chain is in a state a feed-forward stretch can start from: constant processes, the
   * source running with nothing buffered, no stage holding, paused, signalled or signalling.
   */
  private flowAllowed(): boolean {
    if (this.sc.arrivals !== "constant" || this.pstate !== PRODUCER_RUNNING || this.upstream.size > 0) return false;
    if (!Number.isFinite(this.nextTickSec)) return false;
    for (let k = 0; k < this.stages.length; k++) {
      const st = this.stages[k];
      if (st.sc.service !== "constant" || st.holding || st.paused || st.signalledPause) return false;
      if (st.signalTimes.length > 0) return false;
    }
    return true;
  }

  /**
   * A feed-forward stretch of the whole chain over [now, endSec), constant processes: the source's
   * ticks go through the stages in order, each stage turning its input (evenly spaced arrivals)
   * into its output in closed form, as one of: down (everything is lost at it), saturated (busy
   * with a backlog that neither empties nor reaches a bound: completions at its own rate),
   * keeping up (idle at each arrival: each leaves one service time after it came), or idle with no
   * input. Nothing crosses a threshold, so no hop blocks, drops, signals or crashes inside it.
   * Returns false, changing nothing, when some stage fits none of these over the span.
   */
  private flowStretch(endSec: number): boolean {
    const lambda = this.sc.producer;
    const ticks = countConstant(this.arrOrigin, this.arrIndex, lambda, endSec);
    // Plan first (no change), then apply: a refused span leaves the state as it was.
    if (!this.planFrom(0, this.nextTickSec, 1 / lambda, ticks, endSec)) return false;
    // Apply: the source's ticks, then each stage in order, its output the next one's input.
    this.ctx.bulkSteps++;
    this.ctx.produced += ticks;
    FLOW_IN.clear();
    FLOW_IN.push(this.nextTickSec, 1 / lambda, ticks);
    this.arrIndex += ticks;
    this.nextTickSec = this.arrOrigin + this.arrIndex / lambda;
    this.ctx.inSystemIntegral += this.applyFrom(0, endSec);
    this.notePeaks();
    this.now = endSec;
    return true;
  }

  /**
   * Plans stages `from` .. N - 1 over [now, endSec) for `c` arrivals at `f + j x h` into stage
   * `from`, each stage's output the next one's input; false when one fits no closed form.
   */
  private planFrom(from: number, f: number, h: number, c: number, endSec: number, to = this.stages.length): boolean {
    PLANNED_OUT.first = f;
    PLANNED_OUT.step = h;
    PLANNED_OUT.count = c;
    for (let k = from; k < to; k++) {
      const plan = PLANS[k];
      if (!planStage(this.stages[k], plan, f, h, c, endSec)) return false;
      f = plan.outFirst;
      h = plan.outStep;
      c = plan.outCount;
      PLANNED_OUT.first = f;
      PLANNED_OUT.step = h;
      PLANNED_OUT.count = c;
    }
    return true;
  }

  /**
   * Applies the plans of stages `from` .. N - 1 (planFrom) over [now, endSec), FLOW_IN holding the
   * emit times of stage `from`'s arrivals; the sink's output is consumed. Returns the stages'
   * events x seconds over the span (for the run's time integral).
   */
  private applyFrom(from: number, endSec: number, to = this.stages.length): number {
    const n = this.stages.length;
    const dt = endSec - this.now;
    let inSystem = 0;
    for (let k = from; k < to; k++) {
      const st = this.stages[k];
      const plan = PLANS[k];
      const w0 = st.waiting.size;
      const held0 = st.held();
      FLOW_OUT.clear();
      if (plan.kind === KIND_DOWN) {
        st.lost += plan.inCount;
        this.ctx.lost += plan.inCount;
        FLOW_IN.clear();
      } else if (
        plan.kind === KIND_TOPIC_APPEND ||
        plan.kind === KIND_TOPIC_SATURATED ||
        plan.kind === KIND_TOPIC_KEEPS_UP
      ) {
        this.applyTopic(st, plan);
      } else if (plan.kind === KIND_SATURATED) {
        // Arrivals join the tail; the event in service finishes first, then the head's, in order.
        appendAll(FLOW_IN, st.waiting);
        if (plan.outCount > 0) {
          FLOW_OUT.push(st.serviceEmitSec, 0, 1);
          moveFront(st.waiting, FLOW_OUT, plan.outCount - 1);
          st.serviceEmitSec = st.waiting.shiftOne();
          st.busyIndex += plan.outCount;
          st.nextDoneSec = st.busyOrigin + st.busyIndex / st.sc.consumer;
        }
      } else if (plan.kind === KIND_FULL_DROP) {
        // One arrival per freed place (emit times spread evenly between the first and the last
        // taken, as the single stage's full-queue stretch does); the rest are dropped.
        const m = plan.outCount;
        const e1 = FLOW_IN.timeAt(plan.acceptFirst);
        const em = FLOW_IN.timeAt(plan.acceptLast);
        const dropped = plan.inCount - m;
        FLOW_IN.clear();
        st.waiting.push(e1, m > 1 ? (em - e1) / (m - 1) : 0, m);
        FLOW_OUT.push(st.serviceEmitSec, 0, 1);
        moveFront(st.waiting, FLOW_OUT, m - 1);
        st.serviceEmitSec = st.waiting.shiftOne();
        st.busyIndex += m;
        st.nextDoneSec = st.busyOrigin + st.busyIndex / st.sc.consumer;
        st.dropped += dropped;
        this.ctx.drop(dropped, this.now);
      } else if (plan.kind === KIND_KEEPS_UP) {
        passKeptUp(st, plan, true);
      } else if (plan.kind === KIND_IDLE_DONE) {
        FLOW_OUT.push(st.serviceEmitSec, 0, 1);
        st.busy = false;
        st.nextDoneSec = Infinity;
      }
      if (st.kafka === null) st.arrived += plan.inCount;
      st.passed += plan.outCount;
      const w1 = st.waiting.size;
      const held1 = st.held();
      const peak = w0 > w1 ? w0 : w1;
      if (peak > st.maxQueued) st.maxQueued = peak;
      const mem = st.sc.baseline + (held0 > held1 ? held0 : held1) * st.sc.eventBytes;
      if (st.up && mem > st.peakMemoryBytes) st.peakMemoryBytes = mem;
      const inStage =
        plan.kind === KIND_TOPIC_SATURATED && plan.polls > 0
          ? ((st.sc.maxPollRecords - 1) / 2 + 1) * dt
          : plan.kind === KIND_SATURATED || plan.kind === KIND_FULL_DROP || plan.kind === KIND_TOPIC_SATURATED
            ? ((w0 + w1) / 2 + 1) * dt
            : plan.kind === KIND_TOPIC_APPEND
              ? 0
              : plan.outCount / st.sc.consumer;
      st.inStageIntegral += inStage;
      inSystem += inStage;
      if (k === n - 1 && plan.outCount > 0) {
        this.ctx.consumed += plan.outCount;
        recordLatencies(this.ctx, FLOW_OUT, plan.outFirst, plan.outStep);
        FLOW_OUT.clear();
      }
      // The output is the next stage's input: the two queues trade places (a copy run by run
      // made the same runs, since a queue merges an event into its last run only as it is pushed).
      const spent = FLOW_IN;
      FLOW_IN = FLOW_OUT;
      FLOW_OUT = spent;
      FLOW_OUT.clear();
    }
    return inSystem;
  }

  /**
   * Applies a stage behind a Kafka topic over a stretch (flow.ts, planTopic): FLOW_IN's events are
   * appended to the topic; the polls move them to the stage as the per-event loop would; the
   * stage's completions go to FLOW_OUT.
   */
  private applyTopic(st: Stage, plan: StagePlan): void {
    const hop = st.kafka!;
    hop.appendRun(plan.inFirst, plan.inStep, plan.inCount, FLOW_IN);
    if (plan.kind === KIND_TOPIC_APPEND) return;
    const s = st.sc;
    if (plan.kind === KIND_TOPIC_KEEPS_UP) {
      hop.pollEach(plan.inFirst, plan.inStep, plan.inCount, FLOW_IN);
      st.arrived += plan.inCount;
      if (plan.inCount > 0 && st.maxQueued < 1) st.maxQueued = 1;
      passKeptUp(st, plan, plan.finishesFirst || plan.inCount > 0);
      return;
    }
    // A backlog: each poll at the completion that empties the queue takes a full batch.
    const M = s.maxPollRecords;
    const w0 = st.waiting.size;
    for (let i = 1; i <= plan.polls; i++) {
      const at = st.busyOrigin + (st.busyIndex + w0 + (i - 1) * M) / s.consumer;
      st.arrived += hop.poll(at, st.waiting, POLL_LOST);
    }
    if (plan.polls > 0) {
      if (M > st.maxQueued) st.maxQueued = M;
      const mem = s.baseline + M * s.eventBytes;
      if (mem > st.peakMemoryBytes) st.peakMemoryBytes = mem;
    }
    if (plan.outCount > 0) {
      FLOW_OUT.push(st.serviceEmitSec, 0, 1);
      moveFront(st.waiting, FLOW_OUT, plan.outCount - 1);
      st.serviceEmitSec = st.waiting.shiftOne();
      st.busyIndex += plan.outCount;
      st.nextDoneSec = st.busyOrigin + st.busyIndex / s.consumer;
    }
  }

  /**
   * A stall that has not reached the source (constant processes): Stages a .. b - 1 each hold a
   * finished event in front of a full `block` queue, Stage b (the bottleneck) is busy in front of
   * its own full queue, and Stage a's queue is fed by the source through Stages 1 .. a - 1 as a
   * feed-forward stretch, its level staying inside (0, capacity). Each of Stage b's completions
   * moves the held stages' events one place and takes the head of Stage a's queue, as in
   * {@link lockstepStretch}; the stages after b take Stage b's output as a feed-forward stretch.
   */
  private fedLockstepStretch(limitSec: number): boolean {
    const s = this.sc;
    if (this.pstate !== PRODUCER_RUNNING || s.arrivals !== "constant" || this.upstream.size > 0) return false;
    if (!Number.isFinite(this.nextTickSec)) return false;
    const stages = this.stages;
    let a = 0;
    while (a < stages.length && !stages[a].holding) a++;
    let b = a;
    while (b < stages.length && stages[b].holding) b++;
    if (a >= stages.length || b >= stages.length) return false;
    const bn = stages[b];
    const mu = bn.sc.consumer;
    if (!bn.busy || !bn.up || bn.sc.service !== "constant") return false;
    let quickest = Infinity;
    for (let k = 0; k < stages.length; k++) {
      const st = stages[k];
      if (st.signalTimes.length > 0 || st.signalledPause || st.paused || st.restartAtSec !== Infinity) return false;
      if (k < a || k > b) {
        if (st.holding) return false;
        continue;
      }
      if (!st.up) return false;
      // Hops a + 1 .. b are full block queues; Stage a's own queue is the feeder.
      if (k > a && (st.sc.strategy !== "block" || st.waiting.size !== st.sc.capacity)) return false;
      if (k < b) {
        if (st.sc.service !== "constant" || !(1 / st.sc.consumer < (1 / mu) * (1 - 1e-6))) return false;
        if (1 / st.sc.consumer < quickest) quickest = 1 / st.sc.consumer;
      }
    }
    const m = countConstant(bn.busyOrigin, bn.busyIndex, mu, limitSec);
    if (m < MIN_FLOW_TICKS) return false;
    const d1 = bn.nextDoneSec;
    const dm = bn.busyOrigin + (bn.busyIndex + m - 1) / mu;
    const endSec = Math.min(limitSec, dm + quickest / 2);
    if (!(endSec > dm)) return false;
    // The feed into Stage a's queue over the span.
    const lambda = s.producer;
    const ticks = countConstant(this.arrOrigin, this.arrIndex, lambda, endSec);
    if (!this.planFrom(0, this.nextTickSec, 1 / lambda, ticks, endSec, a)) return false;
    const fIn = PLANNED_OUT.first;
    const hIn = PLANNED_OUT.step;
    const cIn = PLANNED_OUT.count;
    // Stage a's queue loses its head at each completion and gains the feed: never empty at a
    // completion, never full (its extremes are at the ends, +-1; two events of margin).
    const feeder = stages[a];
    const w0 = feeder.waiting.size;
    if (w0 + arrivedBefore(d1, fIn, hIn, cIn) < 2 || w0 + arrivedBefore(dm, fIn, hIn, cIn) - (m - 1) < 2) return false;
    const wEnd = w0 + cIn - m;
    const wMax = (w0 > wEnd ? w0 : wEnd) + 2;
    const fs = feeder.sc;
    if (fs.strategy !== "unbounded" && wMax >= fs.capacity) return false;
    if (fs.strategy === "watermark" && wMax >= fs.high) return false;
    if (wMax + 1 > feeder.maxInStage) return false;
    if (!this.planFrom(b + 1, d1, 1 / mu, m, endSec)) return false;

    this.ctx.bulkSteps++;
    const dt = endSec - this.now;
    // The source and Stages 1 .. a - 1: a feed-forward stretch whose output joins Stage a's queue.
    this.ctx.produced += ticks;
    FLOW_IN.clear();
    FLOW_IN.push(this.nextTickSec, 1 / lambda, ticks);
    this.arrIndex += ticks;
    this.nextTickSec = this.arrOrigin + this.arrIndex / lambda;
    let inSystem = this.applyFrom(0, endSec, a);
    feeder.arrived += cIn;
    appendAll(FLOW_IN, feeder.waiting);
    // The conveyor, oldest first: Stage b's queue, Stage b-1's held event, its queue, ..., Stage
    // a's held event; then the m events Stage a takes from its queue, one at each completion.
    CONVEYOR.clear();
    for (let k = b; k > a; k--) {
      moveFront(stages[k].waiting, CONVEYOR, stages[k].waiting.size);
      CONVEYOR.push(stages[k - 1].serviceEmitSec, 0, 1);
    }
    moveFront(feeder.waiting, CONVEYOR, m);
    FLOW_IN.clear();
    FLOW_IN.push(bn.serviceEmitSec, 0, 1);
    moveFront(CONVEYOR, FLOW_IN, m - 1);
    bn.serviceEmitSec = CONVEYOR.shiftOne();
    bn.busyIndex += m;
    bn.nextDoneSec = bn.busyOrigin + bn.busyIndex / mu;
    bn.arrived += m;
    bn.passed += m;
    bn.inStageIntegral += (bn.sc.capacity + 1) * dt;
    inSystem += (bn.sc.capacity + 1) * dt;
    moveFront(CONVEYOR, bn.waiting, bn.sc.capacity);
    for (let k = b - 1; k >= a; k--) {
      const st = stages[k];
      st.serviceEmitSec = CONVEYOR.shiftOne();
      if (k > a) moveFront(CONVEYOR, st.waiting, st.sc.capacity);
      st.holding = false;
      st.busyOrigin = dm;
      st.busyIndex = 1;
      st.nextDoneSec = dm + 1 / st.sc.consumer;
      if (k > a) st.arrived += m;
      st.passed += m;
      st.blockedThisInterval = true;
      st.stalledSeconds += d1 - this.now + (m - 1) * (1 / mu - 1 / st.sc.consumer);
      const inStage = (k === a ? (w0 + feeder.waiting.size) / 2 + 1 : st.sc.capacity + 1) * dt;
      st.inStageIntegral += inStage;
      inSystem += inStage;
    }
    const w1 = feeder.waiting.size;
    if (w1 > feeder.maxQueued) feeder.maxQueued = w1;
    const mem = fs.baseline + (w1 + 1) * fs.eventBytes;
    if (mem > feeder.peakMemoryBytes) feeder.peakMemoryBytes = mem;
    // Stage b's output goes through the stages after it.
    inSystem += this.applyFrom(b + 1, endSec);
    if (b === stages.length - 1) {
      this.ctx.consumed += m;
      recordLatencies(this.ctx, FLOW_IN, d1, 1 / mu);
    }
    this.ctx.inSystemIntegral += inSystem;
    this.notePeaks();
    this.now = endSec;
    return true;
  }

  /**
   * A blocking chain moving in lockstep with its bottleneck (constant processes): a cold source
   * blocked on Stage 1, Stages 1 .. b - 1 each holding a finished event in front of a full
   * `block` queue, and Stage b (the bottleneck) busy in front of its full queue. Each of Stage b's
   * completions frees a place, and at that instant every stage before it puts its held event and
   * takes the next, and the source emits one event (SEMANTICS.md, Release); each stage before
   * finishes again before Stage b does (it is faster) and holds again. So the events before the
   * bottleneck move as one conveyor, one place per completion, and m completions are counted at
   * once. The stages after b take Stage b's output as a feed-forward stretch. The span ends just
   * after the last completion's releases, before any stage before b finishes again.
   */
  private lockstepStretch(limitSec: number): boolean {
    const s = this.sc;
    if (this.pstate !== PRODUCER_BLOCKED || s.onPause !== "slow" || s.arrivals !== "constant") return false;
    if (this.upstream.size > 0 || Number.isFinite(this.nextTickSec)) return false;
    const stages = this.stages;
    let b = 0;
    while (b < stages.length && stages[b].holding) b++;
    if (b >= stages.length) return false;
    const bn = stages[b];
    const mu = bn.sc.consumer;
    if (!bn.busy || !bn.up || bn.sc.service !== "constant") return false;
    // Every step of the cascade must finish inside one of the bottleneck's service times.
    let quickest = 1 / s.producer;
    for (let k = 0; k <= b; k++) {
      const st = stages[k];
      if (st.sc.strategy !== "block" || st.waiting.size !== st.sc.capacity || !st.up) return false;
      if (st.signalTimes.length > 0 || st.signalledPause || st.paused || st.restartAtSec !== Infinity) return false;
      if (k < b) {
        if (st.sc.service !== "constant" || !(1 / st.sc.consumer < (1 / mu) * (1 - 1e-6))) return false;
        if (1 / st.sc.consumer < quickest) quickest = 1 / st.sc.consumer;
      }
    }
    if (!(1 / s.producer < (1 / mu) * (1 - 1e-6))) return false;
    for (let k = b + 1; k < stages.length; k++) {
      const st = stages[k];
      if (st.holding || st.paused || st.signalledPause || st.signalTimes.length > 0) return false;
    }
    const m = countConstant(bn.busyOrigin, bn.busyIndex, mu, limitSec);
    if (m < MIN_FLOW_TICKS) return false;
    const d1 = bn.nextDoneSec;
    const dm = bn.busyOrigin + (bn.busyIndex + m - 1) / mu;
    const endSec = Math.min(limitSec, dm + quickest / 2);
    if (!(endSec > dm)) return false;
    if (!this.planFrom(b + 1, d1, 1 / mu, m, endSec)) return false;

    // The conveyor, oldest first: Stage b's queue, Stage b-1's held event, its queue, ... Stage
    // 1's queue; then the source's m new events, one at each completion.
    this.ctx.bulkSteps++;
    const dt = endSec - this.now;
    CONVEYOR.clear();
    for (let k = b; k >= 0; k--) {
      moveFront(stages[k].waiting, CONVEYOR, stages[k].waiting.size);
      if (k > 0) CONVEYOR.push(stages[k - 1].serviceEmitSec, 0, 1);
    }
    CONVEYOR.push(d1, 1 / mu, m);
    FLOW_IN.clear();
    FLOW_IN.push(bn.serviceEmitSec, 0, 1);
    moveFront(CONVEYOR, FLOW_IN, m - 1);
    bn.serviceEmitSec = CONVEYOR.shiftOne();
    bn.busyIndex += m;
    bn.nextDoneSec = bn.busyOrigin + bn.busyIndex / mu;
    bn.arrived += m;
    bn.passed += m;
    let inSystem = (bn.sc.capacity + 1) * dt;
    bn.inStageIntegral += (bn.sc.capacity + 1) * dt;
    moveFront(CONVEYOR, bn.waiting, bn.sc.capacity);
    for (let k = b - 1; k >= 0; k--) {
      const st = stages[k];
      // Released at the last completion: in service since then, a new busy period.
      st.serviceEmitSec = CONVEYOR.shiftOne();
      moveFront(CONVEYOR, st.waiting, st.sc.capacity);
      st.holding = false;
      st.busyOrigin = dm;
      st.busyIndex = 1;
      st.nextDoneSec = dm + 1 / st.sc.consumer;
      st.arrived += m;
      st.passed += m;
      st.blockedThisInterval = true;
      st.stalledSeconds += d1 - this.now + (m - 1) * (1 / mu - 1 / st.sc.consumer);
      st.inStageIntegral += (st.sc.capacity + 1) * dt;
      inSystem += (st.sc.capacity + 1) * dt;
    }
    // The source: released at each completion, it emits at once and blocks on its next tick.
    this.ctx.produced += m;
    this.ctx.pausedSeconds += dt - ((m - 1) / s.producer + (endSec - dm));
    this.sourceBlockedThisInterval = true;
    this.pstate = PRODUCER_RUNNING;
    this.arrOrigin = dm;
    this.arrIndex = 1;
    this.nextTickSec = dm + 1 / s.producer;
    // Stage b's output goes through the stages after it.
    inSystem += this.applyFrom(b + 1, endSec);
    if (b === stages.length - 1) {
      this.ctx.consumed += m;
      recordLatencies(this.ctx, FLOW_IN, d1, 1 / mu);
    }
    this.ctx.inSystemIntegral += inSystem;
    this.now = endSec;
    return true;
  }

  /**
   * While Stage 1 is down and the source runs with nothing buffered, every tick is lost at Stage
   * 1: count a stretch of constant ticks at once (the stages after it are idle or drain on their
   * own, so the stretch stops at their next event).
   */
  private bulkWhileFirstDown(limitSec: number): boolean {
    const first = this.stages[0];
    if (first.up || this.pstate !== PRODUCER_RUNNING || this.upstream.size > 0) return false;
    if (this.sc.arrivals !== "constant" || !Number.isFinite(this.nextTickSec)) return false;
    let end = limitSec;
    for (let k = 0; k < this.stages.length; k++) {
      const st = this.stages[k];
      if (st.nextDoneSec < end) end = st.nextDoneSec;
    }
    const ticks = countConstant(this.arrOrigin, this.arrIndex, this.sc.producer, end);
    if (ticks < 16) return false;
    this.ctx.bulkSteps++;
    this.moveClock(end);
    this.arrIndex += ticks;
    this.nextTickSec = this.arrOrigin + this.arrIndex / this.sc.producer;
    this.ctx.produced += ticks;
    this.ctx.lost += ticks;
    first.arrived += ticks;
    first.lost += ticks;
    return true;
  }

  // ---------------------------------------------------------------- per-event handlers

  private handleControl(k: number): void {
    const st = this.stages[k];
    const hop = st.kafka;
    const hopSec = hop === null ? Infinity : hop.joinAtSec < hop.nextCheckSec ? hop.joinAtSec : hop.nextCheckSec;
    const signalSec = st.signalTimes.length > 0 ? st.signalTimes[0] : Infinity;
    if (st.tcp !== null) {
      const t = st.tcp.nextEventSec();
      if (t < signalSec && t < st.restartAtSec && t <= this.now) {
        this.handleTcp(k);
        return;
      }
    }
    if (hop !== null && hopSec < signalSec && hopSec < st.restartAtSec) {
      if (hop.joinAtSec <= hop.nextCheckSec) this.rejoin(k);
      else this.retentionCheck(k);
      return;
    }
    if (st.signalTimes.length > 0 && st.signalTimes[0] <= st.restartAtSec) {
      st.signalTimes.shift();
      const kind = st.signalKinds.shift();
      if (k === 0) {
        if (kind === SIGNAL_PAUSE) {
          if (this.pstate === PRODUCER_RUNNING) {
            this.pstate = PRODUCER_PAUSED;
            if (this.sc.onPause === "slow") this.nextTickSec = Infinity;
          }
        } else if (this.pstate === PRODUCER_PAUSED) {
          this.releaseSource();
        }
        return;
      }
      const u = this.stages[k - 1];
      if (kind === SIGNAL_PAUSE) {
        u.paused = true;
      } else if (u.paused) {
        u.paused = false;
        if (u.holding) this.handOnHeld(k - 1);
      }
      return;
    }
    st.restartAtSec = Infinity;
    st.up = true;
    this.ctx.log.add(this.now, "restart", k + 1);
    if (st.kafka !== null) {
      // The consumer rejoins its group: no consumption for the rebalance, then from the committed offset.
      st.kafka.joinAtSec = this.now + st.sc.rebalance;
      this.ctx.log.add(this.now, "rebalance", st.kafka.hasCommitted ? st.kafka.committed : -1);
    }
    if (st.reactive !== null) {
      // A new subscription: request(prefetch), which releases the stage before.
      st.reactive.subscribe();
      this.releaseBefore(k);
    }
  }

  /**
   * The next step of the TCP connection in front of stage `k` at this instant: an acknowledgement
   * reaching the sender (it frees the send buffer and moves the window; a writer blocked on the
   * buffer is released once it has drained to 2/3), an event reaching the receive buffer (the
   * stage's queue, acknowledged at once with the free space), or the sender putting the next
   * event on the link.
   */
  private handleTcp(k: number): void {
    const st = this.stages[k];
    const hop = st.tcp!;
    if (hop.ackAt.length > 0 && hop.ackAt[0] <= this.now) {
      hop.ackArrives();
      if (hop.linkFreeSec < this.now) hop.linkFreeSec = this.now;
      if (hop.writerBlocked && hop.canWrite()) this.releaseBefore(k);
      return;
    }
    if (hop.wireAt.length > 0 && hop.wireAt[0] <= this.now) {
      hop.wireAt.shift();
      const emit = hop.wireEmit.shift()!;
      hop.rcvNxt++;
      st.arrived++;
      if (!st.busy) this.startService(st, emit);
      else st.waiting.pushOne(emit);
      this.afterJoin(k);
      if (st.up) {
        hop.openWindow(hop.rcvCapacity() - st.waiting.size);
        hop.acknowledge(this.now);
      }
      return;
    }
    hop.send(this.now);
  }

  /**
   * The stage read an event from its receive buffer: when that moves the window's right edge by
   * at least min(rcvBuf / 2, MSS) (silly-window avoidance), it sends a window update.
   */
  private windowUpdate(st: Stage): void {
    const hop = st.tcp!;
    if (hop.openWindow(hop.rcvCapacity() - st.waiting.size)) hop.acknowledge(this.now);
  }

  /** Stage `k`'s consumer has rejoined its group: it resumes at the committed offset and polls. */
  private rejoin(k: number): void {
    const st = this.stages[k];
    const hop = st.kafka!;
    const hadCommitted = hop.hasCommitted;
    const lost = hop.rejoin(this.now);
    if (!hadCommitted) this.ctx.log.add(this.now, "offset-reset", hop.position);
    this.loseAtTopic(lost);
    if (st.up && !st.busy) this.freeServer(k, false);
  }

  /** The broker's retention check on the topic in front of stage `k`. */
  private retentionCheck(k: number): void {
    this.loseAtTopic(this.stages[k].kafka!.retentionCheck(this.now));
  }

  /** Records of a topic nobody had read are gone (retention, or a reset to latest). */
  private loseAtTopic(lost: number): void {
    if (lost <= 0) return;
    this.ctx.lost += lost;
    this.ctx.log.add(this.now, "retention-loss", lost);
  }

  /**
   * Stage `k`'s batch is done and it is in its group: poll() the topic in front of it for up to
   * max.poll.records into its queue (its memory); its memory limit applies to what it holds.
   */
  private pollTopic(k: number): void {
    const st = this.stages[k];
    const n = st.kafka!.poll(this.now, st.waiting, POLL_LOST);
    if (POLL_LOST[0] > 0) {
      this.ctx.log.add(this.now, "offset-reset", st.kafka!.position - n);
      this.loseAtTopic(POLL_LOST[0]);
    }
    if (n === 0) return;
    st.arrived += n;
    const s = st.sc;
    if (st.waiting.size > st.maxQueued) st.maxQueued = st.waiting.size;
    const mem = s.baseline + st.held() * s.eventBytes;
    if (mem > st.peakMemoryBytes) st.peakMemoryBytes = mem;
    this.notePeaks();
    if (mem > s.memory) this.crash(k);
  }

  private handleCompletion(k: number): void {
    const st = this.stages[k];
    st.nextDoneSec = Infinity;
    if (k === this.stages.length - 1) {
      this.ctx.intervalHist.add(this.now - st.serviceEmitSec);
      this.ctx.consumed++;
      st.passed++;
      this.freeServer(k, true);
      return;
    }
    if (st.paused) {
      st.holding = true;
      return;
    }
    if (this.offer(st.serviceEmitSec, k + 1) === BLOCKED) {
      this.blockStage(k);
      return;
    }
    st.passed++;
    this.freeServer(k, true);
  }

  /** Stage `k`'s output found the next queue full: it holds its finished event. */
  private blockStage(k: number): void {
    const st = this.stages[k];
    st.holding = true;
    st.blockedThisInterval = true;
    if (!st.blocking) {
      st.blocking = true;
      this.ctx.log.add(this.now, "blocked", k + 1);
    }
  }

  /** Stage `j` hands its held event on (released, or resumed); it may block again. */
  private handOnHeld(j: number): void {
    const st = this.stages[j];
    // Cleared first: the put may crash the next stage, which releases this one again.
    st.holding = false;
    if (this.offer(st.serviceEmitSec, j + 1) === BLOCKED) {
      this.blockStage(j);
      return;
    }
    st.passed++;
    this.freeServer(j, false);
  }

  /**
   * Stage `k`'s server is free: it takes the head of its queue (a place frees, which releases a
   * blocked hop before it) or goes idle. `continuing` means it finished at this instant and goes
   * straight on (the same busy period); otherwise a new one starts.
   */
  private freeServer(k: number, continuing: boolean): void {
    const st = this.stages[k];
    const s = st.sc;
    if (st.kafka !== null && st.up && st.waiting.size === 0 && st.kafka.joinAtSec === Infinity) {
      // The batch is done (the server is free: its event was handed on): poll().
      st.busy = false;
      st.nextDoneSec = Infinity;
      this.pollTopic(k);
    }
    if (st.up && st.waiting.size > 0) {
      if (st.reactive !== null) st.reactive.take();
      const emit = st.waiting.shiftOne();
      if (st.tcp !== null) this.windowUpdate(st);
      st.serviceEmitSec = emit;
      st.busy = true;
      if (s.service === "constant") {
        if (continuing) {
          st.busyIndex++;
          st.nextDoneSec = st.busyOrigin + st.busyIndex / s.consumer;
        } else {
          st.busyOrigin = this.now;
          st.busyIndex = 1;
          st.nextDoneSec = this.now + 1 / s.consumer;
        }
      } else {
        st.nextDoneSec = this.now + nextExponential(st.serviceRng, s.consumer);
      }
      if (st.signalledPause && st.waiting.size <= s.low) {
        st.signalledPause = false;
        this.signal(k, SIGNAL_RESUME);
      }
    } else {
      st.busy = false;
      st.nextDoneSec = Infinity;
      if (st.signalledPause && s.low >= 0) {
        st.signalledPause = false;
        this.signal(k, SIGNAL_RESUME);
      }
    }
    this.releaseBefore(k);
  }

  /** A place may have freed in stage `k`'s queue: a hop blocked on it puts its event now. */
  private releaseBefore(k: number): void {
    if (k === 0) {
      if (this.pstate === PRODUCER_BLOCKED) this.releaseSource();
      return;
    }
    const u = this.stages[k - 1];
    if (u.holding && !u.paused) this.handOnHeld(k - 1);
  }

  private startService(st: Stage, emitSec: number): void {
    st.busy = true;
    st.serviceEmitSec = emitSec;
    if (st.sc.service === "constant") {
      st.busyOrigin = this.now;
      st.busyIndex = 1;
      st.nextDoneSec = this.now + 1 / st.sc.consumer;
    } else {
      st.nextDoneSec = this.now + nextExponential(st.serviceRng, st.sc.consumer);
    }
  }

  /**
   * Offers one event (emitted at the source at `emitSec`) to stage `k`'s queue. Returns TAKEN when
   * the event left the hop before (accepted, dropped or lost) and BLOCKED when a `block` queue was
   * full (the offering hop keeps it).
   */
  private offer(emitSec: number, k: number): number {
    const st = this.stages[k];
    if (st.kafka !== null) {
      // Appended to the topic on the broker: never refused, whatever the stage after does.
      st.kafka.append(this.now, emitSec);
      if (st.up && !st.busy && st.kafka.joinAtSec === Infinity) this.freeServer(k, false);
      return TAKEN;
    }
    const demand = st.reactive;
    if (demand !== null) {
      // Emitted only against outstanding demand (none while the stage after is down: cancelled).
      if (!st.up || demand.outstanding() <= 0) return BLOCKED;
      demand.emitted++;
      st.arrived++;
      if (!st.busy) {
        demand.take();
        this.startService(st, emitSec);
      } else {
        st.waiting.pushOne(emitSec);
      }
      this.afterJoin(k);
      return TAKEN;
    }
    if (!st.up) {
      st.arrived++;
      st.lost++;
      this.ctx.lost++;
      return TAKEN;
    }
    const conn = st.tcp;
    if (conn !== null) {
      // write() into the send buffer: a full one blocks the writer until it drains to 2/3.
      if (!conn.canWrite()) {
        conn.writerBlocked = true;
        return BLOCKED;
      }
      conn.writerBlocked = false;
      // An idle link takes the event now (a link time in the past is no earlier than now).
      if (conn.linkFreeSec < this.now) conn.linkFreeSec = this.now;
      conn.unsent.pushOne(emitSec);
      conn.written++;
      return TAKEN;
    }
    if (!st.busy) {
      st.arrived++;
      this.startService(st, emitSec);
      this.afterJoin(k);
      return TAKEN;
    }
    const s = st.sc;
    if (s.strategy !== "unbounded" && st.waiting.size >= s.capacity) {
      switch (s.strategy) {
        case "block":
          return BLOCKED;
        case "drop-oldest":
          st.arrived++;
          st.waiting.shiftOne();
          st.waiting.pushOne(emitSec);
          st.dropped++;
          this.ctx.drop(1, this.now);
          return TAKEN;
        default:
          st.arrived++;
          st.dropped++;
          if (s.strategy === "watermark" && !this.ctx.dropping) this.ctx.log.add(this.now, "queue-full", s.capacity);
          this.ctx.drop(1, this.now);
          return TAKEN;
      }
    }
    st.arrived++;
    st.waiting.pushOne(emitSec);
    this.afterJoin(k);
    return TAKEN;
  }

  /** After an event joined stage `k`: its memory limit, the watermark HIGH, the peaks. */
  private afterJoin(k: number): void {
    const st = this.stages[k];
    const s = st.sc;
    const q = st.waiting.size;
    if (q > st.maxQueued) st.maxQueued = q;
    const mem = s.baseline + st.held() * s.eventBytes;
    if (mem > st.peakMemoryBytes) st.peakMemoryBytes = mem;
    this.notePeaks();
    if (mem > s.memory) {
      this.crash(k);
      return;
    }
    if (s.strategy === "watermark" && !st.signalledPause && q >= s.high) {
      st.signalledPause = true;
      this.signal(k, SIGNAL_PAUSE);
    }
  }

  /** Raises the run's peaks to the chain's total queue and memory now. */
  private notePeaks(): void {
    let queued = 0;
    let memory = 0;
    for (let k = 0; k < this.stages.length; k++) {
      const st = this.stages[k];
      queued += st.waiting.size;
      if (st.kafka !== null) queued += st.kafka.backlog();
      if (st.tcp !== null) queued += st.tcp.inTransit();
      memory += st.memoryBytes();
    }
    this.ctx.notePeak(queued, memory);
  }

  /** Stage `k`'s queue signals the hop before it; the signal arrives `signalDelay` later. */
  private signal(k: number, kind: number): void {
    const st = this.stages[k];
    if (kind === SIGNAL_PAUSE) {
      this.ctx.pauseSignals++;
      st.pauseSignals++;
    } else {
      this.ctx.resumeSignals++;
      st.resumeSignals++;
    }
    this.ctx.log.add(this.now, kind === SIGNAL_PAUSE ? "pause" : "resume", k + 1);
    st.signalTimes.push(this.now + st.sc.signalDelay);
    st.signalKinds.push(kind);
  }

  /**
   * Stage `k` runs out of memory: everything it holds is lost, it is down until its restart, and
   * the broken connection releases the hop before it (whose puts are then lost).
   */
  private crash(k: number): void {
    const st = this.stages[k];
    const held = st.held();
    if (st.kafka !== null) {
      // What it held the broker still has (delivered again after it rejoins), unless retention deleted it.
      const [back, lost] = st.kafka.crash(held);
      st.arrived -= back;
      st.lost += lost;
      this.ctx.recordOom(this.now, lost);
      st.kafka.joinAtSec = Infinity;
    } else {
      st.lost += held;
      this.ctx.recordOom(this.now, held);
    }
    if (st.reactive !== null) st.reactive.cancel();
    if (st.tcp !== null) {
      // The connection is reset: what was in the send buffer or on the wire is lost at this stage.
      const lost = st.tcp.reset();
      st.arrived += lost;
      st.lost += lost;
      this.ctx.lost += lost;
    }
    if (st.oomAt === null) st.oomAt = this.now;
    st.oomCount++;
    st.waiting.clear();
    st.busy = false;
    st.holding = false;
    st.nextDoneSec = Infinity;
    st.up = false;
    st.restartAtSec = st.sc.restart > 0 ? this.now + st.sc.restart : Infinity;
    st.signalledPause = false;
    st.signalTimes.length = 0;
    st.signalKinds.length = 0;
    if (k === 0) {
      if (this.pstate !== PRODUCER_RUNNING) this.releaseSource();
      return;
    }
    const u = this.stages[k - 1];
    u.paused = false;
    if (u.holding) this.handOnHeld(k - 1);
  }

  private handleTick(): void {
    const s = this.sc;
    this.ctx.produced++;
    this.arrIndex++;
    this.nextTickSec = followingTickSec(s, this.arrOrigin, this.arrIndex, this.now, this.arrivalRng);
    if (this.pstate !== PRODUCER_RUNNING) {
      if (s.onPause === "buffer") {
        this.upstream.pushOne(this.now);
        this.checkSourceMemory();
      } else {
        this.sourceDropped++;
        this.ctx.drop(1, this.now);
      }
      return;
    }
    if (this.upstream.size > 0) {
      // A hot source with a backlog sends its oldest event and keeps the new one (FIFO).
      this.upstream.pushOne(this.now);
      this.sourceSend(this.upstream.headTime(), true);
    } else {
      this.sourceSend(this.now, false);
    }
  }

  /** The source offers an event to Stage 1; `fromBuffer`: the head of its own buffer. */
  private sourceSend(emitSec: number, fromBuffer: boolean): void {
    if (this.offer(emitSec, 0) === TAKEN) {
      if (fromBuffer) this.upstream.shiftOne();
      return;
    }
    const s = this.sc;
    this.pstate = PRODUCER_BLOCKED;
    this.sourceBlockedThisInterval = true;
    if (!this.sourceBlocking) {
      this.sourceBlocking = true;
      this.ctx.log.add(this.now, "blocked", 0);
    }
    if (s.onPause === "slow") {
      // The tick is withheld: the event is emitted when the source is released.
      if (!fromBuffer) this.ctx.produced--;
      this.nextTickSec = Infinity;
    } else if (s.onPause === "buffer") {
      if (!fromBuffer) {
        this.upstream.pushOne(emitSec);
        this.checkSourceMemory();
      }
    } else {
      if (fromBuffer) this.upstream.shiftOne();
      this.sourceDropped++;
      this.ctx.drop(1, this.now);
    }
  }

  /** Lets a paused or blocked source run again, at this instant. */
  private releaseSource(): void {
    const wasBlocked = this.pstate === PRODUCER_BLOCKED;
    this.pstate = PRODUCER_RUNNING;
    if (this.sc.onPause === "slow" || !Number.isFinite(this.nextTickSec)) {
      this.arrOrigin = this.now;
      this.arrIndex = 0;
      this.nextTickSec = this.now;
    } else if (wasBlocked && this.sc.onPause === "buffer" && this.upstream.size > 0 && this.stages[0].up) {
      this.sourceSend(this.upstream.headTime(), true);
    }
  }

  private checkSourceMemory(): void {
    if (this.upstream.size * this.sc.eventBytes <= this.sc.producerMemory) return;
    const held = this.upstream.size;
    this.ctx.lost += held;
    this.sourceLost += held;
    this.upstream.clear();
    this.ctx.log.add(this.now, "producer-oom", held);
  }

  // ---------------------------------------------------------------- output

  /** Writes the chain's columns: totals over the stages (queued, in service, memory) and the source's state. */
  writeSample(r: Float64Array): void {
    let queued = 0;
    let inService = 0;
    let memory = 0;
    let up = 1;
    let oldest = 0;
    for (let k = 0; k < this.stages.length; k++) {
      const st = this.stages[k];
      // A Kafka hop's backlog waits on the broker: queued, as the single-stage Kafka model counts it.
      queued +=
        st.waiting.size + (st.kafka === null ? 0 : st.kafka.backlog()) + (st.tcp === null ? 0 : st.tcp.inTransit());
      inService += st.busy ? 1 : 0;
      memory += st.memoryBytes();
      if (!st.up) up = 0;
      if (st.waiting.size > 0) {
        const age = this.now - st.waiting.headTime();
        if (age > oldest) oldest = age;
      }
    }
    r[COL.queued] = queued;
    r[COL.inService] = inService;
    r[COL.memoryBytes] = memory;
    r[COL.producerState] = this.pstate;
    r[COL.consumerUp] = up;
    r[COL.oldestAgeSec] = oldest;
    r[COL.upstreamQueued] = this.upstream.size;
    r[COL.upstreamBytes] = this.upstream.size * this.sc.eventBytes;
  }

  /**
   * Records each stage's columns for the sample just taken (series.ts), then closes blocking
   * episodes in the log when a whole interval passed without a block.
   */
  afterSample(): void {
    const intervalSec = this.now - this.lastSampleSec;
    this.lastSampleSec = this.now;
    for (let k = 0; k < this.stages.length; k++) {
      const st = this.stages[k];
      if (st.kafka !== null) st.brokerIntegral += st.kafka.backlog() * intervalSec;
      this.series.pushStage(
        k,
        st.waiting.size,
        st.memoryBytes(),
        st.up ? st.outState() : STAGE_DOWN,
        st.passed,
        st.stalledSeconds,
        st.dropped,
        st.lost,
        st.kafka === null ? 0 : st.kafka.lag(),
        st.kafka === null ? 0 : st.kafka.brokerBytes(),
        st.reactive === null ? 0 : st.reactive.outstanding(),
      );
    }
    if (this.sourceBlocking && !this.sourceBlockedThisInterval && this.pstate === PRODUCER_RUNNING) {
      this.sourceBlocking = false;
      this.ctx.log.add(this.now, "unblocked", 0);
    }
    this.sourceBlockedThisInterval = false;
    for (let k = 0; k < this.stages.length; k++) {
      const st = this.stages[k];
      if (st.blocking && !st.blockedThisInterval && !st.holding) {
        st.blocking = false;
        this.ctx.log.add(this.now, "unblocked", k + 1);
      }
      st.blockedThisInterval = false;
    }
  }

  /** The chain's state now: totals over the stages, the source's state, the nearest OOM. */
  live(): ModelLive {
    const r = new Float64Array(COL_COUNT);
    this.writeSample(r);
    let timeToOomSec = Infinity;
    for (const st of this.stageLive()) if (st.timeToOomSec < timeToOomSec) timeToOomSec = st.timeToOomSec;
    return {
      queued: r[COL.queued],
      inService: r[COL.inService],
      memoryBytes: r[COL.memoryBytes],
      upstreamQueued: this.upstream.size,
      producerState: this.pstate,
      consumerUp: r[COL.consumerUp] === 1,
      oldestAgeSec: r[COL.oldestAgeSec],
      timeToOomSec,
    };
  }

  /** Each stage's state now, from Stage 1 on (with the fluid time to its OOM at the chain's rates). */
  stageLive(): StageLiveState[] {
    const theory = pipelineTheory(
      this.sc,
      this.stages.map((st) => st.sc),
    );
    return this.stages.map((st, k) => {
      // The steady state's growth: a full blocking hop after the stage throttles it below its rate.
      const growth = theory.hops[k].growthPerSec * st.sc.eventBytes;
      // A Kafka stage holds at most one poll, a Reactive one at most its prefetch.
      const bound =
        st.kafka !== null
          ? st.sc.maxPollRecords
          : st.reactive !== null
            ? st.sc.prefetch
            : st.tcp !== null
              ? st.tcp.rcvCapacity()
              : st.sc.capacity;
      const bounded = st.sc.strategy !== "unbounded" && bound + 1 <= st.maxInStage;
      const timeToOomSec =
        st.up && growth > 0 && !bounded ? Math.max(0, (st.sc.memory - st.memoryBytes()) / growth) : Infinity;
      return {
        queued: st.waiting.size,
        inService: st.busy && !st.holding ? 1 : 0,
        holding: st.holding ? 1 : 0,
        memoryBytes: st.memoryBytes(),
        state: st.outState(),
        up: st.up,
        timeToOomSec,
      };
    });
  }

  /** Each stage's columns, one row per sample recorded so far. */
  stageSeries(): StageSeries {
    return this.series;
  }

  /** What each stage did up to now. */
  stageSummaries(): StageSummary[] {
    const now = this.now;
    return this.stages.map((st, k) => {
      const meanInStage = now > 0 ? (st.inStageIntegral + st.brokerIntegral) / now : 0;
      const throughput = now > 0 ? st.passed / now : 0;
      return {
        name: stageName(k),
        strategy: st.sc.strategy,
        rate: st.sc.consumer,
        arrived: st.arrived,
        passed: st.passed,
        dropped: st.dropped,
        lost: st.lost,
        queued: st.waiting.size,
        inService: st.busy ? 1 : 0,
        maxQueued: st.maxQueued,
        memoryBytes: st.memoryBytes(),
        peakMemoryBytes: st.peakMemoryBytes,
        oomAt: st.oomAt,
        oomCount: st.oomCount,
        stalledSeconds: st.stalledSeconds,
        meanInStage,
        meanSojournSec: throughput > 0 ? meanInStage / throughput : NaN,
        state: st.outState(),
        up: st.up,
        pauseSignals: st.pauseSignals,
        resumeSignals: st.resumeSignals,
        ...(st.kafka !== null
          ? { hop: st.kafka.summary() }
          : st.reactive !== null
            ? { hop: st.reactive.summary() }
            : st.tcp !== null
              ? { hop: st.tcp.summary() }
              : {}),
      };
    });
  }

  /** What the source did: dropped at the source, lost with its buffer, its buffer now. */
  sourceSummary(): { dropped: number; lost: number; buffered: number; state: number } {
    return { dropped: this.sourceDropped, lost: this.sourceLost, buffered: this.upstream.size, state: this.pstate };
  }

  /** The chain's theory and each stage's figures (the command line's `model`). */
  figures(): ModelFigures {
    return {
      pipeline: pipelineTheory(
        this.sc,
        this.stages.map((st) => st.sc),
      ),
      source: this.sourceSummary(),
      stages: this.stageSummaries(),
    };
  }
}

/** One stage's state for readouts and the pipeline view. */
export interface StageLiveState {
  queued: number;
  /** 1 while an event is being served (not held). */
  inService: number;
  /** 1 while the stage holds a finished event (blocked or paused). */
  holding: number;
  memoryBytes: number;
  /** 0 running, 1 paused, 2 blocked. */
  state: number;
  up: boolean;
  timeToOomSec: number;
}

const COL_COUNT = Object.keys(COL).length;

export { OUT_BLOCKED };

/**
 * A stage that kept up over a span (KIND_KEEPS_UP, or a topic reader's KIND_TOPIC_KEEPS_UP), its
 * arrivals in FLOW_IN: the event it was serving (when that finished first) and every arrival but
 * the last pass on into FLOW_OUT; the last is still in service at the span's end. With no
 * arrival left in service the server goes idle when `idleAfter`.
 */
function passKeptUp(st: Stage, plan: StagePlan, idleAfter: boolean): void {
  if (plan.finishesFirst) FLOW_OUT.push(st.serviceEmitSec, 0, 1);
  moveFront(FLOW_IN, FLOW_OUT, plan.outCount - (plan.finishesFirst ? 1 : 0));
  if (FLOW_IN.size > 0) {
    const last = plan.inFirst + (plan.inCount - 1) * plan.inStep;
    st.busy = true;
    st.serviceEmitSec = FLOW_IN.shiftOne();
    st.busyOrigin = last;
    st.busyIndex = 1;
    st.nextDoneSec = last + 1 / st.sc.consumer;
  } else if (idleAfter) {
    st.busy = false;
    st.nextDoneSec = Infinity;
  }
}
