/**
 * Keeps the address bar on the comparison: the shared workload, the lanes and the chart view,
 * and the moment (`t`) once the lanes stand still there, as the single run's link does
 * (web/runtime/urlSync.ts). The address is replaced, not pushed: editing is not navigating.
 */
import { encodeComparison } from "../../src-sim/scenario/lanes";
import { URL_DEBOUNCE_MS, roundMoment, type UrlWindow } from "../runtime/urlSync";
import type { AppStore } from "../store/appStore";
import type { CompareState, CompareStore } from "./compareStore";

/** The comparison's query (without `?`) at a moment, s. */
export function comparisonQuery(
  state: Pick<CompareState, "shared" | "lanes" | "view">,
  timeSec: number,
  view: Record<string, string> = {},
): string {
  const t = Math.min(state.shared.duration, roundMoment(timeSec));
  return encodeComparison({ shared: { ...state.shared, t }, lanes: state.lanes, view: state.view }, view);
}

/** An absolute link to the comparison at a moment. */
export function comparisonLink(
  location: Pick<Location, "origin" | "pathname">,
  state: Pick<CompareState, "shared" | "lanes" | "view">,
  timeSec: number,
): string {
  return `${location.origin}${location.pathname}?${comparisonQuery(state, timeSec)}`;
}

/** Follows the comparison in the address bar; returns the function that stops it. */
export function followComparisonInUrl(
  compare: CompareStore,
  app: AppStore,
  view: Record<string, string>,
  win: UrlWindow = window,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let moment = compare.getState().shared.t;
  const address = () =>
    `${win.location.pathname}?${comparisonQuery(compare.getState(), moment, view)}${win.location.hash}`;
  const replace = () => {
    const url = address();
    if (url !== `${win.location.pathname}${win.location.search}${win.location.hash}`)
      win.history.replaceState(win.history.state, "", url);
  };
  const schedule = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      replace();
    }, URL_DEBOUNCE_MS);
  };
  replace();
  const offCompare = compare.subscribe((s, prev) => {
    if (s.shared !== prev.shared || s.lanes !== prev.lanes || s.view !== prev.view) schedule();
  });
  const offApp = app.subscribe((s, prev) => {
    const settled = !s.playing && (s.timeSec !== prev.timeSec || prev.playing);
    if (settled && roundMoment(s.timeSec) !== roundMoment(moment)) {
      moment = s.timeSec;
      schedule();
    }
  });
  return () => {
    offCompare();
    offApp();
    if (timer !== null) clearTimeout(timer);
  };
}
