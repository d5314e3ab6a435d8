/**
 * The UI slice: preferences and page-level conditions that are not part of the scenario (theme,
 * the queue chart's axis scale, a worker failure).
 */
import type { StateCreator } from "zustand";
import type { AppState } from "./appStore";
import type { SimCommands } from "./commands";

/** A theme choice; "system" follows the operating system's setting. */
export type ThemeChoice = "system" | "light" | "dark";

/** Axis scale of the queue depth chart. */
export type AxisScale = "linear" | "log";

/** UI state and actions. */
export interface UiSlice {
  theme: ThemeChoice;
  queueScale: AxisScale;
  /** A worker failure to show, or null. */
  workerError: string | null;
  setTheme: (theme: ThemeChoice) => void;
  setQueueScale: (scale: AxisScale) => void;
  showWorkerError: (message: string) => void;
  /** Starts a fresh worker on the current scenario and clears the error. */
  recover: () => void;
}

/** Creates the UI slice. */
export function createUiSlice(commands: SimCommands, theme: ThemeChoice): StateCreator<AppState, [], [], UiSlice> {
  return (set, get) => ({
    theme,
    queueScale: "linear",
    workerError: null,
    setTheme: (next) => set({ theme: next }),
    setQueueScale: (scale) => set({ queueScale: scale }),
    showWorkerError: (message) => set({ workerError: message, playing: false }),
    recover: () => {
      set({ workerError: null });
      commands.recover(get().base, get().speed, get().changes);
    },
  });
}
