/**
 * Presets as scenarios: each preset's scenario decoded once, and which preset (if any) the
 * scenario in force is, so the gallery can mark it as current.
 */
import { decodeScenario } from "../../src-sim/scenario/codec";
import type { Scenario } from "../../src-sim/scenario/params";
import { PRESETS, type Preset } from "../../src-sim/scenario/presets";
import { sameSimulation } from "../../src-sim/scenario/sameSimulation";

const SCENARIOS: ReadonlyMap<string, Scenario> = new Map(PRESETS.map((p) => [p.id, decodeScenario(p.query).scenario]));

/** The preset's scenario, opening at t = 0. */
export function presetScenario(preset: Preset): Scenario {
  return { ...SCENARIOS.get(preset.id)! };
}

/** The preset whose scenario `scenario` simulates (the moment aside), or undefined. */
export function matchingPreset(scenario: Scenario): Preset | undefined {
  return PRESETS.find((p) => sameSimulation(SCENARIOS.get(p.id)!, scenario));
}
