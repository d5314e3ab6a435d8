/**
 * The readouts slice: the figures of the moment shown, under the transport bar. Updated at most
 * ~10 times a second while playing (the client throttles), which is as fast as anyone can read a
 * number. The chart legends show the same sample (`moment.index`) unless the crosshair points
 * elsewhere, so a card and a legend never disagree (see web/runtime/moment.ts).
 */
import type { StateCreator } from "zustand";
import type { LiveState } from "../../src-sim/engine/simulation";
import type { Moment } from "../runtime/moment";
import type { AppState } from "./appStore";

/** Figures at the moment shown. */
export interface Readouts {
  /**
   * The worker's state at the same instant as `moment` (the run stops on the sample grid); only
   * what samples do not hold is read from it: the time to OOM.
   */
  live: LiveState | null;
  /** The figures of the shown sample, read from the sample columns. */
  moment: Moment | null;
  /** Time of the first out-of-memory crash, s, or null. */
  oomAtSec: number | null;
}

/** Readouts state and actions. */
export interface ReadoutsSlice extends Readouts {
  applyReadouts: (readouts: Readouts) => void;
}

/** Creates the readouts slice. */
export const createReadoutsSlice: StateCreator<AppState, [], [], ReadoutsSlice> = (set) => ({
  live: null,
  moment: null,
  oomAtSec: null,
  applyReadouts: (readouts) => set(readouts),
});
