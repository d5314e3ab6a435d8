/**
 * React access to the sweep store. The provider is optional: without one (an embed, a component
 * test) the sweep section renders nothing.
 */
import { createContext, useContext } from "react";
import { useStore } from "zustand";
import type { SweepState, SweepStore } from "./sweepStore";

/** Provides the sweep store. */
export const SweepContext = createContext<SweepStore | null>(null);

/** The sweep store, or null where the page has none. */
export function useSweepStore(): SweepStore | null {
  return useContext(SweepContext);
}

/** One value from the sweep store (a store must be provided: check {@link useSweepStore} first). */
export function useSweep<T>(store: SweepStore, selector: (state: SweepState) => T): T {
  return useStore(store, selector);
}
