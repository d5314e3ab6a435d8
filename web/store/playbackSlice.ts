/**
 * The playback slice: where the run stands and whether it moves. The worker is the truth:
 * actions only send commands, and `applyPlayback` (fed from frames, at most ~10 Hz while
 * playing) updates the state, so a button never shows a state the worker is not in.
 */
import type { StateCreator } from "zustand";
import type { Speed } from "../../src-sim/worker/protocol";
import type { AppState } from "./appStore";
import type { SimCommands } from "./commands";
import { stopKinds } from "./uiSlice";

/** Playback as last reported by the worker. */
export interface PlaybackState {
  playing: boolean;
  /** True when the run reached its duration. */
  ended: boolean;
  speed: Speed;
  /** Current simulated time, s. */
  timeSec: number;
  /** Simulated time between samples, s. */
  sampleIntervalSec: number;
  /**
   * Simulated seconds per wall second actually achieved while playing (below the chosen speed
   * when the engine cannot keep up, or the page applies backpressure); NaN when not measured.
   */
  achievedSpeed?: number;
}

/** A seek under way in the worker (opening a link far into a heavy run): where it stands. */
export interface SeekProgress {
  /** Simulated time computed so far, s. */
  timeSec: number;
  /** Simulated time the seek goes to, s. */
  targetSec: number;
}

/** Playback state and actions. */
export interface PlaybackSlice extends PlaybackState {
  /** The seek the worker is computing, or null when none is under way. */
  computing: SeekProgress | null;
  /** Records a seek's progress (null: it arrived). */
  applyProgress: (progress: SeekProgress | null) => void;
  play: () => void;
  pause: () => void;
  togglePlay: () => void;
  /** Moves by whole samples, pausing first (negative goes back). */
  step: (samples: number) => void;
  /** Jumps to a simulated time, s. */
  seek: (timeSec: number) => void;
  setSpeed: (speed: Speed) => void;
  /** Starts over at t = 0 with the run's scenario and timeline of changes. */
  reset: () => void;
  /** Records what the worker reported. */
  applyPlayback: (state: PlaybackState) => void;
}

/** Creates the playback slice around the simulation commands. */
export function createPlaybackSlice(
  commands: SimCommands,
  speed: Speed,
): StateCreator<AppState, [], [], PlaybackSlice> {
  return (set, get) => ({
    playing: false,
    ended: false,
    speed,
    timeSec: 0,
    sampleIntervalSec: 0.1,
    achievedSpeed: NaN,
    computing: null,
    applyProgress: (progress) => {
      if (progress !== null || get().computing !== null) set({ computing: progress });
    },
    play: () => commands.play(stopKinds(get().stopAtOom)),
    pause: () => commands.pause(),
    togglePlay: () => (get().playing ? commands.pause() : commands.play(stopKinds(get().stopAtOom))),
    step: (samples) => commands.step(samples),
    seek: (timeSec) => commands.seek(timeSec),
    setSpeed: (next) => {
      // The speed is the page's choice: show it at once, the worker just follows.
      set({ speed: next });
      commands.setSpeed(next);
    },
    reset: () => commands.reset(get().base, get().changes),
    applyPlayback: (state) => {
      const cur = get();
      const achieved = state.achievedSpeed ?? NaN;
      // Round so that a steady speed does not re-render the transport ten times a second.
      const shown = Number.isFinite(achieved) ? Number(achieved.toPrecision(2)) : NaN;
      if (
        cur.playing !== state.playing ||
        cur.ended !== state.ended ||
        cur.timeSec !== state.timeSec ||
        cur.sampleIntervalSec !== state.sampleIntervalSec ||
        !Object.is(cur.achievedSpeed, shown)
      ) {
        set({
          playing: state.playing,
          ended: state.ended,
          timeSec: state.timeSec,
          sampleIntervalSec: state.sampleIntervalSec,
          achievedSpeed: shown,
        });
      }
    },
  });
}
