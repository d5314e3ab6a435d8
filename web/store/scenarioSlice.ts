/**
 * The scenario slice: the parameters in force, the source the URL follows. Edits go through
 * `reconcile` so the controls obey the same rules as a decoded link (low <= high <= capacity).
 */
import type { StateCreator } from "zustand";
import type { DecodeWarning } from "../../src-sim/scenario/codec";
import { reconcile } from "../../src-sim/scenario/codec";
import { STRATEGIES, type ParamKey, type Scenario, type Strategy } from "../../src-sim/scenario/params";
import { sameSimulation } from "../../src-sim/worker/timeline";
import type { AppState } from "./appStore";
import type { SimCommands } from "./commands";

/** Scenario state and actions. */
export interface ScenarioSlice {
  /** The parameters in force at the current moment. */
  scenario: Scenario;
  /** What the opening link had wrong (shown in a banner until dismissed). */
  linkWarnings: DecodeWarning[];
  /** Sets one parameter (numbers already in the parameter's unit) and tells the simulation. */
  setParam: (key: ParamKey, value: number | string) => void;
  /** Adopts the scenario the worker reports (after a seek across a recorded change); no echo. */
  adoptScenario: (scenario: Scenario) => void;
  /** Hides the link warnings banner. */
  dismissLinkWarnings: () => void;
  /** Strategies the engine can run (reported by the worker; mechanisms land one by one). */
  availableStrategies: readonly Strategy[];
  setAvailableStrategies: (strategies: readonly Strategy[]) => void;
}

/** Creates the scenario slice around the simulation commands. */
export function createScenarioSlice(
  commands: SimCommands,
  initial: Scenario,
  linkWarnings: DecodeWarning[],
): StateCreator<AppState, [], [], ScenarioSlice> {
  return (set, get) => ({
    scenario: { ...initial },
    linkWarnings,
    setParam: (key, value) => {
      const current = get().scenario;
      if (current[key] === value) return;
      const next = reconcile({ ...current, [key]: value } as Scenario);
      set({ scenario: next });
      commands.setScenario(next);
    },
    adoptScenario: (scenario) => {
      // `t` is the page's, not the worker's: keep ours so the URL keeps its moment.
      const current = get().scenario;
      if (!sameSimulation(current, scenario)) set({ scenario: { ...scenario, t: current.t } });
    },
    dismissLinkWarnings: () => set({ linkWarnings: [] }),
    availableStrategies: STRATEGIES.slice(0, 5),
    setAvailableStrategies: (strategies) => {
      if (strategies.join() !== get().availableStrategies.join()) set({ availableStrategies: strategies });
    },
  });
}
