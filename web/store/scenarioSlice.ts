/**
 * The scenario slice: the scenario the run starts with and its timeline of changes (what the URL
 * follows), and the parameters in force at the current moment (what the controls show). Edits go
 * through `reconcile` so the controls obey the same rules as a decoded link (low <= high <=
 * capacity). An edit either applies from the current moment, recorded on the timeline of changes
 * (changes recorded after that moment are replaced, as an editor would, and the page says so), or
 * to the whole run (the starting scenario; nothing recorded).
 */
import type { StateCreator } from "zustand";
import type { DecodeWarning } from "../../src-sim/scenario/codec";
import { reconcile } from "../../src-sim/scenario/codec";
import { diffChanges, roundChangeTime, sameChanges, type ScenarioChange } from "../../src-sim/scenario/changes";
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

/** Where an edit applies: from the current moment (recorded) or to the whole run (not recorded). */
export type ChangeMode = "record" | "whole";

/** Scenario state and actions. */
export interface ScenarioSlice {
  /** The parameters in force at the current moment. */
  scenario: Scenario;
  /** The scenario the run starts with (t = 0), before any change; `t` is the moment the URL keeps. */
  base: Scenario;
  /** The run's timeline of changes, in time order. */
  changes: ScenarioChange[];
  /** Where the next edit applies. */
  changeMode: ChangeMode;
  setChangeMode: (mode: ChangeMode) => void;
  /** What the last edit did to the later history (shown until dismissed), or null. */
  historyNotice: string | null;
  dismissHistoryNotice: () => void;
  /** Removes the change at `index` of {@link ScenarioSlice.changes}. */
  removeChange: (index: number) => void;
  /** What the opening link had wrong (shown in a banner until dismissed). */
  linkWarnings: DecodeWarning[];
  /** Sets one parameter (numbers already in the parameter's unit) and tells the simulation. */
  setParam: (key: ParamKey, value: number | string) => void;
  /**
   * Adopts what the worker reports: the scenario in force (after a seek across a change), the
   * starting scenario and the timeline of changes; no echo.
   */
  adoptScenario: (scenario: Scenario, base?: Scenario, changes?: ScenarioChange[]) => void;
  /** Hides the link warnings banner. */
  dismissLinkWarnings: () => void;
  /** The latest whole-scenario navigation (see {@link Navigation}). */
  navigation: Navigation;
  /**
   * Replaces the whole scenario (a preset, or the entry Back/Forward reached): a fresh run,
   * replayed to `scenario.t` and paused there. `warnings` are what that link had wrong.
   */
  openScenario: (
    scenario: Scenario,
    kind: NavigationKind,
    warnings?: DecodeWarning[],
    changes?: readonly ScenarioChange[],
  ) => void;
  /** Strategies the engine can run (reported by the worker; mechanisms land one by one). */
  availableStrategies: readonly Strategy[];
  setAvailableStrategies: (strategies: readonly Strategy[]) => void;
}

/** Creates the scenario slice around the simulation commands. */
export function createScenarioSlice(
  commands: SimCommands,
  initial: Scenario,
  linkWarnings: DecodeWarning[],
  initialChanges: readonly ScenarioChange[] = [],
): StateCreator<AppState, [], [], ScenarioSlice> {
  return (set, get) => ({
    scenario: { ...initial },
    base: { ...initial },
    changes: initialChanges.map((c) => ({ ...c })),
    linkWarnings,
    changeMode: "record",
    setChangeMode: (mode) => set({ changeMode: mode }),
    historyNotice: null,
    dismissHistoryNotice: () => set({ historyNotice: null }),
    removeChange: (index) => {
      const changes = get().changes.filter((_, i) => i !== index);
      if (changes.length === get().changes.length) return;
      set({ changes });
      commands.setChanges(changes);
    },
    setParam: (key, value) => {
      const state = get();
      const current = state.scenario;
      if (current[key] === value) return;
      const next = reconcile({ ...current, [key]: value } as Scenario);
      // The run's span belongs to the whole run, as does any edit at the start.
      const whole = state.changeMode === "whole" || key === "duration" || key === "t";
      if (whole) {
        const base = reconcile({ ...state.base, [key]: value } as Scenario);
        set({ scenario: next, base, historyNotice: null });
        commands.setBase(base);
        return;
      }
      const atSec = roundChangeTime(state.timeSec);
      const kept = state.changes.filter((c) => c.atSec <= atSec + 1e-9);
      const replaced = state.changes.length - kept.length;
      const changes = atSec > 0 ? [...kept, ...diffChanges(current, next, atSec)] : [];
      set({
        scenario: next,
        // At t = 0 the edit is the start of the run; later changes are replaced all the same.
        base: atSec > 0 ? state.base : { ...next, t: state.base.t },
        changes,
        historyNotice:
          replaced > 0
            ? `Changed at ${atSec} s: ${replaced === 1 ? "the change" : `the ${replaced} changes`} recorded after this moment ${replaced === 1 ? "was" : "were"} replaced.`
            : null,
      });
      commands.setScenario(next);
    },
    adoptScenario: (scenario, base, changes) => {
      // `t` is the page's, not the worker's: keep ours so the URL keeps its moment.
      const state = get();
      if (!sameSimulation(state.scenario, scenario)) set({ scenario: { ...scenario, t: state.scenario.t } });
      if (base && !sameSimulation(state.base, base)) set({ base: { ...base, t: state.base.t } });
      if (changes && !sameChanges(state.changes, changes)) set({ changes });
    },
    dismissLinkWarnings: () => set({ linkWarnings: [] }),
    navigation: { id: 0, kind: "pop" },
    openScenario: (scenario, kind, warnings = [], changes = []) => {
      const next = reconcile({ ...scenario });
      const list = changes.map((c) => ({ ...c }));
      set({
        scenario: next,
        base: next,
        changes: list,
        historyNotice: null,
        linkWarnings: warnings,
        navigation: { id: get().navigation.id + 1, kind },
      });
      commands.load(next, get().speed, list);
    },
    availableStrategies: STRATEGIES,
    setAvailableStrategies: (strategies) => {
      if (strategies.join() !== get().availableStrategies.join()) set({ availableStrategies: strategies });
    },
  });
}
