/**
 * The shared crosshair: the simulated time under the pointer on any chart, or null. It changes at
 * pointer-move rate, so it lives in a tiny store of its own that charts subscribe to outside
 * React (zustand's "transient updates"), moving DOM directly.
 */
import { createStore, type StoreApi } from "zustand/vanilla";

/** Crosshair state. */
export interface CrosshairState {
  /** Hovered simulated time, s, or null when no chart is hovered. */
  timeSec: number | null;
}

/** The crosshair store type. */
export type CrosshairStore = StoreApi<CrosshairState>;

/** Creates a crosshair store (one per page). */
export function createCrosshair(): CrosshairStore {
  return createStore<CrosshairState>()(() => ({ timeSec: null }));
}
