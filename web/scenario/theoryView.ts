/**
 * The `theory=` view key: whether the charts draw the theory lines (`theory=1`) or not
 * (`theory=0`). A link writes it only when the choice differs from the page's default, so links
 * without it keep their meaning. Reading never throws: a value it cannot use comes back as a
 * warning for the banner, and the default stands.
 */
import type { StoreApi } from "zustand/vanilla";
import type { DecodeWarning } from "../../src-sim/scenario/codec";
import type { AppState } from "../store/appStore";

/** The view key's name. */
export const THEORY_VIEW_KEY = "theory";

/** Reads a `theory=` value: true, false, or null when absent or unusable (then with a warning). */
export function parseTheoryValue(value: string | undefined): { on: boolean | null; warnings: DecodeWarning[] } {
  if (value === undefined) return { on: null, warnings: [] };
  const v = value.trim().toLowerCase();
  if (v === "1" || v === "true" || v === "on" || v === "") return { on: true, warnings: [] };
  if (v === "0" || v === "false" || v === "off") return { on: false, warnings: [] };
  return {
    on: null,
    warnings: [
      {
        key: THEORY_VIEW_KEY,
        given: value.slice(0, 80),
        used: null,
        message: `Theory lines: "${value.slice(0, 80)}" is not 1 or 0; ignored.`,
      },
    ],
  };
}

/** The `theory=` key for a choice ({} when it is the default). */
export function theoryViewKeys(on: boolean, defaultOn: boolean): Record<string, string> {
  return on === defaultOn ? {} : { [THEORY_VIEW_KEY]: on ? "1" : "0" };
}

/** The store's theory choice as a view key that changes while the page is open (for the address bar). */
export function theoryLinkView(store: StoreApi<Pick<AppState, "theoryLines" | "theoryLinesDefault">>): {
  get(): Record<string, string>;
  subscribe(fn: () => void): () => void;
} {
  return {
    get: () => theoryViewKeys(store.getState().theoryLines, store.getState().theoryLinesDefault),
    subscribe: (fn) =>
      store.subscribe((s, prev) => {
        if (s.theoryLines !== prev.theoryLines || s.theoryLinesDefault !== prev.theoryLinesDefault) fn();
      }),
  };
}
