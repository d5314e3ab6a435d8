/**
 * The UI slice: preferences and page-level conditions that are not part of the scenario (theme,
 * the queue chart's axis scale, a worker failure).
 */
import type { StateCreator } from "zustand";
import type { EventKind } from "../../src-sim/engine/types";
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
  /**
   * Whether playback stops at an out-of-memory crash (the consumer's or the producer buffer's),
   * on the sample that shows it. On by default: the crash is the story's lesson, and a run that
   * plays on past it reads as a queue that drained. Play goes on from there.
   */
  stopAtOom: boolean;
  setStopAtOom: (on: boolean) => void;
  /**
   * Whether the charts draw the theory lines (web/charts/theoryLines.ts): the fluid line and its
   * OOM moment, Lq and W, window / RTT, the watermark period. Off by default on the page (the
   * "Theory and this run" table already sets theory beside the run, and the charts are busy
   * enough for a first look); a story chapter turns it on. The link carries it as `theory=`.
   */
  theoryLines: boolean;
  /** The page's default for {@link theoryLines}: a link writes `theory=` only when it differs. */
  theoryLinesDefault: boolean;
  setTheoryLines: (on: boolean) => void;
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

/** Whether the ordinary page draws the theory lines before the reader asks (see UiSlice.theoryLines). */
export const THEORY_LINES_DEFAULT = false;

/** Event kinds playback stops at, given the "stop at OOM" choice. */
export function stopKinds(stopAtOom: boolean): readonly EventKind[] {
  return stopAtOom ? OOM_KINDS : [];
}

/** The crashes "stop at OOM" means: the consumer's and the producer buffer's. */
export const OOM_KINDS: readonly EventKind[] = ["oom", "producer-oom"];

/** Creates the UI slice. */
export function createUiSlice(
  commands: SimCommands,
  theme: ThemeChoice,
  theoryLines: boolean | null = null,
): StateCreator<AppState, [], [], UiSlice> {
  return (set, get) => ({
    theme,
    theoryLines: theoryLines ?? THEORY_LINES_DEFAULT,
    theoryLinesDefault: THEORY_LINES_DEFAULT,
    setTheoryLines: (on) => set({ theoryLines: on }),
    queueScale: "linear",
    workerError: null,
    stopAtOom: true,
    setStopAtOom: (on) => {
      set({ stopAtOom: on });
      // A run already playing takes the new choice at once.
      if (get().playing) commands.play(stopKinds(on));
    },
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
