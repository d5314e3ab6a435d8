/**
 * Reactive Streams (`strategy=reactive`): the spec's rules (docs/DOMAIN.md section 8, item 7) as
 * fast-check properties over random scenarios, the bulk stretches against the one-event-at-a-time
 * path, and the closed-form figures (cold throughput, request size and rate, drop rate, OOM time).
 * Properties read the model through its test hooks: an observer of every signal, and inspect().
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { COL } from "../src-sim/engine/columnStore";
import { EventLog } from "../src-sim/engine/eventLog";
import { seedStreams } from "../src-sim/engine/rng";
import { RunContext } from "../src-sim/engine/runContext";
import { createSimulation } from "../src-sim/models/index";
import { SAMPLE_COLUMNS, type SimEvent } from "../src-sim/engine/types";
import { ReactiveModel, type ReactiveOptions, type RsSignal } from "../src-sim/models/reactive/model";
import { addDemand, LONG_MAX, replenishAmount, UNBOUNDED_DEMAND } from "../src-sim/models/reactive/demand";
import { MODELS } from "../src-sim/models/index";
import { modelOf } from "../src-sim/scenario/strategies";
import { DEFAULT_SCENARIO, OVERFLOWS, type Overflow, type Scenario } from "../src-sim/scenario/params";

const REACTIVE: Scenario = { ...DEFAULT_SCENARIO, strategy: "reactive" };
/** The property tests take about a second each; the margin is for a loaded machine. */
const PROPERTY_TIMEOUT_MS = 30_000 * Number(process.env.STRESS ?? 1);
/** More cases for a soak run: STRESS=20 npx vitest run test/mech-reactive.test.ts */
const runs = (n: number) => n * Number(process.env.STRESS ?? 1);
const GB = 1e9;

/** The model's figures at one sample (counts from the context, the rest from the row and inspect()). */
interface Sample {
  produced: number;
  consumed: number;
  dropped: number;
  lost: number;
  queued: number;
  inService: number;
  memoryBytes: number;
  consumerUp: number;
  producerState: number;
  rsDemand: number;
  rsRequests: number;
  rsBuffer: number;
  subscriberQueue: number;
  requested: number;
  delivered: number;
}

interface Trace {
  model: ReactiveModel;
  ctx: RunContext;
  samples: Sample[];
  signals: RsSignal[];
  events: SimEvent[];
}

/**
 * Runs the model alone, sampling every `intervalSec` as the engine does; `changes` apply new
 * parameters at sample times.
 */
function drive(
  scenario: Scenario,
  untilSec: number,
  options: ReactiveOptions & { intervalSec?: number; changes?: Array<[number, Partial<Scenario>]> } = {},
): Trace {
  const intervalSec = options.intervalSec ?? 0.05;
  const signals: RsSignal[] = [];
  const ctx = new RunContext(seedStreams(scenario.seed), new EventLog(intervalSec));
  const model = new ReactiveModel(ctx, scenario, 0, { bulk: options.bulk, observer: (s) => signals.push(s) });
  const row = new Float64Array(SAMPLE_COLUMNS.length);
  const samples: Sample[] = [];
  let current = scenario;
  const changes = [...(options.changes ?? [])];
  for (let k = 0; k * intervalSec <= untilSec + 1e-9; k++) {
    const t = k * intervalSec;
    model.advanceTo(t);
    while (changes.length > 0 && changes[0][0] <= t) {
      const next = { ...current, ...changes.shift()![1] };
      model.setScenario(current, next);
      current = next;
    }
    model.writeSample(row);
    const look = model.inspect();
    samples.push({
      produced: ctx.produced,
      consumed: ctx.consumed,
      dropped: ctx.dropped,
      lost: ctx.lost,
      queued: row[COL.queued],
      inService: row[COL.inService],
      memoryBytes: row[COL.memoryBytes],
      consumerUp: row[COL.consumerUp],
      producerState: row[COL.producerState],
      rsDemand: row[COL.rsDemand],
      rsRequests: row[COL.rsRequests],
      rsBuffer: row[COL.rsBuffer],
      subscriberQueue: look.subscriberQueue,
      requested: look.requested,
      delivered: look.delivered,
    });
  }
  return { model, ctx, samples, signals, events: ctx.log.read(0) };
}

