/**
 * The UI slice: preferences and page-level conditions that are not part of the scenario (theme,
 * the queue chart's axis scale, a worker failure).
 */
import type { StateCreator } from "zustand";
import type { EventKind } from "../../src-sim/engine/types";
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
  /**
   * Whether playback stops at an out-of-memory crash (the consumer's or the producer buffer's),
   * on the sample that shows it. On by default: the crash is the story's lesson, and a run that
   * plays on past it reads as a queue that drained. Play goes on from there.
   */
  stopAtOom: boolean;
  setStopAtOom: (on: boolean) => void;
  setTheme: (theme: ThemeChoice) => void;
  setQueueScale: (scale: AxisScale) => void;
  showWorkerError: (message: string) => void;
  /** Starts a fresh worker on the current scenario and clears the error. */
  recover: () => void;
}

/** Event kinds playback stops at, given the "stop at OOM" choice. */
export function stopKinds(stopAtOom: boolean): readonly EventKind[] {
  return stopAtOom ? OOM_KINDS : [];
}

/** The crashes "stop at OOM" means: the consumer's and the producer buffer's. */
export const OOM_KINDS: readonly EventKind[] = ["oom", "producer-oom"];

/** Creates the UI slice. */
export function createUiSlice(commands: SimCommands, theme: ThemeChoice): StateCreator<AppState, [], [], UiSlice> {
  return (set, get) => ({
    theme,
    queueScale: "linear",
    workerError: null,
    stopAtOom: true,
    setStopAtOom: (on) => {
      set({ stopAtOom: on });
      // A run already playing takes the new choice at once.
      if (get().playing) commands.play(stopKinds(on));
    },
    setTheme: (next) => set({ theme: next }),
    setQueueScale: (scale) => set({ queueScale: scale }),
    showWorkerError: (message) => set({ workerError: message, playing: false }),
    recover: () => {
      set({ workerError: null });
      commands.recover(get().scenario, get().speed);
    },
  });
}
