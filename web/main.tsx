/**
 * Boot: read the scenario from the link, start the runtime and the worker, bind the store, keep
 * the address bar in step, render. A link with `lanes=` opens a comparison (web/compare/).
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import type { DecodeResult } from "../src-sim/scenario/codec";
import { openLink } from "../src-sim/scenario/lanes";
import { bootCompare } from "./compare/bootCompare";
import { App } from "./components/App";
import { RuntimeContext, StoreContext } from "./components/context";
import { ErrorBoundary } from "./components/ErrorBoundary";
import { createPageRuntime } from "./runtime/pageRuntime";
import { SimClient } from "./runtime/simClient";
import { createBrowserWorker, createPageHost } from "./runtime/simHost";
import { loadThemeChoice } from "./runtime/theme";
import { watchForUpdates } from "./runtime/updates";
import { followScenarioInUrl } from "./runtime/urlSync";
import { parseViewOptions } from "./scenario/viewOptions";
import { clampWindow, parseZoomValue, zoomLinkView } from "./runtime/zoomStore";
import { DEFAULT_SPEED, createAppStore, type AppStore } from "./store/appStore";
import "./styles.css";

const opened = openLink(window.location.search);
const rootElement = document.getElementById("root")!;
if (opened.kind === "compare") {
  const { app } = bootCompare(opened, rootElement);
  watchUpdates(app);
} else {
  bootSingleRun(opened.link);
}

/** The built site works offline and announces new versions (public/ + web/sw/); the dev server has none. */
function watchUpdates(appStore: AppStore): void {
  if (import.meta.env.PROD) void watchForUpdates("./sw.js", (apply) => appStore.getState().setPendingUpdate(apply));
}

/** Boots the single run of a link (every link without `lanes=`, decoded exactly as always). */
function bootSingleRun(link: DecodeResult): void {
  // The zoom is a view key that changes while the page is open: kept apart from the fixed ones.
  const { zoom: zoomKey, ...pageView } = link.view;
  const view = parseViewOptions(pageView);
  const runtime = createPageRuntime();
  let store: AppStore | null = null;
  const client = new SimClient({
    createWorker: createBrowserWorker,
    createFallback: createPageHost,
    series: runtime.series,
    events: runtime.events,
    loop: runtime.loop,
    sink: {
      playback: (p) => store?.getState().applyPlayback(p),
      readouts: (r) => store?.getState().applyReadouts(r),
      scenario: (s, strategies, base, changes) => {
        store?.getState().adoptScenario(s, base, changes);
        store?.getState().setAvailableStrategies(strategies);
      },
      error: (detail) => store?.getState().showWorkerError(detail),
      host: (host) => store?.getState().setSimulationHost(host),
      progress: (progress) => store?.getState().applyProgress(progress),
    },
    zoom: runtime.zoom,
  });
  runtime.requestZoom = (window, samples) => client.requestZoom(window, samples);
  store = createAppStore({
    commands: client,
    scenario: link.scenario,
    linkWarnings: [...link.warnings, ...view.warnings],
    changes: link.changes,
    speed: DEFAULT_SPEED,
    theme: loadThemeChoice(),
  });
  runtime.theme.apply(store.getState().theme);
  client.start(link.scenario, DEFAULT_SPEED, link.scenario.t, link.changes);
  const linkZoom = parseZoomValue(zoomKey);
  if (linkZoom) client.requestZoom(clampWindow(linkZoom.fromSec, linkZoom.toSec, link.scenario.duration));
  followScenarioInUrl(store, pageView, window, zoomLinkView(runtime.zoom));
  watchUpdates(store);

  createRoot(rootElement).render(
    <StrictMode>
      <StoreContext.Provider value={store}>
        <RuntimeContext.Provider value={runtime}>
          <ErrorBoundary name="The playground">
            <App view={pageView} options={view.options} />
          </ErrorBoundary>
        </RuntimeContext.Provider>
      </StoreContext.Provider>
    </StrictMode>,
  );
}
