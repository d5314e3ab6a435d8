/**
 * fast-check generators of scenarios, derived from the scenario table so that a parameter added
 * to the table is generated (and round-tripped) without touching the tests.
 */
import { STRATEGY_TABLE } from "../../src-sim/scenario/strategies";
import fc from "fast-check";
import { clampParam } from "../../src-sim/scenario/codec";
import { DEFAULT_SCENARIO, PARAMS, type NumberParam, type Param, type Scenario } from "../../src-sim/scenario/params";

/** Any value of a numeric parameter's range, snapped to its step, boundaries included. */
export function numberIn(param: NumberParam): fc.Arbitrary<number> {
  const raw = fc.oneof(
    fc.constant(param.min),
    fc.constant(param.max),
    fc.constant(param.default),
    fc.double({ min: param.min, max: param.max, noNaN: true, noDefaultInfinity: true }),
    // Log-scale ranges span decades: draw the exponent too, or big values dominate.
    fc.double({ min: 0, max: 1, noNaN: true }).map((u) => {
      const lo = Math.max(param.min, param.logFloor ?? 1e-6);
      return lo * Math.pow(param.max / lo, u);
    }),
  );
  // `+ 0` turns -0 into 0: the URL cannot tell them apart.
  return raw.map((v) => clampParam(param, v) + 0);
}

function valueOf(param: Param): fc.Arbitrary<number | string> {
  return param.kind === "number" ? numberIn(param) : fc.constantFrom(...param.values);
}

/**
 * Any valid scenario: every key in its range or enum, and the cross-key rules
 * low <= high <= capacity, t <= duration respected (so the codec must not change it).
 */
export const validScenario: fc.Arbitrary<Scenario> = fc
  .record(
    Object.fromEntries(PARAMS.map((p) => [p.key, valueOf(p)])) as Record<keyof Scenario, fc.Arbitrary<number | string>>,
  )
  .map((raw) => {
    const s = { ...raw } as unknown as Scenario;
    // Order the three depths and the two times instead of filtering (filters starve).
    const [low, high, capacity] = [s.low, s.high, s.capacity].sort((a, b) => a - b);
    s.capacity = Math.max(1, capacity);
    s.high = Math.max(1, high);
    s.low = low;
    if (s.high > s.capacity) s.high = s.capacity;
    if (s.low > s.high) s.low = s.high;
    if (s.t > s.duration) [s.t, s.duration] = [s.duration, s.t];
    if (s.duration < 1) s.duration = 1;
    if (s.t > s.duration) s.t = s.duration;
    return s;
  });

/** Checks the properties every decoded scenario must have; returns the problems found. */
export function scenarioProblems(s: Scenario): string[] {
  const problems: string[] = [];
  for (const p of PARAMS) {
    const v = (s as unknown as Record<string, number | string>)[p.key];
    if (p.kind === "enum") {
      if (!p.values.includes(v as string)) problems.push(`${p.key}=${String(v)} is not a known value`);
      continue;
    }
    if (typeof v !== "number" || !Number.isFinite(v)) problems.push(`${p.key}=${String(v)} is not a finite number`);
    else if (v < p.min || v > p.max) problems.push(`${p.key}=${v} is outside [${p.min}, ${p.max}]`);
    else if (p.step > 0 && Math.abs(v / p.step - Math.round(v / p.step)) > 1e-9)
      problems.push(`${p.key}=${v} is off step ${p.step}`);
  }
  // The rules between keys that hold under the scenario's strategy (the strategy table's repairs).
  const rules = STRATEGY_TABLE[s.strategy].repairs;
  if (rules.includes("high-at-most-capacity") && s.high > s.capacity) problems.push("high > capacity");
  if (rules.includes("low-at-most-high") && s.low > s.high) problems.push("low > high");
  if (s.t > s.duration) problems.push("t > duration");
  if (Object.keys(s).length !== PARAMS.length) problems.push(`has ${Object.keys(s).length} keys`);
  return problems;
}

/**
 * Small, fast runs for engine properties: rates and capacities low enough that a few simulated
 * seconds cost a few thousand events, every strategy and producer reaction, OOM and restarts
 * reachable (memory limits of a few thousand events).
 */
export const smallScenario: fc.Arbitrary<Scenario> = fc
  .record({
    strategy: fc.constantFrom("unbounded", "drop-newest", "drop-oldest", "block", "watermark" as const),
    producer: fc.integer({ min: 1, max: 4000 }),
    consumer: fc.integer({ min: 1, max: 4000 }),
    arrivals: fc.constantFrom("constant", "poisson" as const),
    service: fc.constantFrom("constant", "exponential" as const),
    eventBytes: fc.integer({ min: 1, max: 2000 }),
    memoryEvents: fc.integer({ min: 1000, max: 20000 }),
    baselineEvents: fc.integer({ min: 0, max: 500 }),
    capacity: fc.integer({ min: 1, max: 3000 }),
    highFrac: fc.double({ min: 0, max: 1, noNaN: true }),
    lowFrac: fc.double({ min: 0, max: 1, noNaN: true }),
    signalDelay: fc.oneof(fc.constant(0), fc.double({ min: 0.0001, max: 0.5, noNaN: true })),
    onPause: fc.constantFrom("slow", "buffer", "drop" as const),
    producerMemoryEvents: fc.integer({ min: 1000, max: 20000 }),
    restart: fc.oneof(fc.constant(0), fc.double({ min: 0.01, max: 1, noNaN: true })),
    seed: fc.integer({ min: 1, max: 1_000_000 }),
  })
  .map((r): Scenario => {
    // Memory limits have a floor of 1 MB in the table; express them as a count of events.
    const eventBytes = Math.max(r.eventBytes, Math.ceil(1_000_000 / r.memoryEvents));
    const high = Math.max(1, Math.round(r.highFrac * r.capacity));
    const low = Math.min(high, Math.round(r.lowFrac * high));
    return {
      ...DEFAULT_SCENARIO,
      strategy: r.strategy,
      producer: r.producer,
      consumer: r.consumer,
      arrivals: r.arrivals,
      service: r.service,
      eventBytes,
      memory: Math.max(1_000_000, r.memoryEvents * eventBytes),
      baseline: r.baselineEvents * eventBytes,
      capacity: r.capacity,
      high,
      low,
      signalDelay: r.signalDelay,
      onPause: r.onPause,
      producerMemory: Math.max(1_000_000, r.producerMemoryEvents * eventBytes),
      restart: r.restart,
      seed: r.seed,
      duration: 10,
      t: 0,
    };
  });
