/**
 * Boots the page as a comparison (a link with `lanes=`, src-sim/scenario/lanes.ts): the page
 * runtime, the app store (the shared workload and the shared clock), the comparison store, the
 * worker client that runs every lane, the address bar, and the React tree.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import type { Comparison, OpenedLink } from "../../src-sim/scenario/lanes";
import { RuntimeContext, StoreContext } from "../components/context";
import { ErrorBoundary } from "../components/ErrorBoundary";
import { createPageRuntime } from "../runtime/pageRuntime";
import { createBrowserWorker, createPageHost } from "../runtime/simHost";
import { loadThemeChoice } from "../runtime/theme";
import { DEFAULT_SPEED, createAppStore, type AppStore } from "../store/appStore";
import { CompareApp } from "./CompareApp";
import { createCompareStore, laneScenarios, type CompareStore } from "./compareStore";
import { followComparisonInUrl } from "./compareUrl";
import { CompareContext } from "./context";
import { LaneClient } from "./laneClient";

/** Starts the comparison page in `rootElement`; returns its stores and client (for diagnostics). */
export function bootCompare(
  opened: Extract<OpenedLink, { kind: "compare" }>,
  rootElement: HTMLElement,
): { app: AppStore; compare: CompareStore; client: LaneClient } {
  const comparison: Comparison = opened.comparison;
  const runtime = createPageRuntime();
  let app: AppStore | null = null;
  let compare: CompareStore | null = null;
  const client = new LaneClient({
    createWorker: createBrowserWorker,
    createFallback: createPageHost,
    loop: runtime.loop,
    sink: {
      playback: (p) => app?.getState().applyPlayback(p),
      lanes: (figures) => compare?.getState().applyFigures(figures),
      error: (detail) => app?.getState().showWorkerError(detail),
      host: (host) => app?.getState().setSimulationHost(host),
      progress: (progress) => app?.getState().applyProgress(progress),
    },
    onShared: (shared) => compare?.getState().setShared(shared),
  });
  compare = createCompareStore(comparison, (scenarios) => client.setLanes(scenarios));
  app = createAppStore({
    commands: client,
    scenario: comparison.shared,
    linkWarnings: opened.warnings,
    speed: DEFAULT_SPEED,
    theme: loadThemeChoice(),
  });
  // A comparison has no timeline of changes: every edit is the whole run's.
  app.setState({ changeMode: "whole" });
  runtime.theme.apply(app.getState().theme);
  client.start(laneScenarios(compare.getState()), DEFAULT_SPEED, comparison.shared.t);
  followComparisonInUrl(compare, app, opened.view);
  const compareRuntime = { store: compare, client };
  createRoot(rootElement).render(
    <StrictMode>
      <StoreContext.Provider value={app}>
        <RuntimeContext.Provider value={runtime}>
          <CompareContext.Provider value={compareRuntime}>
            <ErrorBoundary name="The comparison">
              <CompareApp />
            </ErrorBoundary>
          </CompareContext.Provider>
        </RuntimeContext.Provider>
      </StoreContext.Provider>
    </StrictMode>,
  );
  return { app, compare, client };
}
