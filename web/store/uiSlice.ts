/**
 * The UI slice: preferences and page-level conditions that are not part of the scenario (theme,
 * the queue chart's axis scale, a worker failure).
 */
import type { StateCreator } from "zustand";
import type { AppState } from "./appStore";
import type { SimulationHost } from "../runtime/simClient";
import type { SimCommands } from "./commands";

/** A theme choice; "system" follows the operating system's setting. */
export type ThemeChoice = "system" | "light" | "dark";

/** Axis scale of the queue depth chart. */
export type AxisScale = "linear" | "log";

/** UI state and actions. */
export interface UiSlice {
  theme: ThemeChoice;
  queueScale: AxisScale;
  /** Why the simulation stopped (shown after "The simulation stopped."), or null while it runs. */
  workerError: string | null;
  /** Where the simulation runs: a worker, or the page's own thread where workers are not allowed. */
  simulationHost: SimulationHost;
  /**
   * Switches to a new version of the site that has been downloaded and waits (and reloads the
   * page); null while there is none.
   */
  pendingUpdate: (() => void) | null;
  setPendingUpdate: (apply: (() => void) | null) => void;
  setTheme: (theme: ThemeChoice) => void;
  setQueueScale: (scale: AxisScale) => void;
  /** Records a failure; the run stops where it was (Play shows again). */
  showWorkerError: (detail: string) => void;
  setSimulationHost: (host: SimulationHost) => void;
  /** Starts a fresh worker on the current scenario at the moment shown, and clears the error. */
  recover: () => void;
}

/** Creates the UI slice. */
export function createUiSlice(commands: SimCommands, theme: ThemeChoice): StateCreator<AppState, [], [], UiSlice> {
  return (set, get) => ({
    theme,
    queueScale: "linear",
    workerError: null,
    simulationHost: "worker",
    pendingUpdate: null,
    setPendingUpdate: (apply) => set({ pendingUpdate: apply }),
    setTheme: (next) => set({ theme: next }),
    setQueueScale: (scale) => set({ queueScale: scale }),
    showWorkerError: (detail) => set({ workerError: detail, playing: false, achievedSpeed: NaN }),
    setSimulationHost: (host) => {
      if (get().simulationHost !== host) set({ simulationHost: host });
    },
    recover: () => {
      set({ workerError: null });
      commands.recover(get().base, get().speed, get().timeSec, get().changes);
    },
  });
}
