/**
 * strategy=kafka: docs/DOMAIN.md section 8 item 6 as fast-check properties over random Kafka
 * parameters, the analytic checks (lag grows at lambda - mu; eviction exactly when a full
 * batch outlasts max.poll.interval), the async OOM trap, retention, accounting and determinism.
 * Runs are seconds of simulated time at a few thousand records/s: the file takes a few seconds.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EventLog } from "../src-sim/engine/eventLog";
import { seedStreams } from "../src-sim/engine/rng";
import { RunContext } from "../src-sim/engine/runContext";
import { type Simulation } from "../src-sim/engine/simulation";
import { createSimulation } from "../src-sim/models/index";
import { FETCH_RTT_SEC, KafkaModel, type KafkaObserver, type KafkaState } from "../src-sim/models/kafka/model";
import { recordsPerFetch } from "../src-sim/models/kafka/figures";
import { MODELS } from "../src-sim/models/index";
import { modelOf } from "../src-sim/scenario/strategies";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { offending, sameBits } from "./support/samples";

const KAFKA: Scenario = { ...DEFAULT_SCENARIO, strategy: "kafka" };

/** A model driven directly (with a test observer), sampled every `stepSec` like the engine. */
function drive(
  s: Scenario,
  untilSec: number,
  observer?: KafkaObserver,
  stepSec = 0.1,
  each?: (m: KafkaModel, ctx: RunContext) => void,
) {
  const ctx = new RunContext(seedStreams(s.seed), new EventLog(stepSec));
  const model = new KafkaModel(ctx, s, 0, { observer });
  for (let k = 1; k * stepSec <= untilSec + 1e-9; k++) {
    model.advanceTo(k * stepSec);
    each?.(model, ctx);
    model.afterSample();
  }
  return { ctx, model };
}

function simulate(s: Scenario, untilSec: number, sampleIntervalSec = 0.1): Simulation {
  const sim = createSimulation(s, { sampleIntervalSec });
  sim.advanceTo(untilSec);
  return sim;
}

/** Random Kafka scenarios, small enough to run seconds of simulated time in milliseconds. */
const logInt = (min: number, max: number) =>
  fc
    .double({ min: Math.log(min), max: Math.log(max), noNaN: true })
    .map((x) => Math.max(min, Math.min(max, Math.round(Math.exp(x)))));
const logReal = (min: number, max: number) =>
  fc
    .double({ min: Math.log(min), max: Math.log(max), noNaN: true })
    .map((x) => Math.max(min, Math.min(max, Math.exp(x))));
