/**
 * The closed forms against long runs (statistical tier), for the engine and the oracle alike: the
 * reference story to its OOM, D/D/1 exactly, and M/M/1, M/D/1, D/M/1, M/M/1/K and Little's law
 * within a few percent. The quick closed-form checks are in theory.test.ts.
 */
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { dm1, md1, mm1, mm1k, timeToOomSec } from "../src-sim/theory";
import { RUNNERS, type Run } from "./support/runners";

/** An unbounded queue with memory to spare, so only the rates matter. */
const roomy: Scenario = { ...DEFAULT_SCENARIO, memory: 1e13 };

/** Number of points `n / rate` (n = 0, 1, ...) strictly before t: the same formula as the engine. */
function ticksBefore(rate: number, t: number): number {
  let n = Math.max(0, Math.floor(t * rate) - 2);
  while (n / rate < t) n++;
  return n;
}

describe.each(RUNNERS)("$name: the reference story (docs/DOMAIN.md section 0)", (runner) => {
  // One run past the OOM, finished before the tests and only read by them: each test used to
  // advance the shared run further, so each depended on the ones before it.
  let run: Run;
  beforeAll(() => {
    run = runner.start({ ...DEFAULT_SCENARIO });
    run.advanceTo(121);
  });

  it("queues exactly 500,000 at t=10 s and 3,000,000 at t=60 s (one more is in service)", () => {
    expect(run.column("queued")[100]).toBe(500_000);
    expect(run.column("inService")[100]).toBe(1);
    expect(run.column("queued")[600]).toBe(3_000_000);
    expect(run.column("memoryBytes")[600]).toBe(3_000_001_000);
  });

  it("dies of OOM at t = 120 s (within one sample interval), as (limit - used) / ((lambda - mu) x bytes) says", () => {
    const { oomAt } = run.summary();
    expect(oomAt).not.toBeNull();
    const predicted = timeToOomSec(DEFAULT_SCENARIO.memory, 0, 100_000, 50_000, 1000);
    expect(predicted).toBe(120);
    expect(Math.abs(oomAt! - predicted)).toBeLessThanOrEqual(0.1);
    expect(run.column("consumerUp")[1200]).toBe(0);
    expect(run.column("consumerUp")[1199]).toBe(1);
  });

  it("loses exactly what the consumer held when it died, and keeps losing what is sent to it", () => {
    const oom = run.events().find((e) => e.kind === "oom")!;
    const s = run.summary();
    // In system just before the crash: produced - consumed, counted from the tick/completion formulas.
    const produced = ticksBefore(100_000, oom.timeSec) + 1; // + the tick that crashed it
    const consumed = ticksBefore(50_000, oom.timeSec + 1e-12) - 1; // completions at k / mu, k >= 1
    expect(oom.value).toBe(produced - consumed);
    expect(oom.value).toBe(6_000_001); // 6,000,000 fit in 6 GB; the next one does not
    // After the crash every sent event is lost: lost = held + events produced since.
    expect(s.lost).toBe(oom.value + (s.produced - produced));
    expect(s.consumed + s.lost).toBe(s.produced);
  });
});

describe.each(RUNNERS)("$name: D/D/1 is exact", (runner) => {
  it("queued(T) = #ticks before T - #completions before T - 1, and within 2 of (lambda - mu) T", () => {
    fc.assert(
      fc.property(
        // Up to 500,000 events/s: the oracle handles every event, so keep its runs small.
        fc.integer({ min: 2, max: 500_000 }),
        fc.double({ min: 0.01, max: 0.99, noNaN: true }),
        fc.integer({ min: 1, max: 50 }),
        (lambda, muFrac, sampleIndex) => {
          const mu = Math.max(1, Math.floor(lambda * muFrac));
          const interval = 0.05;
          const run = runner.start({ ...roomy, producer: lambda, consumer: mu }, interval);
          const T = sampleIndex * interval;
          run.advanceTo(T);
          const produced = ticksBefore(lambda, T);
          const consumed = Math.max(0, ticksBefore(mu, T) - 1);
          const queued = run.column("queued")[sampleIndex];
          expect(run.column("produced")[sampleIndex]).toBe(produced);
          expect(run.column("consumed")[sampleIndex]).toBe(consumed);
          expect(queued).toBe(produced - consumed - 1);
          expect(Math.abs(queued - (lambda - mu) * T)).toBeLessThanOrEqual(2);
        },
      ),
      { seed: 7, numRuns: 60 },
    );
  });

  it("never queues when lambda < mu: each event is served before the next arrives", () => {
    const run = runner.start({ ...roomy, producer: 30_000, consumer: 70_000 });
    run.advanceTo(5);
    expect(Math.max(...Array.from(run.column("queued")))).toBe(0);
    expect(run.summary().latency.max).toBeCloseTo(1 / 70_000, 12);
  });
});

/** M/M/1 and friends over a long run: within a few percent of theory (docs/DOMAIN.md section 7). */
describe.each(RUNNERS)("$name: stochastic queues match theory", (runner) => {
  const long = (
    arrivals: Scenario["arrivals"],
    service: Scenario["service"],
    lambda: number,
    mu: number,
    seed = 11,
  ) => {
    const run = runner.start({ ...roomy, arrivals, service, producer: lambda, consumer: mu, seed }, 1);
    run.advanceTo(1000);
    return run.summary();
  };

  it("M/M/1 at rho 0.6: mean sojourn 1/(mu - lambda) and mean number rho/(1 - rho) within 3%", () => {
    const s = long("poisson", "exponential", 600, 1000);
    const theory = mm1(600, 1000)!;
    expect(Math.abs(s.latency.mean / theory.W - 1)).toBeLessThan(0.03);
    expect(Math.abs(s.meanInSystem / theory.L - 1)).toBeLessThan(0.03);
  });

  it("M/D/1 at rho 0.7 and D/M/1 at rho 0.7: mean sojourn within 3% of theory", () => {
    const md = long("poisson", "constant", 700, 1000);
    expect(Math.abs(md.latency.mean / md1(700, 1000)!.W - 1)).toBeLessThan(0.03);
    const dm = long("constant", "exponential", 700, 1000);
    expect(Math.abs(dm.latency.mean / dm1(700, 1000)!.W - 1)).toBeLessThan(0.03);
  });

  it("Little's law: mean in system = throughput x mean sojourn within 2% on stable runs", () => {
    for (const [arrivals, service, lambda, mu] of [
      ["poisson", "exponential", 800, 1000],
      ["poisson", "constant", 5000, 6000],
      ["constant", "exponential", 300, 500],
    ] as const) {
      const s = long(arrivals, service, lambda, mu, 5);
      const throughput = s.consumed / s.until;
      expect(Math.abs(s.meanInSystem / (throughput * s.latency.mean) - 1), `${arrivals}/${service}`).toBeLessThan(0.02);
    }
  });

  it("drop-newest with Poisson/exponential loses the M/M/1/K fraction (K = capacity + 1)", () => {
    const run = runner.start(
      {
        ...roomy,
        strategy: "drop-newest",
        capacity: 4,
        arrivals: "poisson",
        service: "exponential",
        producer: 900,
        consumer: 1000,
        seed: 3,
      },
      1,
    );
    run.advanceTo(1000);
    const s = run.summary();
    const theory = mm1k(900, 1000, 5);
    expect(Math.abs(s.dropped / s.produced / theory.loss - 1)).toBeLessThan(0.03);
    expect(Math.abs(s.meanInSystem / theory.L - 1)).toBeLessThan(0.03);
  });
});