/** Samples where `bad` holds (at most 3, with their index), for readable failures. */
function offending(samples: Sample[], bad: (s: Sample, i: number) => boolean): Array<Sample & { i: number }> {
  const out: Array<Sample & { i: number }> = [];
  samples.forEach((s, i) => {
    if (out.length < 3 && bad(s, i)) out.push({ ...s, i });
  });
  return out;
}

/**
 * Small random runs: rates of a few hundred to 30,000 items/s, small and large prefetch, every
 * publisher and overflow strategy, memory limits of 50 to 20,000 items (OOM reachable), restarts.
 */
function reactiveScenario(processes: "constant" | "random" | "any"): fc.Arbitrary<Scenario> {
  const arrivals =
    processes === "constant"
      ? fc.constant("constant" as const)
      : processes === "random"
        ? fc.constant("poisson" as const)
        : fc.constantFrom("constant" as const, "poisson" as const);
  const service =
    processes === "constant"
      ? fc.constant("constant" as const)
      : processes === "random"
        ? fc.constant("exponential" as const)
        : fc.constantFrom("constant" as const, "exponential" as const);
  return fc
    .record({
      publisher: fc.constantFrom("cold" as const, "hot" as const),
      overflow: fc.constantFrom(...OVERFLOWS),
      producer: fc.integer({ min: 200, max: 30_000 }),
      consumer: fc.integer({ min: 200, max: 30_000 }),
      arrivals,
      service,
      prefetch: fc.oneof(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 1, max: 400 })),
      lowTide: fc.oneof(fc.constant(0.75), fc.constant(1), fc.double({ min: 0.01, max: 1, noNaN: true })),
      capacity: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 2000 })),
      memoryEvents: fc.integer({ min: 50, max: 20_000 }),
      baselineEvents: fc.integer({ min: 0, max: 40 }),
      restart: fc.oneof(fc.constant(0), fc.double({ min: 0.02, max: 0.5, noNaN: true })),
      seed: fc.integer({ min: 1, max: 1_000_000 }),
    })
    .map(({ memoryEvents, baselineEvents, ...r }): Scenario => {
      // Memory limits have a floor of 1 MB in the table: express them as a count of items.
      const eventBytes = Math.ceil(1_000_000 / memoryEvents);
      return {
        ...REACTIVE,
        ...r,
        eventBytes,
        memory: memoryEvents * eventBytes,
        baseline: baselineEvents * eventBytes,
        duration: 2,
      };
    });
}

/** Replays the observer's signals against the spec's rules; returns the violations found. */
function ruleViolations(
  signals: RsSignal[],
  prefetchOf: (subscription: number) => number,
  replenishOf: (subscription: number) => number,
): string[] {
  const problems: string[] = [];
  const subs = new Map<number, { requested: bigint; delivered: bigint; requests: number; ended: boolean }>();
  let last = 0;
  for (const s of signals) {
    if (problems.length > 3) break;
    const sub = subs.get(s.subscription);
    if (s.kind === "subscribe") {
      if (sub) problems.push(`subscription ${s.subscription} subscribed twice`);
      if (s.subscription <= last) problems.push(`subscription ${s.subscription} after ${last}`);
      last = s.subscription;
      subs.set(s.subscription, { requested: 0n, delivered: 0n, requests: 0, ended: false });
      continue;
    }
    if (!sub) {
      problems.push(`${s.kind} before onSubscribe (Rule 1.9) in subscription ${s.subscription}`);
      continue;
    }
    if (sub.ended) problems.push(`${s.kind} after a terminal signal (Rules 1.7 / 1.9) at ${s.timeSec}`);
    if (s.kind === "request") {
      const expected = sub.requests === 0 ? prefetchOf(s.subscription) : replenishOf(s.subscription);
      if (s.n !== expected) problems.push(`request #${sub.requests + 1} asked ${s.n}, limitRate asks ${expected}`);
      sub.requests++;
      sub.requested += BigInt(s.n);
    } else if (s.kind === "next") {
      sub.delivered += BigInt(s.n);
      if (sub.delivered > sub.requested)
        problems.push(`onNext ${sub.delivered} > requested ${sub.requested} (Rule 1.1) at ${s.timeSec}`);
    } else {
      sub.ended = true;
    }
  }
  return problems;
}