const kafkaScenario: fc.Arbitrary<Scenario> = fc
  .record({
    producer: logInt(1, 4000),
    consumer: logInt(1, 4000),
    arrivals: fc.constantFrom("constant" as const, "poisson" as const),
    service: fc.constantFrom("constant" as const, "exponential" as const),
    maxPollRecords: logInt(1, 1000),
    maxPollInterval: logReal(0.1, 10),
    rebalance: fc.oneof(fc.constant(0), logReal(0.01, 2)),
    commit: fc.constantFrom("auto" as const, "batch" as const),
    autoCommitInterval: logReal(0.01, 5),
    // Large events make small segments and fetches, so retention and fetch limits bite at low rates.
    eventBytes: logInt(100, 100_000_000),
    retention: fc.oneof(logReal(1, 8), fc.constant(604_800)),
    handoff: fc.constantFrom("inline" as const, "async" as const),
    fetchPause: fc.constantFrom("on" as const, "off" as const),
    offsetReset: fc.constantFrom("latest" as const, "earliest" as const),
    memoryEvents: logInt(50, 100_000),
    high: logInt(1, 5000),
    lowFraction: fc.double({ min: 0, max: 1, noNaN: true }),
    restart: fc.oneof(fc.constant(0), logReal(0.05, 2)),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .map(({ memoryEvents, lowFraction, ...r }) => ({
    ...KAFKA,
    ...r,
    memory: Math.max(1_000_000, memoryEvents * r.eventBytes),
    low: Math.floor(r.high * lowFraction),
  }));

const RUN_SEC = 6;

describe("kafka: docs/DOMAIN.md section 8 item 6 (fast-check)", () => {
  it("committed <= position <= log end, lag >= 0, and the accounting identity, at every sample (with a mid-run change)", () => {
    fc.assert(
      fc.property(kafkaScenario, kafkaScenario, (s, later) => {
        const sim = createSimulation(s, { sampleIntervalSec: 0.05 });
        sim.advanceTo(RUN_SEC / 2);
        sim.setScenario({ ...later, seed: s.seed });
        sim.advanceTo(RUN_SEC);
        const b = sim.readSamples(0);
        const c = b.columns;
        expect(
          offending(b, (i) => !(c.kafkaCommitted[i] <= c.kafkaPosition[i] && c.kafkaPosition[i] <= c.kafkaLogEnd[i])),
        ).toEqual([]);
        expect(
          offending(
            b,
            (i) =>
              !(
                c.kafkaLagRecords[i] >= 0 &&
                c.kafkaLagRecords[i] === c.kafkaLogEnd[i] - c.kafkaCommitted[i] &&
                c.kafkaLagSec[i] >= 0
              ),
          ),
        ).toEqual([]);
        expect(
          offending(
            b,
            (i) =>
              c.produced[i] !==
              c.consumed[i] + c.queued[i] + c.inService[i] + c.upstreamQueued[i] + c.dropped[i] + c.lost[i],
          ),
        ).toEqual([]);
        expect(
          offending(
            b,
            (i) =>
              c.queued[i] < 0 || (c.inService[i] !== 0 && c.inService[i] !== 1) || c.kafkaLogEnd[i] !== c.produced[i],
          ),
        ).toEqual([]);
        expect(
          offending(
            b,
            (i) =>
              i > 0 &&
              (c.consumed[i] < c.consumed[i - 1] ||
                c.lost[i] < c.lost[i - 1] ||
                c.kafkaDuplicates[i] < c.kafkaDuplicates[i - 1] ||
                c.kafkaLogEnd[i] < c.kafkaLogEnd[i - 1]),
          ),
        ).toEqual([]);
        // Memory stays within the limit while the consumer is up (passing it kills the consumer).
        expect(
          offending(b, (i) => c.consumerUp[i] === 1 && c.memoryBytes[i] > sim.scenario.memory && i > b.count / 2),
        ).toEqual([]);
      }),
      { seed: 61, numRuns: 150 },
    );
  });

  it("a poll returns 1 .. max.poll.records records, contiguous from the position; fetched offsets stay in order", () => {
    fc.assert(
      fc.property(kafkaScenario, (s) => {
        const problems: string[] = [];
        let next = -1;
        const observer: KafkaObserver = {
          poll(t, from, count) {
            if (!(count >= 1 && count <= s.maxPollRecords)) problems.push(`poll of ${count} at ${t}`);
            if (next >= 0 && from !== next) problems.push(`poll from ${from}, expected ${next} at ${t}`);
            next = from + count;
          },
          // A rebalance and an offset reset move the position: the next poll starts afresh.
          resume() {
            next = -1;
          },
          reset() {
            next = -1;
          },
        };
        drive(s, RUN_SEC, observer, 0.05, (m, ctx) => {
          const st: KafkaState = m.inspect();
          if (!(
            st.committed <= st.position &&
            st.position <= st.available &&
            st.available <= st.fetched &&
            st.fetched <= st.logEnd
          ))
            problems.push(`offsets ${JSON.stringify(st)}`);
          if (!(st.logStart <= st.logEnd)) problems.push(`log start ${st.logStart} > end ${st.logEnd}`);
          if (st.unprocessed !== ctx.produced - ctx.consumed - ctx.lost)
            problems.push(`unprocessed ${st.unprocessed} at ${st.timeSec}`);
          // A crash forgets the position: the consumer comes back at the committed offset.
          if (!st.consumerUp) next = -1;
        });
        expect(problems.slice(0, 3)).toEqual([]);
      }),
      { seed: 62, numRuns: 150 },
    );
  });

  it("after a poll gap over max.poll.interval, every offset at or after the last commit is delivered again", () => {
    let evictionsSeen = 0;
    fc.assert(
      fc.property(
        kafkaScenario.map((s): Scenario => ({
          ...s,
          handoff: "inline",
          retention: 604_800,
          memory: 1e13,
          producer: s.consumer * 2 + 5,
          consumer: Math.min(s.consumer, 400),
          maxPollRecords: Math.max(20, s.maxPollRecords),
          maxPollInterval: Math.min(s.maxPollInterval, 1),
          // A group evicted before its first commit resumes at auto.offset.reset; earliest (the
          // log start, offset 0 here) redelivers like a commit at 0 would.
          offsetReset: "earliest",
        })),
        (s) => {
          const polls: Array<[number, number, number]> = [];
          const evictions: Array<{ t: number; committed: number; position: number }> = [];
          const resumes: Array<[number, number]> = [];
          const observer: KafkaObserver = {
            poll: (t, from, count) => polls.push([t, from, count]),
            eviction: (t, committed, position) => evictions.push({ t, committed, position }),
            resume: (t, offset) => resumes.push([t, offset]),
          };
          drive(s, 12, observer);
          evictionsSeen += evictions.length;
          for (const e of evictions) {
            const resume = resumes.find(([t]) => t > e.t);
            if (!resume) continue;
            // Consumption resumes at the last commit before the eviction ...
            expect(resume[1]).toBe(e.committed);
            // ... and re-delivers from there, contiguously, until the next eviction.
            const until = evictions.find((x) => x.t > resume[0])?.t ?? Infinity;
            let next = e.committed;
            for (const [t, from, count] of polls) {
              if (t < resume[0] || t > until) continue;
              expect(from).toBe(next);
              next = from + count;
            }
          }
        },
      ),
      { seed: 63, numRuns: 120 },
    );
    expect(evictionsSeen).toBeGreaterThan(20);
  });
});

describe("kafka: analytic checks", () => {
  it("lag grows at lambda - mu when the consumer is slower (default workload and random rates)", () => {
    fc.assert(
      fc.property(
        logInt(2000, 200_000),
        fc.double({ min: 0.1, max: 0.8, noNaN: true }),
        logInt(50, 2000),
        (lambda, ratio, m) => {
          const mu = Math.max(100, Math.round(lambda * ratio));
          const s: Scenario = { ...KAFKA, producer: lambda, consumer: mu, maxPollRecords: m, commit: "batch" };
          const sim = simulate(s, 20);
          const lag = sim.column("kafkaLagRecords");
          const t1 = 50;
          const t2 = 200; // samples at 5 s and 20 s
          const slope = (lag[t2] - lag[t1]) / 15;
          // The fetch round trip can stall the consumer once per fetch (at most RTT per
          // recordsPerFetch records), and a batch commit lags by at most one batch.
          const tolerance =
            mu * ((FETCH_RTT_SEC * mu) / recordsPerFetch(s)) + (2 * Math.min(m, recordsPerFetch(s))) / 15 + 1;
          expect(Math.abs(slope - (lambda - mu))).toBeLessThanOrEqual(tolerance);
        },
      ),
      { seed: 64, numRuns: 25 },
    );
    // The story's workload exactly: 50,000 records/s more on the broker every second.
    const sim = simulate(KAFKA, 60);
    const lag = sim.column("kafkaLagRecords");
    expect((lag[600] - lag[100]) / 50).toBeGreaterThan(50_000 * 0.99);
    expect((lag[600] - lag[100]) / 50).toBeLessThan(50_000 * 1.01);
    expect(sim.summary().oomCount).toBe(0);
    expect(Math.max(...sim.column("memoryBytes"))).toBeLessThan(2e6);
  });

  it("no eviction when max.poll.records x per-record time < max.poll.interval; eviction and duplicates when above", () => {
    fc.assert(
      fc.property(
        logInt(20, 1000),
        logInt(20, 2000),
        fc.double({ min: 1.1, max: 3, noNaN: true }),
        fc.boolean(),
        fc.constantFrom("auto" as const, "batch" as const),
        (m, mu, factor, above, commit) => {
          const batchSec = m / mu;
          const interval = above ? batchSec / factor : batchSec * factor;
          const s: Scenario = {
            ...KAFKA,
            producer: mu * 3,
            consumer: mu,
            maxPollRecords: m,
            maxPollInterval: Math.max(0.1, interval),
            rebalance: 0.5,
            commit,
            memory: 1e13,
            offsetReset: "earliest", // evicted before any commit: redelivered from the log start
          };
          if (above && s.maxPollInterval >= batchSec) return; // interval clamped to its 0.1 s minimum
          const sim = simulate(s, 4 * batchSec + 3 * s.maxPollInterval + 5);
          const events = sim.readEvents(0);
          const evictions = events.filter((e) => e.kind === "eviction").length;
          const duplicates = sim.column("kafkaDuplicates").at(-1) ?? 0;
          if (above) {
            expect(evictions).toBeGreaterThan(0);
            expect(events.some((e) => e.kind === "rebalance")).toBe(true);
            expect(duplicates).toBeGreaterThan(0);
          } else {
            expect(evictions).toBe(0);
            expect(duplicates).toBe(0);
          }
          expect(sim.modelFigures().evictionExpected).toBe(above);
        },
      ),
      { seed: 65, numRuns: 40 },
    );
  });

  it("500 records at 1 s each exceed the 300 s default: an eviction loop with duplicates", () => {
    // It never commits (the first batch outlasts the interval), so earliest sends it back to offset 0.
    const s: Scenario = { ...KAFKA, producer: 1000, consumer: 1, duration: 1600, offsetReset: "earliest" };
    const sim = simulate(s, 1600, 1);
    const events = sim.readEvents(0);
    const evictions = events.filter((e) => e.kind === "eviction");
    expect(evictions.length).toBe(3);
    // Evicted 300 s into each 500 s batch (the value is the poll gap the batch causes) ...
    expect(evictions.map((e) => e.value)).toEqual([500, 500, 500]);
    // ... and the next batch starts after the batch, a 3 s rebalance and a fetch round trip.
    expect(evictions[1].timeSec - evictions[0].timeSec).toBeCloseTo(500 + 3 + FETCH_RTT_SEC, 6);
    const rebalances = events.filter((e) => e.kind === "rebalance");
    // Each rejoin resumes at the same committed offset: no progress.
    expect(rebalances.length).toBe(3);
    expect(new Set(rebalances.map((e) => e.value)).size).toBe(1);
    const consumed = sim.column("consumed");
    expect(consumed.at(-1)).toBe(consumed[Math.round(evictions[0].timeSec) + 202]);
    expect(sim.column("kafkaDuplicates").at(-1)).toBeGreaterThan(500);
    expect(sim.modelFigures()).toMatchObject({ evictionExpected: true, fullBatchSec: 500, maxPollIntervalSec: 300 });
  });
});

describe("kafka: the async hand-off OOM trap", () => {
  it("the story's rates: OOM at t = 120 s; what the queue held below the committed offset is lost, never re-delivered", () => {
    const s: Scenario = { ...KAFKA, handoff: "async", restart: 1 };
    const polls: Array<[number, number, number]> = [];
    const resumes: Array<[number, number]> = [];
    let committedAtOom = -1;
    let consumedAtOom = -1;
    let oomAt = Infinity;
    const { ctx, model } = drive(
      s,
      130,
      {
        poll: (t, from, n) => {
          if (t > 119) polls.push([t, from, n]);
        },
        resume: (t, o) => resumes.push([t, o]),
      },
      0.1,
      (m, c) => {
        if (c.oomCount > 0 && committedAtOom < 0) {
          committedAtOom = m.inspect().committed;
          consumedAtOom = c.consumed;
          oomAt = c.oomAt ?? Infinity;
        }
      },
    );
    expect(oomAt).toBeCloseTo(120, 6);
    const oom = ctx.log.read(0).find((e) => e.kind === "oom");
    // Everything handed off and not processed below the committed offset: auto-commit had
    // committed it when poll() returned it.
    expect(oom?.value).toBe(committedAtOom - consumedAtOom);
    expect(oom?.value).toBeGreaterThan(5_000_000);
    expect(ctx.lost).toBe(oom?.value);
    // After the restart the consumer resumes at the committed offset, and never goes below it.
    expect(resumes.find(([t]) => t > oomAt)?.[1]).toBe(committedAtOom);
    const after = polls.filter(([t]) => t > oomAt);
    expect(after.length).toBeGreaterThan(0);
    expect(Math.min(...after.map(([, from]) => from))).toBe(committedAtOom);
    expect(model.inspect().duplicates).toBe(0);
  });

  it("with commit=batch the same crash loses nothing (records are committed once processed)", () => {
    const sim = simulate({ ...KAFKA, handoff: "async", commit: "batch", restart: 1 }, 130);
    expect(sim.summary().oomCount).toBe(1);
    expect(sim.summary().lost).toBe(0);
    // Processed since the last poll's commit (about a millisecond of work): delivered again.
    expect(sim.column("kafkaDuplicates").at(-1)).toBeLessThan(1000);
  });

  it("with pause()/resume() memory stays bounded and the lag moves to the broker", () => {
    const s: Scenario = { ...KAFKA, handoff: "async", fetchPause: "on" };
    const sim = simulate(s, 60);
    expect(sim.summary().oomCount).toBe(0);
    const bound = s.baseline + (s.high + s.maxPollRecords + recordsPerFetch(s)) * s.eventBytes;
    expect(Math.max(...sim.column("memoryBytes"))).toBeLessThanOrEqual(bound);
    const lag = sim.column("kafkaLagRecords");
    expect((lag[600] - lag[300]) / 30).toBeGreaterThan(50_000 * 0.98);
    expect(sim.modelFigures()).toMatchObject({ backlogIn: "broker log", timeToOomSec: null });
    expect(simulate({ ...s, fetchPause: "off" }, 1).modelFigures()).toMatchObject({
      backlogIn: "consumer heap",
      timeToOomSec: 120,
    });
  });
});

describe("kafka: retention", () => {
  for (const offsetReset of ["latest", "earliest"] as const) {
    it(`a consumer behind the log start loses records (auto.offset.reset=${offsetReset})`, () => {
      // 1,073,741 records (10.7 s) a segment; the broker checks retention every second (from 30 s).
      const s: Scenario = { ...KAFKA, retention: 20, retentionCheckInterval: 1, offsetReset };
      const sim = simulate(s, 120);
      const b = sim.readSamples(0);
      const c = b.columns;
      expect(sim.summary().lost).toBeGreaterThan(1_000_000);
      expect(sim.readEvents(0).some((e) => e.kind === "retention-loss")).toBe(true);
      expect(offending(b, (i) => c.produced[i] !== c.consumed[i] + c.queued[i] + c.inService[i] + c.lost[i])).toEqual(
        [],
      );
      expect(c.kafkaDuplicates[b.count - 1]).toBe(0);
      // Nothing the consumer processes is much older than retention (plus one segment's span).
      expect(sim.summary().latency.max).toBeLessThan(20 + 1_073_741 / 100_000 + 1);
      // The consumer keeps consuming at its rate throughout.
      expect(c.consumed[b.count - 1]).toBeGreaterThan(0.97 * 50_000 * 120);
    });
  }
});

describe("kafka: engine integration", () => {
  it("is registered as strategy=kafka, and the same seed gives the same samples, bit for bit", () => {
    expect(modelOf("kafka")).toBe("kafka");
    expect(MODELS.kafka).toBeTypeOf("function");
    const s: Scenario = { ...KAFKA, arrivals: "poisson", service: "exponential", producer: 45_000, seed: 7 };
    const a = simulate(s, 20).readSamples(0);
    const b = simulate(s, 20).readSamples(0);
    for (const k of Object.keys(a.columns) as Array<keyof typeof a.columns>)
      expect(sameBits(a.columns[k], b.columns[k]), k).toBe(true);
    const other = simulate({ ...s, seed: 8 }, 20).readSamples(0);
    expect(sameBits(a.columns.consumed, other.columns.consumed)).toBe(false);
  });

  it("where a run stops does not change what it does; a checkpoint continues identically", () => {
    const s: Scenario = {
      ...KAFKA,
      arrivals: "poisson",
      service: "exponential",
      producer: 3000,
      consumer: 2500,
      maxPollRecords: 200,
      maxPollInterval: 0.1,
      handoff: "inline",
      seed: 3,
    };
    const stops = (steps: number[]) => {
      const ctx = new RunContext(seedStreams(s.seed), new EventLog(0.1));
      const m = new KafkaModel(ctx, s, 0);
      for (const t of steps) m.advanceTo(t);
      return { ...m.inspect(), produced: ctx.produced, consumed: ctx.consumed, lost: ctx.lost };
    };
    const fine = stops(Array.from({ length: 100 }, (_, i) => (i + 1) * 0.1));
    const odd = stops([0.037, 1.5, 1.51, 3.3333, 7.77, 10]);
    expect(odd).toEqual(fine);
    const sim = simulate(s, 5);
    const copy = sim.clone();
    sim.advanceTo(10);
    copy.advanceTo(10);
    expect(sameBits(sim.readSamples(0).columns.consumed, copy.readSamples(0).columns.consumed)).toBe(true);
    expect(sim.summary()).toEqual(copy.summary());
  });

  it("a consumer with headroom keeps lag to about a fetch, with millisecond latency", () => {
    const sim = simulate({ ...KAFKA, arrivals: "poisson", producer: 45_000 }, 30);
    const sum = sim.summary();
    expect(sum.latency.p99).toBeLessThan(0.01);
    expect(sum.produced - sum.consumed).toBeLessThan(2000);
    expect(Math.max(...sim.column("kafkaLagSec").slice(100))).toBeLessThan(0.05);
  });
});
