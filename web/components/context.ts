/**
 * React access to the app store and the page runtime. Components select single values
 * (`useApp(s => s.playing)`), never the whole state, so each re-renders only for what it shows.
 */
import { createContext, useContext } from "react";
import { useStore } from "zustand";
import type { PageRuntime } from "../runtime/pageRuntime";
import type { AppState, AppStore } from "../store/appStore";

/** Provides the app store. */
export const StoreContext = createContext<AppStore | null>(null);

/** Provides the page runtime. */
export const RuntimeContext = createContext<PageRuntime | null>(null);

/** The app store itself (for subscriptions outside render). */
export function useAppStore(): AppStore {
  const store = useContext(StoreContext);
  if (!store) throw new Error("useAppStore outside StoreContext");
  return store;
}

/** One value from the app store; re-renders when it changes. */
export function useApp<T>(selector: (state: AppState) => T): T {
  return useStore(useAppStore(), selector);
}

/** The page runtime. */
export function useRuntime(): PageRuntime {
  const rt = useContext(RuntimeContext);
  if (!rt) throw new Error("useRuntime outside RuntimeContext");
  return rt;
}
