/**
 * The scenario slice: the parameters in force, the source the URL follows. Edits go through
 * `reconcile` so the controls obey the same rules as a decoded link (low <= high <= capacity).
 */
import type { StateCreator } from "zustand";
import type { DecodeWarning } from "../../src-sim/scenario/codec";
import { reconcile } from "../../src-sim/scenario/codec";
import { STRATEGIES, type ParamKey, type Scenario, type Strategy } from "../../src-sim/scenario/params";
import { sameSimulation } from "../../src-sim/scenario/sameSimulation";
import type { AppState } from "./appStore";
import type { SimCommands } from "./commands";

/**
 * How the scenario last changed as a whole: "push" for a deliberate navigation (picking a preset),
 * which gets its own history entry; "pop" for Back/Forward, whose address is already right.
 */
export type NavigationKind = "push" | "pop";

/** The latest whole-scenario navigation; a new object each time (the URL follower compares them). */
export interface Navigation {
  /** Increases by one per navigation (0: the link the page opened with). */
  id: number;
  kind: NavigationKind;
}

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
  /** The latest whole-scenario navigation (see {@link Navigation}). */
  navigation: Navigation;
  /**
   * Replaces the whole scenario (a preset, or the entry Back/Forward reached): a fresh run,
   * replayed to `scenario.t` and paused there. `warnings` are what that link had wrong.
   */
  openScenario: (scenario: Scenario, kind: NavigationKind, warnings?: DecodeWarning[]) => void;
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
    navigation: { id: 0, kind: "pop" },
    openScenario: (scenario, kind, warnings = []) => {
      const next = reconcile({ ...scenario });
      set({ scenario: next, linkWarnings: warnings, navigation: { id: get().navigation.id + 1, kind } });
      commands.load(next, get().speed);
    },
    availableStrategies: STRATEGIES,
    setAvailableStrategies: (strategies) => {
      if (strategies.join() !== get().availableStrategies.join()) set({ availableStrategies: strategies });
    },
  });
}
