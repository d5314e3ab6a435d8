/**
 * fast-check generators of mid-run changes: a key of the parameter table and a new value for it,
 * sized so that runs stay small (rates of a few thousand events/s, memory limits of a few thousand
 * events) while every strategy, producer reaction and mechanism parameter can be changed.
 */
import fc from "fast-check";
import { PARAMS, type EnumParam, type ParamKey, type Scenario } from "../../src-sim/scenario/params";
import { STRATEGIES } from "../../src-sim/scenario/strategies";
import { clampParam } from "../../src-sim/scenario/codec";

/** One mid-run change: after `afterSec` more seconds, `key` takes the value `u` maps to. */
export interface RandomChange {
  afterSec: number;
  key: ParamKey;
  /** A uniform draw in [0, 1) that {@link changedScenario} maps into the key's small range. */
  u: number;
  /** For enum keys: the index of the value. */
  pick: number;
}

/** Keys a running scenario may change (not the run's span or the moment to open at). */
export const CHANGEABLE_KEYS: readonly ParamKey[] = PARAMS.map((p) => p.key).filter(
  (k) => k !== "duration" && k !== "t",
);

/** A random change, 0.05 to 0.6 s after the previous one (on a 0.05 s grid). */
export const randomChange: fc.Arbitrary<RandomChange> = fc.record({
  afterSec: fc.integer({ min: 1, max: 12 }).map((k) => k * 0.05),
  key: fc.constantFrom(...CHANGEABLE_KEYS),
  u: fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
  pick: fc.nat({ max: 1000 }),
});

/** A strategy of the table, any one. */
export const anyStrategy = fc.constantFrom(...STRATEGIES);

const lerpInt = (lo: number, hi: number, u: number) => Math.floor(lo + (hi - lo + 1) * u);

/** Keys whose full range is cheap to simulate; the rest get a small range below. */
const SMALL: Partial<Record<ParamKey, (s: Scenario, u: number) => number>> = {
  producer: (_s, u) => lerpInt(50, 3000, u),
  consumer: (_s, u) => lerpInt(50, 3000, u),
  // The memory limits are set in events of the current size (a few hundred to 20,000 of them).
  eventBytes: (s, u) => Math.max(Math.ceil(s.memory / 20_000), lerpInt(1, 2000, u)),
  memory: (s, u) => Math.max(1_000_000, lerpInt(200, 20_000, u) * s.eventBytes),
  baseline: (s, u) => lerpInt(0, 500, u) * s.eventBytes,
  producerMemory: (s, u) => Math.max(1_000_000, lerpInt(200, 20_000, u) * s.eventBytes),
  capacity: (_s, u) => lerpInt(1, 3000, u),
  high: (s, u) => lerpInt(1, Math.max(1, s.capacity), u),
  low: (s, u) => lerpInt(0, s.high, u),
  signalDelay: (_s, u) => (u < 0.3 ? 0 : u * 0.3),
  restart: (_s, u) => (u < 0.3 ? 0 : u * 0.5),
  seed: (_s, u) => lerpInt(1, 1_000_000, u),
  maxPollRecords: (_s, u) => lerpInt(1, 2000, u),
  // Short enough that a slow batch gets the consumer evicted.
  maxPollInterval: (_s, u) => 0.1 + u * 0.5,
  rebalance: (_s, u) => u * 0.5,
  autoCommitInterval: (_s, u) => 0.01 + u * 1,
  retention: (_s, u) => 1 + u * 5,
  prefetch: (_s, u) => lerpInt(1, 2000, u),
  // Workload shapes at small rates, with breakpoints inside the short runs.
  shapeRate: (_s, u) => lerpInt(50, 3000, u),
  shapeAt: (_s, u) => Math.round(u * 20) / 10,
  shapePeriod: (_s, u) => 0.1 + Math.round(u * 20) / 10,
  // Small receive buffers reach a zero window at these rates.
  rcvBuf: (_s, u) => lerpInt(4096, 65_536, u),
};

/** `s` with the change applied (a copy); values land on the parameter's step and range. */
export function changedScenario(s: Scenario, change: RandomChange): Scenario {
  const param = PARAMS.find((p) => p.key === change.key);
  if (!param) throw new Error(`unknown key ${change.key}`);
  const next = { ...s } as Record<ParamKey, number | string>;
  if (param.kind === "enum") {
    const values = (param as EnumParam).values;
    next[change.key] = values[change.pick % values.length];
  } else {
    const small = SMALL[change.key];
    const raw = small ? small(s, change.u) : sampleFull(change.key, change.u);
    next[change.key] = clampParam(param, raw) + 0;
  }
  return next as unknown as Scenario;
}

/** A value of the parameter's full range (log ranges drawn by exponent). */
function sampleFull(key: ParamKey, u: number): number {
  const param = PARAMS.find((p) => p.key === key);
  if (!param || param.kind !== "number") throw new Error(`not a number key: ${key}`);
  const lo = Math.max(param.min, param.logFloor ?? 1e-6);
  return param.scale === "log" ? lo * Math.pow(param.max / lo, u) : param.min + (param.max - param.min) * u;
}
