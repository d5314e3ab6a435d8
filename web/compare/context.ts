/**
 * React access to a comparison's store and worker client (beside the app store and the page
 * runtime of web/components/context.ts, which the comparison reuses for the shared clock, the
 * shared workload, the theme and the render loop).
 */
import { createContext, useContext } from "react";
import { useStore } from "zustand";
import type { LaneClient } from "./laneClient";
import type { CompareState, CompareStore } from "./compareStore";

/** What the comparison's components share. */
export interface CompareRuntime {
  store: CompareStore;
  client: LaneClient;
}

/** Provides the comparison. */
export const CompareContext = createContext<CompareRuntime | null>(null);

/** The comparison's store and client. */
export function useCompareRuntime(): CompareRuntime {
  const rt = useContext(CompareContext);
  if (!rt) throw new Error("useCompareRuntime outside CompareContext");
  return rt;
}

/** One value from the comparison store; re-renders when it changes. */
export function useCompare<T>(selector: (state: CompareState) => T): T {
  return useStore(useCompareRuntime().store, selector);
}