describe("demand arithmetic (Rules 3.9, 3.17) and limitRate", () => {
  it("addDemand(d, n) is d + n below Long.MAX_VALUE and saturates there, never overflowing", () => {
    const amount = fc.oneof(
      fc.integer({ min: 1, max: 1000 }),
      fc.bigInt({ min: 1n, max: LONG_MAX }).map(Number),
      fc.constant(Number(LONG_MAX)),
    );
    fc.assert(
      fc.property(fc.array(amount, { minLength: 1, maxLength: 12 }), (ns) => {
        let demand = 0;
        let exact = 0n;
        for (const n of ns) {
          demand = addDemand(demand, n);
          exact += BigInt(n);
          expect(Number.isFinite(demand)).toBe(true);
          if (exact >= LONG_MAX) expect(demand).toBe(UNBOUNDED_DEMAND);
          else if (exact < 2n ** 53n) expect(demand).toBe(Number(exact));
          expect(demand).toBeLessThanOrEqual(UNBOUNDED_DEMAND);
        }
      }),
      { seed: 3170, numRuns: runs(300) },
    );
  });

  it("replenishAmount(n, 0.75) is n - floor(n / 4) (Reactor limitRate), and always in [1, n]", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (n, lowTide) => {
          expect(replenishAmount(n, 0.75)).toBe(n - Math.floor(n / 4));
          const r = replenishAmount(n, lowTide);
          expect(r).toBeGreaterThanOrEqual(1);
          expect(r).toBeLessThanOrEqual(n);
        },
      ),
      { seed: 75, numRuns: runs(300) },
    );
    expect(replenishAmount(128, 0.75)).toBe(96);
    expect(replenishAmount(5, 0.8)).toBe(4);
    expect(replenishAmount(10, 1)).toBe(10);
  });

  it("request(n <= 0) fails the stream (Rule 3.9) and a request after it is a no-op (Rule 3.6)", () => {
    for (const bad of [0, -1, 1.5]) {
      const t = drive({ ...REACTIVE, producer: 1000, consumer: 500 }, 0.2);
      t.model.request(bad);
      const look = t.model.inspect();
      expect(look.subscribed).toBe(false);
      expect(look.terminated).toBe(true);
      const requests = t.model.requests;
      t.model.request(10);
      expect(t.model.requests).toBe(requests);
      t.model.advanceTo(1);
      expect(t.signals.at(-1)!.kind).toBe("error");
      expect(
        ruleViolations(
          t.signals,
          () => 128,
          () => 96,
        ).filter((p) => !p.startsWith("request")),
      ).toEqual([]);
    }
  });

  it("demand saturates at Long.MAX_VALUE: the publisher then emits freely and demand never decreases", () => {
    const t = drive({ ...REACTIVE, producer: 2000, consumer: 1000, memory: 1e13 }, 0.5);
    t.model.request(Number(LONG_MAX));
    t.model.request(Number(LONG_MAX));
    expect(t.model.inspect().demand).toBe(UNBOUNDED_DEMAND);
    const before = t.ctx.produced;
    t.model.advanceTo(2.5);
    // Unbounded demand: the cold source runs at its own rate, the subscriber's queue grows.
    expect(t.ctx.produced - before).toBeGreaterThanOrEqual(3999);
    expect(t.model.inspect().demand).toBe(UNBOUNDED_DEMAND);
    expect(t.model.inspect().subscriberQueue).toBeGreaterThan(128);
  });
});

