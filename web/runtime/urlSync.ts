/**
 * The address bar follows the scenario.
 *
 * - Edits: after each change settles (debounced), the query string is replaced
 *   (history.replaceState, never a new entry) with the starting scenario's non-default keys, in
 *   the table's order, and its timeline of changes, as encodeScenario writes them. While paused, `t` records the moment shown, so
 *   a reload or a copied address opens there; while playing the moment is a blur and `t` keeps
 *   the last paused one.
 * - Deliberate navigation (picking a preset, see the store's `openScenario`) pushes a new entry,
 *   after writing the scenario being left into the entry being left, so Back returns to it.
 * - Back/Forward (popstate) opens the entry's scenario at its moment.
 * - At boot the address is rewritten once to the canonical form of what was loaded: a link with
 *   bad values then shows the values actually used, and copying it from the address bar is safe.
 */
import { decodeScenario, encodeScenario } from "../../src-sim/scenario/codec";
import { sameChanges, type ScenarioChange } from "../../src-sim/scenario/changes";
import type { Scenario } from "../../src-sim/scenario/params";
import { sameSimulation } from "../../src-sim/scenario/sameSimulation";
import type { AppStore } from "../store/appStore";

/** Quiet time before the address is rewritten, ms. */
export const URL_DEBOUNCE_MS = 300;

/** The moment rounded to the sample grid the URL can express (0.1 s). */
export function roundMoment(timeSec: number): number {
  return Math.max(0, Math.round(timeSec * 10) / 10);
}

/** The query string (without `?`) for a scenario (its start) and its changes at a moment. */
export function scenarioQuery(
  scenario: Scenario,
  timeSec: number,
  view: Record<string, string> = {},
  changes: readonly ScenarioChange[] = [],
): string {
  return encodeScenario({ ...scenario, t: Math.min(scenario.duration, roundMoment(timeSec)) }, view, changes);
}

/** An absolute link to a scenario (its start) and its changes at a moment, based on `location`. */
export function scenarioLink(
  location: Pick<Location, "origin" | "pathname">,
  scenario: Scenario,
  timeSec: number,
  view: Record<string, string> = {},
  changes: readonly ScenarioChange[] = [],
): string {
  const query = scenarioQuery(scenario, timeSec, view, changes);
  return `${location.origin}${location.pathname}${query ? `?${query}` : ""}`;
}

/** A same-site address (path and query, no origin) of a scenario at a moment: for links and history. */
export function scenarioAddress(
  location: Pick<Location, "pathname">,
  scenario: Scenario,
  timeSec: number,
  view: Record<string, string> = {},
  changes: readonly ScenarioChange[] = [],
): string {
  const query = scenarioQuery(scenario, timeSec, view, changes);
  return `${location.pathname}${query ? `?${query}` : ""}`;
}

/**
 * View keys that change while the page is open (the zoom, the sweep, the story's chapter), and a
 * way to hear about changes. A listener called with `urgent` true rewrites the address at once
 * instead of after the quiet time (a new chapter names the history entry its navigation pushed).
 */
export interface DynamicView {
  get(): Record<string, string>;
  subscribe(listener: (urgent?: boolean) => void): () => void;
}

/** Several dynamic views as one (their keys never overlap: zoom, sweep, story). */
export function mergeLinkViews(...views: DynamicView[]): DynamicView {
  return {
    get: () => Object.assign({}, ...views.map((v) => v.get())) as Record<string, string>,
    subscribe: (listener) => {
      const offs = views.map((v) => v.subscribe(listener));
      return () => offs.forEach((off) => off());
    },
  };
}

/** The part of `window` the follower uses (a fake in tests). */
export type UrlWindow = Pick<Window, "location" | "history" | "addEventListener" | "removeEventListener">;

/** Keeps the address bar in step with the store; returns the function that stops it. */
export function followScenarioInUrl(
  store: AppStore,
  view: Record<string, string>,
  win: UrlWindow = window,
  extraView?: DynamicView,
): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  /** The moment the address records, s: the last one shown while paused. */
  let moment = store.getState().base.t;

  const here = () => `${win.location.pathname}${win.location.search}${win.location.hash}`;
  const addressOf = (state: { base: Scenario; changes: readonly ScenarioChange[] }, timeSec: number) =>
    `${scenarioAddress(win.location, state.base, timeSec, { ...view, ...extraView?.get() }, state.changes)}${win.location.hash}`;
  const replace = (url: string) => {
    if (url !== here()) win.history.replaceState(win.history.state, "", url);
  };
  const cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  const schedule = () => {
    cancel();
    timer = setTimeout(() => {
      timer = null;
      replace(addressOf(store.getState(), moment));
    }, URL_DEBOUNCE_MS);
  };

  replace(addressOf(store.getState(), moment));

  const unsubscribe = store.subscribe((state, prev) => {
    if (state.navigation !== prev.navigation) {
      cancel();
      if (state.navigation.kind === "push") {
        replace(addressOf(prev, moment));
        moment = state.base.t;
        const next = addressOf(state, moment);
        // Picking the scenario already shown starts it over without a duplicate entry.
        if (next !== here()) win.history.pushState(null, "", next);
      } else {
        moment = state.base.t;
      }
      return;
    }
    // A new moment counts once the run stands still there (paused, or just stopped playing).
    const settled = !state.playing && (state.timeSec !== prev.timeSec || prev.playing);
    const movedTo = settled && roundMoment(state.timeSec) !== roundMoment(moment);
    if (movedTo) moment = state.timeSec;
    if (movedTo || state.base !== prev.base || state.changes !== prev.changes) schedule();
  });

  const onPopState = () => {
    const link = decodeScenario(win.location.search);
    const s = store.getState();
    // A hash-only entry (or one we already show) needs no new run.
    if (
      sameSimulation(s.base, link.scenario) &&
      sameChanges(s.changes, link.changes) &&
      roundMoment(s.timeSec) === roundMoment(link.scenario.t)
    )
      return;
    s.openScenario(link.scenario, "pop", link.warnings, link.changes);
  };
  win.addEventListener("popstate", onPopState);
  const offView = extraView?.subscribe((urgent) => {
    if (!urgent) return schedule();
    cancel();
    replace(addressOf(store.getState(), moment));
  });

  return () => {
    offView?.();
    unsubscribe();
    cancel();
    win.removeEventListener("popstate", onPopState);
  };
}
