/**
 * Per-process random streams (src-sim/engine/rng.ts, RunStreams): runs with the same seed that
 * differ only in their strategy see the same arrivals and the same service times, event for
 * event (issue 13's compare lanes). The producers here are hot (a stopped producer keeps
 * emitting: onPause drop, a hot publisher), so every strategy's producer emits the same events;
 * a cold producer held back emits later by design.
 *
 * - Arrival times: the cumulative `produced` column is the same at every sample in all eight
 *   strategies, on a grid fine enough (0.1 ms at 2,000 events/s) to see nearly every arrival on
 *   its own, and at high rates on the default grid, where closed-form stretches draw the gaps.
 *   Kafka's producer appends a cell's records evenly between their exact first and last, so it
 *   is compared on its 0.1 s cells (the default grid).
 * - Service times: the service stream is drawn exactly once per event entering service and
 *   nowhere else (every draw recorded through a wrapper of the generator), so the k-th service
 *   time is the k-th draw of the stream in every strategy; Kafka draws one gamma-distributed
 *   time per batch instead, so it is left out there.
 */
import { describe, expect, it, vi } from "vitest";

/** Every exponential draw of the run in progress: its rate and value. */
const draws: Array<{ rate: number; value: number }> = [];

vi.mock("../src-sim/engine/rng", async (importOriginal) => {
  const original = await importOriginal<typeof import("../src-sim/engine/rng")>();
  /**
   * The queue model's plain loop draws ahead in batches and settles the stream to the draws it
   * used: only those count, in order (a batch the loop asks to refill was used whole).
   */
  class RecordedBatch extends original.ExponentialBatch {
    private rate = 0;
    private pending: number[] = [];
    override begin(rng: Uint32Array, ratePerSec: number): void {
      super.begin(rng, ratePerSec);
      this.rate = ratePerSec;
      this.pending = [];
    }
    override fill(): number {
      this.commit(this.pending.length);
      const n = super.fill();
      this.pending = Array.from(this.gaps.subarray(0, n));
      return n;
    }
    override settle(used: number): void {
      super.settle(used);
      this.commit(used);
    }
    private commit(used: number): void {
      for (const value of this.pending.slice(0, used)) draws.push({ rate: this.rate, value });
      this.pending = [];
    }
  }
  return {
    ...original,
    ExponentialBatch: RecordedBatch,
    nextExponential: (s: Uint32Array, rate: number) => {
      const value = original.nextExponential(s, rate);
      draws.push({ rate, value });
      return value;
    },
  };
});

const { createSimulation } = await import("../src-sim/models/index");
const { DEFAULT_SCENARIO } = await import("../src-sim/scenario/params");
type Scenario = import("../src-sim/scenario/params").Scenario;
type Strategy = import("../src-sim/scenario/params").Strategy;

const STRATEGIES: readonly Strategy[] = [
  "unbounded",
  "drop-newest",
  "drop-oldest",
  "block",
  "watermark",
  "tcp",
  "kafka",
  "reactive",
];

/** A random overloaded workload with a hot producer, every mechanism bounded somewhere. */
function workload(producer: number, seed: number): Scenario {
  return {
    ...DEFAULT_SCENARIO,
    arrivals: "poisson",
    service: "exponential",
    producer,
    consumer: Math.round(producer * 0.75),
    capacity: 2000,
    high: 1500,
    low: 500,
    onPause: "drop",
    publisher: "hot",
    overflow: "drop",
    memory: 1e12,
    seed,
  };
}

function producedColumn(s: Scenario, intervalSec: number, untilSec: number): Float64Array {
  const sim = createSimulation(s, { sampleIntervalSec: intervalSec });
  sim.advanceTo(untilSec);
  return sim.column("produced").slice();
}

function firstDifference(a: Float64Array, b: Float64Array): string {
  const i = a.findIndex((v, k) => v !== b[k]);
  return i < 0 ? "none" : `sample ${i}: ${a[i]} vs ${b[i]}`;
}

describe("lanes with the same seed see the same arrivals", () => {
  it("every strategy: the same cumulative arrivals at every 0.1 ms (2,000 events/s, 2 s)", () => {
    for (const seed of [1, 5]) {
      const ref = producedColumn({ ...workload(2000, seed), strategy: "unbounded" }, 1e-4, 2);
      expect(ref[ref.length - 1]).toBeGreaterThan(3000);
      for (const strategy of STRATEGIES) {
        if (strategy === "kafka") continue;
        const got = producedColumn({ ...workload(2000, seed), strategy }, 1e-4, 2);
        expect(firstDifference(got, ref), `${strategy}, seed ${seed}`).toBe("none");
      }
    }
  });

  it("every strategy, Kafka included: the same arrivals at every sample through closed-form stretches (20,000 events/s, 10 s)", () => {
    const ref = producedColumn({ ...workload(20_000, 3), strategy: "unbounded" }, 0.1, 10);
    for (const strategy of STRATEGIES) {
      const got = producedColumn({ ...workload(20_000, 3), strategy }, 0.1, 10);
      expect(firstDifference(got, ref), strategy).toBe("none");
    }
  });

  it("a different seed gives different arrivals", () => {
    const a = producedColumn(workload(2000, 1), 0.01, 1);
    const b = producedColumn(workload(2000, 2), 0.01, 1);
    expect(firstDifference(a, b)).not.toBe("none");
  });
});

describe("lanes with the same seed see the same service times", () => {
  it("the service stream is drawn once per event entering service, nowhere else: the k-th service time is the same in every strategy", () => {
    const s0 = workload(2000, 7);
    const consumer = s0.consumer;
    let reference: number[] | null = null;
    for (const strategy of STRATEGIES) {
      if (strategy === "kafka") continue;
      draws.length = 0;
      const sim = createSimulation({ ...s0, strategy }, { sampleIntervalSec: 0.1 });
      sim.advanceTo(3);
      const services = draws.filter((d) => d.rate === consumer).map((d) => d.value);
      const summary = sim.summary();
      // Events that entered service: those finished and the one in service (TCP: being read).
      const started = summary.consumed + summary.inService;
      expect(services.length, strategy).toBeGreaterThanOrEqual(started);
      expect(services.length, strategy).toBeLessThanOrEqual(started + 1);
      if (reference === null) reference = services;
      const n = Math.min(reference.length, services.length);
      expect(services.slice(0, n), strategy).toEqual(reference.slice(0, n));
      expect(n, strategy).toBeGreaterThan(4000);
    }
  });
});
