/**
 * Presets as scenarios: each preset's scenario and timeline of changes decoded once, and which
 * preset (if any) the run is, so the gallery can mark it as current.
 */
import { sameChanges, type ScenarioChange } from "../../src-sim/scenario/changes";
import { decodeScenario, type DecodeResult } from "../../src-sim/scenario/codec";
import type { Scenario } from "../../src-sim/scenario/params";
import { PRESETS, type Preset } from "../../src-sim/scenario/presets";
import { sameSimulation } from "../../src-sim/scenario/sameSimulation";

const DECODED: ReadonlyMap<string, DecodeResult> = new Map(PRESETS.map((p) => [p.id, decodeScenario(p.query)]));

/** The preset's scenario, opening at t = 0. */
export function presetScenario(preset: Preset): Scenario {
  return { ...DECODED.get(preset.id)!.scenario };
}

/** The preset's timeline of changes (empty for most). */
export function presetChanges(preset: Preset): ScenarioChange[] {
  return DECODED.get(preset.id)!.changes.map((c) => ({ ...c }));
}

/** The preset whose scenario and changes the run has (the moment aside), or undefined. */
export function matchingPreset(scenario: Scenario, changes: readonly ScenarioChange[] = []): Preset | undefined {
  return PRESETS.find((p) => {
    const d = DECODED.get(p.id)!;
    return sameSimulation(d.scenario, scenario) && sameChanges(d.changes, changes);
  });
}
