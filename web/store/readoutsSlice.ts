/**
 * The readouts slice: the live figures under the transport bar. Updated at most ~10 times a
 * second while playing (the client throttles), which is as fast as anyone can read a number.
 */
import type { StateCreator } from "zustand";
import type { LiveState } from "../../src-sim/engine/simulation";
import type { AppState } from "./appStore";

/** Live figures at the current moment. */
export interface Readouts {
  live: LiveState | null;
  /**
   * p99 latency, s: the latest interval p99 of the last 5 s (a slow reader finishes nothing in
   * most intervals); NaN when nothing finished in that time.
   */
  p99Sec: number;
  /** Time of the first out-of-memory crash, s, or null. */
  oomAtSec: number | null;
  /** Deepest the queue has been so far in this run, events. */
  peakQueued: number;
}

/** Readouts state and actions. */
export interface ReadoutsSlice extends Readouts {
  applyReadouts: (readouts: Readouts) => void;
}

/** Creates the readouts slice. */
export const createReadoutsSlice: StateCreator<AppState, [], [], ReadoutsSlice> = (set) => ({
  live: null,
  p99Sec: NaN,
  oomAtSec: null,
  peakQueued: 0,
  applyReadouts: (readouts) => set(readouts),
});
