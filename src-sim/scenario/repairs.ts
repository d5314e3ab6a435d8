/**
 * The rules between keys, one named repair function each (as excalidraw's restore() repairs one
 * field at a time), applied in one place: {@link repairScenario}. The codec applies it to every
 * decoded link and reports each change; the page's store applies it to every edit, so the
 * controls obey the same rules as a link. Which rules hold depends on the strategy (the strategy
 * table's `repairs`): `high` is capped by `capacity` only where a capacity bounds the watermark
 * queue, so `strategy=kafka&high=50000` keeps its 50,000.
 */
import type { Scenario } from "./params";
import { STRATEGY_TABLE, type RepairName } from "./strategies";

/** A value a repair changed: the key, what was given, what is used, and why in plain words. */
export interface Repair {
  key: keyof Scenario;
  given: string;
  used: string;
  message: string;
}

type RepairFn = (s: Scenario) => Repair | null;

/** The watermark queue's pause mark cannot be above its capacity (MAX). */
function highAtMostCapacity(s: Scenario): Repair | null {
  if (s.high <= s.capacity) return null;
  const repair: Repair = {
    key: "high",
    given: String(s.high),
    used: String(s.capacity),
    message: `High watermark ${s.high} is above the capacity; using ${s.capacity}.`,
  };
  s.high = s.capacity;
  return repair;
}

/** Resume cannot be signalled above the pause mark. */
function lowAtMostHigh(s: Scenario): Repair | null {
  if (s.low <= s.high) return null;
  const repair: Repair = {
    key: "low",
    given: String(s.low),
    used: String(s.high),
    message: `Low watermark ${s.low} is above the high watermark; using ${s.high}.`,
  };
  s.low = s.high;
  return repair;
}

/** The moment to open at lies within the run. */
function timeWithinRun(s: Scenario): Repair | null {
  if (s.t <= s.duration) return null;
  const repair: Repair = {
    key: "t",
    given: String(s.t),
    used: String(s.duration),
    message: `Time ${s.t} s is past the end of the run; using ${s.duration} s.`,
  };
  s.t = s.duration;
  return repair;
}

/** The strategy-dependent rules by name (the strategy table refers to them by these names). */
export const REPAIRS: Readonly<Record<RepairName, RepairFn>> = {
  "high-at-most-capacity": highAtMostCapacity,
  "low-at-most-high": lowAtMostHigh,
};

/** Rules that hold under every strategy. */
const ALWAYS: readonly RepairFn[] = [timeWithinRun];

/**
 * Applies the rules between keys that hold under the scenario's strategy, then those that always
 * hold, and returns the repaired scenario (a copy) with one entry per changed value.
 */
export function repairScenario(scenario: Scenario): { scenario: Scenario; repairs: Repair[] } {
  const s = { ...scenario };
  const repairs: Repair[] = [];
  for (const name of STRATEGY_TABLE[s.strategy].repairs) {
    const r = REPAIRS[name](s);
    if (r) repairs.push(r);
  }
  for (const fn of ALWAYS) {
    const r = fn(s);
    if (r) repairs.push(r);
  }
  return { scenario: s, repairs };
}
