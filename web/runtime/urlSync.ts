/**
 * The address bar follows the scenario: after each change settles (debounced), the query string
 * is replaced (history.replaceState, never a new history entry) with the scenario's non-default
 * keys, as encodeScenario writes them. While paused, `t` records the moment shown, so a reload
 * or a copied address opens there.
 */
import { encodeScenario } from "../../src-sim/scenario/codec";
import type { Scenario } from "../../src-sim/scenario/params";
import type { AppStore } from "../store/appStore";

/** Quiet time before the address is rewritten, ms. */
export const URL_DEBOUNCE_MS = 300;

/** The moment rounded to the sample grid the URL can express (0.1 s). */
export function roundMoment(timeSec: number): number {
  return Math.max(0, Math.round(timeSec * 10) / 10);
}

/** The query string (without `?`) for a scenario at a moment. */
export function scenarioQuery(scenario: Scenario, timeSec: number, view: Record<string, string> = {}): string {
  return encodeScenario({ ...scenario, t: Math.min(scenario.duration, roundMoment(timeSec)) }, view);
}

/** An absolute link to a scenario at a moment, based on `location`. */
export function scenarioLink(location: Pick<Location, "origin" | "pathname">, scenario: Scenario, timeSec: number, view: Record<string, string> = {}): string {
  const query = scenarioQuery(scenario, timeSec, view);
  return `${location.origin}${location.pathname}${query ? `?${query}` : ""}`;
}

/** Keeps the address bar in step with the store; returns the function that stops it. */
export function followScenarioInUrl(store: AppStore, view: Record<string, string>, win: Window = window): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let lastMoment = store.getState().scenario.t;
  const write = () => {
    timer = null;
    const { scenario } = store.getState();
    const query = scenarioQuery(scenario, lastMoment, view);
    const url = `${win.location.pathname}${query ? `?${query}` : ""}${win.location.hash}`;
    if (url !== `${win.location.pathname}${win.location.search}${win.location.hash}`) {
      win.history.replaceState(win.history.state, "", url);
    }
  };
  const schedule = () => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(write, URL_DEBOUNCE_MS);
  };
  const unsubscribe = store.subscribe((state, prev) => {
    // While playing the moment is a blur; once paused, it is worth a link.
    const moment = state.playing ? lastMoment : state.timeSec;
    if (state.scenario !== prev.scenario || roundMoment(moment) !== roundMoment(lastMoment)) {
      lastMoment = moment;
      schedule();
    }
  });
  return () => {
    unsubscribe();
    if (timer !== null) clearTimeout(timer);
  };
}
