/**
 * The comparison's own state, beside the app store (which holds the shared workload as its
 * scenario, and the shared clock): the lanes, how the charts show them, and each lane's figures
 * as the worker last reported them. Every change to the lanes goes to the worker at once as every
 * lane's scenario (`onLanes`); the worker replays only the lanes whose scenario changed.
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import {
  MAX_LANES,
  MIN_LANES,
  laneLetter,
  laneScenario,
  sharedWorkload,
  type CompareView,
  type Comparison,
  type LaneSpec,
} from "../../src-sim/scenario/lanes";
import { STRATEGIES, type Scenario, type Strategy } from "../../src-sim/scenario/params";
import type { RunFigures } from "../../src-sim/sweep/figures";
import { STRATEGY_NAMES } from "../content/strategyText";

/** The comparison's state and actions. */
export interface CompareState {
  /** The shared workload (lane keys at their defaults); `t` is the moment the link opened at. */
  shared: Scenario;
  lanes: LaneSpec[];
  view: CompareView;
  /** Each lane's figures at the shared moment (null until the worker reports). */
  figures: Array<RunFigures | null>;
  setView: (view: CompareView) => void;
  /** Sets lane `index` to the lane a scenario describes (its strategy and lane keys). */
  setLane: (index: number, lane: LaneSpec) => void;
  /** Adds a lane (up to MAX_LANES), with a strategy the comparison does not have yet. */
  addLane: () => void;
  /** Removes lane `index` (down to MIN_LANES). */
  removeLane: (index: number) => void;
  /** Takes a new shared workload (from the app store's controls). */
  setShared: (shared: Scenario) => void;
  /** Records the worker's figures. */
  applyFigures: (figures: Array<RunFigures | null>) => void;
}

/** The comparison store. */
export type CompareStore = StoreApi<CompareState>;

/** Strategies offered for a new lane, in this order (the first one not in the comparison). */
const ADD_ORDER: readonly Strategy[] = ["block", "watermark", "drop-newest", "drop-oldest", "unbounded", ...STRATEGIES];

/** Each lane's scenario: the shared workload with the lane's strategy and keys. */
export function laneScenarios(state: Pick<CompareState, "shared" | "lanes">): Scenario[] {
  return state.lanes.map((lane) => laneScenario(state.shared, lane));
}

/** Each lane's name: "A · Unbounded". */
export function laneNames(lanes: readonly LaneSpec[]): string[] {
  return lanes.map((lane, i) => `${laneLetter(i)} · ${STRATEGY_NAMES[lane.strategy]}`);
}

/** Creates the comparison store; `onLanes` hears every lane's scenario after each change. */
export function createCompareStore(comparison: Comparison, onLanes: (scenarios: Scenario[]) => void): CompareStore {
  return createStore<CompareState>()((set, get) => {
    const changed = (next: Partial<CompareState>) => {
      const before = get().lanes.length;
      set(next);
      const state = get();
      if (state.lanes.length !== before) set({ figures: state.lanes.map(() => null) });
      onLanes(laneScenarios(state));
    };
    return {
      shared: { ...comparison.shared },
      lanes: comparison.lanes.map((l) => ({ strategy: l.strategy, params: { ...l.params } })),
      view: comparison.view,
      figures: comparison.lanes.map(() => null),
      setView: (view) => set({ view }),
      setLane: (index, lane) => {
        const lanes = get().lanes.slice();
        if (index < 0 || index >= lanes.length) return;
        lanes[index] = { strategy: lane.strategy, params: { ...lane.params } };
        changed({ lanes });
      },
      addLane: () => {
        const lanes = get().lanes;
        if (lanes.length >= MAX_LANES) return;
        const strategy = ADD_ORDER.find((s) => !lanes.some((l) => l.strategy === s)) ?? "block";
        changed({ lanes: [...lanes, { strategy, params: {} }] });
      },
      removeLane: (index) => {
        const lanes = get().lanes;
        if (lanes.length <= MIN_LANES) return;
        changed({ lanes: lanes.filter((_, i) => i !== index) });
      },
      setShared: (shared) => changed({ shared: { ...sharedWorkload(shared), t: shared.t } }),
      applyFigures: (figures) => set({ figures }),
    };
  });
}
