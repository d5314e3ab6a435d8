/**
 * Issue 9, item 1: changes are safe. Random changes of random parameters at random moments, to
 * every strategy, from every kind of state the run reaches (paused, blocked, a zero window, an
 * evicted Kafka consumer, after an OOM): after each change, the producer emits whenever its state
 * says it runs; produced = consumed + queued + in service + the producer's buffer + dropped + lost
 * at every sample (each model counts what its mechanism holds in flight in `queued`); no count is
 * NaN or negative. 2,000 sequences of small runs (a few thousand events/s, 0.05 s samples).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { PRODUCER_RUNNING } from "../src-sim/engine/model";
import { createSimulation } from "../src-sim/models/index";
import { repairScenario } from "../src-sim/scenario/repairs";
import { strategyColumns } from "../src-sim/scenario/strategies";
import type { SampleBatch, SampleColumn } from "../src-sim/engine/types";
import type { Scenario } from "../src-sim/scenario/params";
import { smallScenario } from "./support/arbitraries";
import { anyStrategy, changedScenario, randomChange, type RandomChange } from "./support/changeArbitraries";

const INTERVAL_SEC = 0.05;
const SEQUENCES = 2000;

/** The core columns every model writes: counts and states that are never NaN nor negative. */
const CORE: readonly SampleColumn[] = [
  "produced",
  "consumed",
  "dropped",
  "lost",
  "queued",
  "inService",
  "upstreamQueued",
  "upstreamBytes",
  "memoryBytes",
  "producerState",
  "consumerUp",
  "oldestAgeSec",
];

/** Where the run stood when a change was made (to check the generator reaches every state). */
type StateAtChange = "paused" | "blocked" | "down" | "zero-window" | "evicted" | "other";

interface Segment {
  scenario: Scenario;
  /** First sample written under this scenario. */
  from: number;
  /** Last sample of the segment (inclusive). */
  to: number;
}

function stateOf(batch: SampleBatch, i: number, events: Set<string>): StateAtChange {
  const c = batch.columns;
  if (c.consumerUp[i] === 0) return "down";
  if (c.tcpWindowBytes[i] === 0) return "zero-window";
  if (events.has("eviction")) return "evicted";
  if (c.producerState[i] === 1) return "paused";
  if (c.producerState[i] === 2) return "blocked";
  return "other";
}

/** Runs `base` with `changes`, returning every sample and the segments of the scenario in force. */
function runWithChanges(base: Scenario, changes: RandomChange[], reached: Map<StateAtChange, number>) {
  const sim = createSimulation(base, { sampleIntervalSec: INTERVAL_SEC });
  const segments: Segment[] = [];
  let s = base;
  let index = 0;
  let from = 1;
  for (const change of changes) {
    index += Math.round(change.afterSec / INTERVAL_SEC);
    sim.advanceTo(index * INTERVAL_SEC);
    const batch = sim.readSamples(index, index + 1);
    const recent = new Set(sim.readEvents(Math.max(0, sim.eventCount - 20)).map((e) => e.kind));
    const state = stateOf(batch, 0, recent);
    reached.set(state, (reached.get(state) ?? 0) + 1);
    segments.push({ scenario: s, from, to: index });
    s = repairScenario(changedScenario(s, change)).scenario;
    sim.setScenario(s);
    from = index + 1;
  }
  // Long enough after the last change for a slow producer to emit a few times.
  index += Math.round(0.5 / INTERVAL_SEC);
  sim.advanceTo(index * INTERVAL_SEC);
  segments.push({ scenario: s, from, to: index });
  return { batch: sim.readSamples(0), segments };
}

/** Samples that break conservation, monotone counters or finiteness. */
function badSamples(batch: SampleBatch, segments: Segment[]): string[] {
  const c = batch.columns;
  const bad: string[] = [];
  for (const seg of segments) {
    const own = strategyColumns(seg.scenario.strategy);
    for (let i = seg.from; i <= seg.to && i < batch.count; i++) {
      const held = c.consumed[i] + c.queued[i] + c.inService[i] + c.upstreamQueued[i] + c.dropped[i] + c.lost[i];
      if (c.produced[i] !== held) bad.push(`${i}: produced ${c.produced[i]} != ${held}`);
      for (const k of [...CORE, ...own]) {
        if (Number.isNaN(c[k][i]) || c[k][i] < 0) bad.push(`${i}: ${k} = ${c[k][i]}`);
      }
      if (i > 0 && (c.produced[i] < c.produced[i - 1] || c.consumed[i] < c.consumed[i - 1]))
        bad.push(`${i}: a counter fell`);
    }
  }
  return bad.slice(0, 5);
}

/**
 * Stretches in which the producer's state said "running" at every sample for longer than twenty
 * mean gaps between its ticks, yet it emitted nothing (a stalled clock). Twenty exponential gaps
 * all missing a window has probability e^-20. A change of rate keeps the tick already due
 * (src-sim/engine/tickClock.ts, retimedTicks), which an earlier, slower rate may have scheduled up
 * to one of its gaps later: the window allows for that one gap.
 */
function stalls(batch: SampleBatch, segments: Segment[]): string[] {
  const c = batch.columns;
  const found: string[] = [];
  let slowestSoFar = Infinity;
  for (const seg of segments) {
    slowestSoFar = Math.min(slowestSoFar, seg.scenario.producer);
    const carriedSec = 1 / slowestSoFar;
    const windowSamples = Math.ceil((20 / seg.scenario.producer + carriedSec) / INTERVAL_SEC) + 1;
    let runStart = -1;
    for (let i = seg.from; i <= seg.to && i < batch.count; i++) {
      if (c.producerState[i] !== PRODUCER_RUNNING) {
        runStart = -1;
        continue;
      }
      if (runStart < 0) runStart = i;
      if (i - runStart >= windowSamples && c.produced[i] === c.produced[i - windowSamples])
        found.push(`${seg.scenario.strategy}: no emission from sample ${i - windowSamples} to ${i} while running`);
    }
  }
  return found.slice(0, 3);
}

/** Any strategy; a Kafka consumer often with a poll interval short enough to be evicted. */
const startScenario = fc
  .tuple(smallScenario, anyStrategy, fc.constantFrom(300, 0.2, 0.5))
  .map(([s, strategy, maxPollInterval]): Scenario => repairScenario({ ...s, strategy, maxPollInterval }).scenario);

describe("random changes at random moments (issue 9)", () => {
  it(
    `${SEQUENCES} sequences: conservation, no NaN or negative count, a running producer emits`,
    () => {
      const reached = new Map<StateAtChange, number>();
      fc.assert(
        fc.property(startScenario, fc.array(randomChange, { minLength: 1, maxLength: 6 }), (base, changes) => {
          const { batch, segments } = runWithChanges(base, changes, reached);
          expect(badSamples(batch, segments)).toEqual([]);
          expect(stalls(batch, segments)).toEqual([]);
        }),
        { seed: 9, numRuns: SEQUENCES },
      );
      // The generator must reach the states the issue names, or the property proves little.
      for (const state of ["paused", "blocked", "down", "zero-window", "evicted"] as const)
        expect(reached.get(state) ?? 0, `${state}: ${JSON.stringify([...reached])}`).toBeGreaterThan(10);
    },
    // Generous for a loaded machine; on an idle one it takes a few seconds.
    240_000,
  );
});