describe("docs/DOMAIN.md section 8 item 7 over random scenarios (fast-check)", () => {
  it(
    "total onNext <= total requested, onSubscribe first, nothing after a terminal signal, limitRate sizes",
    () => {
      fc.assert(
        fc.property(reactiveScenario("any"), (s) => {
          const t = drive(s, 2);
          const r = replenishAmount(s.prefetch, s.lowTide);
          expect(
            ruleViolations(
              t.signals,
              () => s.prefetch,
              () => r,
            ),
          ).toEqual([]);
          expect(t.signals[0]?.kind).toBe("subscribe");
          // The event log counts every request the observer saw; it holds them all unless its
          // limits (64 entries a window, each kind's first and latest 500) let some go.
          const logged = t.events.filter((e) => e.kind === "request").length;
          const requested = t.signals.filter((x) => x.kind === "request").length;
          expect(t.ctx.log.total("request")).toBe(requested);
          if (t.ctx.log.omitted === 0 && requested < 1_500) expect(logged).toBe(requested);
          else expect(logged).toBeLessThanOrEqual(requested);
        }),
        { seed: 7, numRuns: runs(120) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "accounting at every sample; demand, queues and buffers within their bounds; memory is the formula",
    () => {
      fc.assert(
        fc.property(reactiveScenario("any"), (s) => {
          const t = drive(s, 2);
          const bound =
            s.publisher === "cold"
              ? 0
              : s.overflow === "buffer"
                ? Infinity
                : s.overflow === "drop"
                  ? 0
                  : s.overflow === "latest"
                    ? 1
                    : s.capacity;
          const x = t.samples;
          expect(offending(x, (q) => q.produced !== q.consumed + q.queued + q.inService + q.dropped + q.lost)).toEqual(
            [],
          );
          expect(
            offending(
              x,
              (q, i) =>
                i > 0 &&
                (q.produced < x[i - 1].produced ||
                  q.consumed < x[i - 1].consumed ||
                  q.rsRequests < x[i - 1].rsRequests),
            ),
          ).toEqual([]);
          // The subscriber never holds more than it requested: prefetch (Rule 1.1 seen from its side).
          expect(
            offending(
              x,
              (q) => q.subscriberQueue + q.inService > s.prefetch || q.rsDemand < 0 || q.rsDemand > s.prefetch,
            ),
          ).toEqual([]);
          expect(offending(x, (q) => q.delivered > q.requested)).toEqual([]);
          expect(offending(x, (q) => q.rsBuffer > bound || q.queued !== q.subscriberQueue + q.rsBuffer)).toEqual([]);
          expect(
            offending(
              x,
              (q) => q.consumerUp === 1 && q.memoryBytes !== s.baseline + (q.queued + q.inService) * s.eventBytes,
            ),
          ).toEqual([]);
          expect(offending(x, (q) => q.consumerUp === 1 && q.memoryBytes > s.memory)).toEqual([]);
          if (s.publisher === "cold") {
            // A cold source never overflows: nothing dropped, nothing lost unless its consumer crashed.
            expect(t.ctx.dropped).toBe(0);
            if (t.ctx.oomCount === 0) expect(t.ctx.lost).toBe(0);
            expect(offending(x, (q) => q.producerState !== (q.rsDemand === 0 ? 1 : 0))).toEqual([]);
            // Slowed by demand, never sped up: at most one tick per 1 / producer (constant arrivals).
            if (s.arrivals === "constant")
              expect(offending(x, (q, i) => i > 0 && q.produced - x[i - 1].produced > s.producer * 0.05 + 1)).toEqual(
                [],
              );
          }
          if (s.publisher === "hot" && s.overflow === "buffer") expect(t.ctx.dropped).toBe(0);
        }),
        { seed: 8, numRuns: runs(120) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "parameter changes mid-run keep the rules and the accounting",
    () => {
      const change = fc.record({
        at: fc.integer({ min: 1, max: 30 }).map((k) => k * 0.05),
        over: fc.record(
          {
            prefetch: fc.integer({ min: 1, max: 300 }),
            lowTide: fc.double({ min: 0.01, max: 1, noNaN: true }),
            publisher: fc.constantFrom("cold" as const, "hot" as const),
            overflow: fc.constantFrom(...OVERFLOWS),
            capacity: fc.integer({ min: 1, max: 500 }),
            producer: fc.integer({ min: 200, max: 30_000 }),
            consumer: fc.integer({ min: 200, max: 30_000 }),
            arrivals: fc.constantFrom("constant" as const, "poisson" as const),
            service: fc.constantFrom("constant" as const, "exponential" as const),
            restart: fc.constantFrom(0, 0.1),
          },
          { requiredKeys: [] },
        ),
      });
      fc.assert(
        fc.property(reactiveScenario("any"), fc.array(change, { maxLength: 3 }), (s, raw) => {
          const changes = raw.sort((a, b) => a.at - b.at).map((c): [number, Partial<Scenario>] => [c.at, c.over]);
          const t = drive(s, 2, { changes });
          expect(
            offending(t.samples, (q) => q.produced !== q.consumed + q.queued + q.inService + q.dropped + q.lost),
          ).toEqual([]);
          expect(offending(t.samples, (q) => q.delivered > q.requested || q.rsDemand < 0)).toEqual([]);
          // onNext <= requested and no signal after a terminal one (sizes change with the parameters).
          const sizes = ruleViolations(
            t.signals,
            () => 0,
            () => 0,
          ).filter((p) => !p.startsWith("request"));
          expect(sizes).toEqual([]);
        }),
        { seed: 9, numRuns: runs(80) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "bulk stretches give the same samples and events as one event at a time (constant processes)",
    () => {
      fc.assert(
        fc.property(reactiveScenario("constant"), (s) => {
          const fast = drive(s, 2);
          const slow = drive(s, 2, { bulk: false });
          expect(fast.samples).toEqual(slow.samples);
          expect(fast.events.map((e) => [e.kind, e.value])).toEqual(slow.events.map((e) => [e.kind, e.value]));
          fast.events.forEach((e, i) => expect(Math.abs(e.timeSec - slow.events[i].timeSec)).toBeLessThan(1e-9));
          expect(fast.ctx.oomAt).toBe(slow.ctx.oomAt);
          const a = fast.ctx.totalHist;
          a.addAll(fast.ctx.intervalHist);
          const b = slow.ctx.totalHist;
          b.addAll(slow.ctx.intervalHist);
          expect(a.count).toBe(b.count);
          if (b.count > 0) {
            expect(a.mean()).toBeCloseTo(b.mean(), 7);
            expect(a.max()).toBeCloseTo(b.max(), 7);
          }
          expect(fast.ctx.inSystemIntegral).toBeCloseTo(slow.ctx.inSystemIntegral, 3);
          expect(fast.ctx.pausedSeconds).toBeCloseTo(slow.ctx.pausedSeconds, 9);
          expect(fast.ctx.maxQueued).toBe(slow.ctx.maxQueued);
          expect(fast.ctx.peakMemoryBytes).toBe(slow.ctx.peakMemoryBytes);
        }),
        { seed: 10, numRuns: runs(150) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );

  it(
    "the same seed gives the same samples, bit for bit (random processes, through the engine)",
    () => {
      fc.assert(
        fc.property(reactiveScenario("random"), (s) => {
          const a = createSimulation(s, { sampleIntervalSec: 0.05 });
          const b = createSimulation(s, { sampleIntervalSec: 0.05 });
          a.advanceTo(1);
          b.advanceTo(0.37);
          b.advanceTo(1);
          for (const name of SAMPLE_COLUMNS) {
            const x = a.column(name);
            const y = b.column(name);
            expect(
              Buffer.from(x.buffer, x.byteOffset, x.byteLength).equals(
                Buffer.from(y.buffer, y.byteOffset, y.byteLength),
              ),
              name,
            ).toBe(true);
          }
        }),
        { seed: 11, numRuns: runs(40) },
      );
    },
    PROPERTY_TIMEOUT_MS,
  );
});

describe("closed-form figures (constant processes)", () => {
  it("cold: throughput min(producer, consumer), never more onNext than requested, a paused producer", () => {
    for (const [producer, consumer] of [
      [100_000, 50_000],
      [30_000, 50_000],
    ]) {
      const s = { ...REACTIVE, producer, consumer };
      const t = drive(s, 20, { intervalSec: 0.1 });
      const x = t.samples;
      // Over [10 s, 20 s): exactly min(lambda, mu) per second, to one item.
      expect(Math.abs(x[200].consumed - x[100].consumed - 10 * Math.min(producer, consumer))).toBeLessThanOrEqual(1);
      expect(Math.abs(x[200].produced - x[100].produced - 10 * Math.min(producer, consumer))).toBeLessThanOrEqual(2);
      expect(offending(x, (q) => q.queued + q.inService > s.prefetch || q.delivered > q.requested)).toEqual([]);
      // Paused = no demand: from the 96th emission of a cycle to the next request.
      const paused = t.ctx.pausedSeconds / 20;
      expect(paused).toBeCloseTo(t.model.figures().producerPausedFraction as number, 3);
      expect(paused).toBeCloseTo(producer > consumer ? 1 - (95 / 96) * (consumer / producer) : 0, 3);
      expect(t.model.figures()).toMatchObject({
        throughputPerSec: Math.min(producer, consumer),
        firstRequest: 128,
        replenishRequest: 96,
      });
    }
  });

  it("limitRate: request(128) first, then request(96) every 96 consumed, at throughput / 96 per second", () => {
    const t = drive({ ...REACTIVE }, 20, { intervalSec: 0.1 });
    const requests = t.signals.filter((s) => s.kind === "request").map((s) => s.n);
    expect(requests[0]).toBe(128);
    expect(new Set(requests.slice(1))).toEqual(new Set([96]));
    // Steady state: one request per 96 items consumed, 50,000 / 96 per second.
    const perSec = (t.samples[200].rsRequests - t.samples[100].rsRequests) / 10;
    expect(perSec).toBeCloseTo(50_000 / 96, 0);
    expect(t.model.figures()).toMatchObject({ requestRatePerSec: 50_000 / 96 });
    // Each request follows exactly 96 completions: the request count is consumed / 96 (plus the first).
    const last = t.samples[200];
    expect(last.rsRequests).toBe(1 + Math.floor(last.consumed / 96));
  });

  it("hot + drop discards at lambda - mu, and latest keeps one", () => {
    for (const overflow of ["drop", "latest", "drop-latest", "drop-oldest"] as Overflow[]) {
      const s = { ...REACTIVE, publisher: "hot" as const, overflow, capacity: 1000 };
      const t = drive(s, 20, { intervalSec: 0.1 });
      const x = t.samples;
      const rate = (x[200].dropped - x[100].dropped) / 10;
      expect(Math.abs(rate - 50_000)).toBeLessThan(2);
      expect(Math.abs((x[200].consumed - x[100].consumed) / 10 - 50_000)).toBeLessThan(1);
      if (overflow === "latest") expect(Math.max(...x.map((q) => q.rsBuffer))).toBe(1);
      expect(t.model.figures()).toMatchObject({ dropRatePerSec: 50_000 });
    }
  });

  it("hot + unbounded buffer dies of OOM at the predicted time, losing what it held, and stays down", () => {
    const s = { ...REACTIVE, publisher: "hot" as const };
    const sim = createSimulation(s);
    sim.advanceTo(130);
    const predicted = sim.modelFigures().timeToOomSec as number;
    expect(predicted).toBeCloseTo(120, 9);
    const sum = sim.summary();
    expect(Math.abs((sum.oomAt ?? NaN) - predicted)).toBeLessThan(1e-4);
    const oom = sim.readEvents().find((e) => e.kind === "oom")!;
    // 6,000,000 items fit in 6 GB; the one more that passed the limit went down with them.
    expect(oom.value).toBe(6_000_001);
    expect(sim.live().consumerUp).toBe(false);
    // Then every tick strictly before 130 s is emitted to nobody.
    expect(sum.lost).toBe(oom.value + Math.round((130 - (sum.oomAt ?? 0)) * 100_000) - 1);
    // Before, what it held grew at lambda - mu, nearly all of it in the buffer (the subscriber
    // holds prefetch - consumed since its last request).
    const queued = sim.column("queued");
    const buffer = sim.column("rsBuffer");
    expect(Math.abs(queued[600] - queued[500] - 500_000)).toBeLessThanOrEqual(2);
    expect(Math.abs(buffer[600] - buffer[500] - 500_000)).toBeLessThanOrEqual(96);
    expect(sim.column("rsBuffer")[1250]).toBe(0);
  });

  it("hot + error: the overflow fails the stream inside the predicted window; the buffer is lost; restart resubscribes", () => {
    const s = { ...REACTIVE, publisher: "hot" as const, overflow: "error" as const, capacity: 5000, restart: 0.5 };
    const t = drive(s, 1.4, { intervalSec: 0.01 });
    const failure = t.events.find((e) => e.kind === "overflow-error")!;
    const [lo, hi] = t.model.figures().overflowErrorWindowSec as [number, number];
    expect(failure.timeSec).toBeGreaterThanOrEqual(lo - 1e-4);
    expect(failure.timeSec).toBeLessThanOrEqual(hi + 1e-4);
    // What the buffer held and the item that overflowed it.
    expect(failure.value).toBe(5001);
    const subs = new Set(t.signals.map((x) => x.subscription));
    expect(subs.size).toBeGreaterThanOrEqual(2);
    expect(
      ruleViolations(
        t.signals,
        () => 128,
        () => 96,
      ),
    ).toEqual([]);
    const requestsAfter = t.events.filter((e) => e.kind === "request" && e.timeSec > failure.timeSec);
    expect(requestsAfter[0].timeSec).toBeGreaterThanOrEqual(failure.timeSec + 0.5);
    expect(requestsAfter[0].value).toBe(128);
  });

  it("random processes: a cold source runs at the consumer's pace; a hot buffer grows at lambda - mu", () => {
    const random = {
      ...REACTIVE,
      arrivals: "poisson" as const,
      service: "exponential" as const,
      producer: 20_000,
      consumer: 10_000,
      seed: 21,
    };
    const cold = createSimulation(random);
    cold.advanceTo(10);
    const c = cold.readSamples(0).columns;
    // The subscriber's prefetch keeps it busy: throughput within a few percent of mu.
    expect((c.consumed[100] - c.consumed[20]) / 8).toBeGreaterThan(0.97 * 10_000);
    expect((c.consumed[100] - c.consumed[20]) / 8).toBeLessThan(1.03 * 10_000);
    expect(Math.max(...c.queued.map((q, i) => q + c.inService[i]))).toBeLessThanOrEqual(128);
    const hot = createSimulation({ ...random, publisher: "hot", memory: 1e13 });
    hot.advanceTo(10);
    const h = hot.readSamples(0).columns;
    // Poisson in, exponential out: the backlog's growth over 8 s has a standard deviation of
    // about sqrt((lambda + mu) 8) = 490 items; allow 5 of them.
    expect(Math.abs(h.queued[100] + h.inService[100] - (h.queued[20] + h.inService[20]) - 80_000)).toBeLessThan(2_500);
    expect(hot.summary().work.bulkSteps).toBeGreaterThan(0);
    expect(h.rsRequests[100]).toBe(1 + Math.floor(h.consumed[100] / 96));
  });

  it("the overflow error is logged even when requests fill the log's windows (small prefetch)", () => {
    const sim = createSimulation({ ...REACTIVE, publisher: "hot", overflow: "error", prefetch: 4, capacity: 1000 });
    sim.advanceTo(0.5);
    const events = sim.readEvents();
    expect(events.filter((e) => e.kind === "request").length).toBeGreaterThan(60);
    const failure = events.filter((e) => e.kind === "overflow-error");
    expect(failure).toHaveLength(1);
    expect(failure[0].value).toBe(1001);
    expect(sim.live().lost).toBeGreaterThan(1001);
  });

  it("figures for the command line: sizes, rates, bounds", () => {
    const cold = createSimulation({ ...REACTIVE }).modelFigures();
    expect(cold).toMatchObject({
      mechanism: "reactive",
      publisher: "cold",
      firstRequest: 128,
      replenishRequest: 96,
      throughputPerSec: 50_000,
      producerEffectiveRatePerSec: 50_000,
      subscriberQueueMax: 128,
    });
    expect(cold.producerPausedFraction).toBeCloseTo(1 - (95 / 96) * 0.5, 12);
    const hot = createSimulation({
      ...REACTIVE,
      publisher: "hot",
      overflow: "drop-oldest",
      capacity: 1000,
    }).modelFigures();
    expect(hot).toMatchObject({
      overflow: "drop-oldest",
      overflowBound: 1000,
      dropRatePerSec: 50_000,
      memoryBoundBytes: (128 + 1000) * 1000,
    });
    expect(JSON.parse(JSON.stringify(hot))).toEqual(hot);
  });
});

describe("the engine runs it as strategy=reactive", () => {
  it("registers the factory; fills the rs* columns and leaves the other mechanisms' NaN", () => {
    expect(modelOf("reactive")).toBe("reactive");
    expect(MODELS.reactive).toBeTypeOf("function");
    const sim = createSimulation({ ...REACTIVE, memory: 6 * GB });
    sim.advanceTo(1);
    const last = sim.readSamples(sim.sampleCount - 1);
    expect(last.columns.rsRequests[0]).toBeGreaterThan(100);
    expect(last.columns.rsDemand[0]).toBeGreaterThanOrEqual(0);
    expect(last.columns.rsBuffer[0]).toBe(0);
    expect(last.columns.tcpWindowBytes[0]).toBeNaN();
    expect(last.columns.kafkaLagRecords[0]).toBeNaN();
    expect(sim.readEvents().some((e) => e.kind === "request" && e.value === 128)).toBe(true);
  });

  it("works per request, not per item: the default 180 s is a few thousand steps for 9,000,000 items", () => {
    for (const publisher of ["cold", "hot"] as const) {
      const sim = createSimulation({ ...REACTIVE, publisher });
      sim.advanceTo(180);
      const { work, consumed } = sim.summary();
      expect(consumed).toBeGreaterThan(5_000_000);
      expect(work.perEventSteps + work.bulkSteps).toBeLessThan(20_000);
    }
  });

  it("a checkpoint (clone) continues exactly like the original", () => {
    const s = {
      ...REACTIVE,
      publisher: "hot" as const,
      overflow: "latest" as const,
      arrivals: "poisson" as const,
      producer: 20_000,
      consumer: 10_000,
      seed: 5,
    };
    const a = createSimulation(s, { sampleIntervalSec: 0.05 });
    a.advanceTo(0.5);
    const b = a.clone();
    a.advanceTo(1.5);
    b.advanceTo(1.5);
    for (const name of ["produced", "consumed", "dropped", "queued", "rsDemand", "rsRequests", "rsBuffer"] as const) {
      expect(Array.from(b.column(name)), name).toEqual(Array.from(a.column(name)));
    }
  });

  it("switching to a queue strategy and back counts what the mechanism held as dropped", () => {
    const sim = createSimulation({ ...REACTIVE, publisher: "hot" });
    sim.advanceTo(1);
    const held = sim.live().queued + sim.live().inService;
    const dropped = sim.live().dropped;
    sim.setScenario({ ...sim.scenario, strategy: "unbounded" });
    expect(sim.live().dropped).toBe(dropped + held);
    sim.setScenario({ ...sim.scenario, strategy: "reactive" });
    sim.advanceTo(2);
    const c = sim.readSamples(0).columns;
    for (let i = 0; i < sim.sampleCount; i++) {
      expect(c.produced[i]).toBe(
        c.consumed[i] + c.queued[i] + c.inService[i] + c.upstreamQueued[i] + c.dropped[i] + c.lost[i],
      );
    }
  });
});
