/**
 * The app store: one zustand store built from slices (scenario, playback, readouts, ui).
 * Components select one value at a time; frame-rate data (samples, events, the crosshair) never
 * enters it - see web/runtime/.
 */
import { createStore, type StoreApi } from "zustand/vanilla";
import type { DecodeWarning } from "../../src-sim/scenario/codec";
import type { ScenarioChange } from "../../src-sim/scenario/changes";
import type { Scenario } from "../../src-sim/scenario/params";
import type { Speed } from "../../src-sim/worker/protocol";
import type { SimCommands } from "./commands";
import { createPlaybackSlice, type PlaybackSlice } from "./playbackSlice";
import { createReadoutsSlice, type ReadoutsSlice } from "./readoutsSlice";
import { createScenarioSlice, type ScenarioSlice } from "./scenarioSlice";
import { createUiSlice, type ThemeChoice, type UiSlice } from "./uiSlice";

/** The whole store's state. */
export type AppState = ScenarioSlice & PlaybackSlice & ReadoutsSlice & UiSlice;

/** The store as a vanilla zustand store (React binds to it through StoreContext). */
export type AppStore = StoreApi<AppState>;

/** What the page starts with. */
export interface AppStoreOptions {
  commands: SimCommands;
  scenario: Scenario;
  linkWarnings?: DecodeWarning[];
  /** The link's timeline of changes. */
  changes?: readonly ScenarioChange[];
  speed?: Speed;
  theme?: ThemeChoice;
  /** The link's `theory=` (null or absent: the page's default). */
  theoryLines?: boolean | null;
}

/** Default playback speed: the story's 120 s to out-of-memory takes 12 s to watch. */
export const DEFAULT_SPEED: Speed = 10;

/** Creates the app store. */
export function createAppStore(options: AppStoreOptions): AppStore {
  const { commands } = options;
  return createStore<AppState>()((...a) => ({
    ...createScenarioSlice(commands, options.scenario, options.linkWarnings ?? [], options.changes ?? [])(...a),
    ...createPlaybackSlice(commands, options.speed ?? DEFAULT_SPEED)(...a),
    ...createReadoutsSlice(...a),
    ...createUiSlice(commands, options.theme ?? "system", options.theoryLines ?? null)(...a),
  }));
}
