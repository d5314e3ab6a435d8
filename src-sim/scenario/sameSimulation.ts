/**
 * Whether two scenarios describe the same run. The worker's timeline uses it to skip a change that
 * changes nothing, and the page to match a scenario to a preset or to its link, so it lives here,
 * below both.
 */
import type { Scenario } from "./params";

/** True when two scenarios simulate the same thing (`t`, the moment to open at, is not simulated). */
export function sameSimulation(a: Scenario, b: Scenario): boolean {
  for (const key of Object.keys(a) as Array<keyof Scenario>) {
    if (key !== "t" && a[key] !== b[key]) return false;
  }
  return true;
}
