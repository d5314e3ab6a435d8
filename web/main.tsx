/**
 * Boot: read the scenario from the link, start the runtime and the worker, bind the store, keep
 * the address bar in step, render.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { decodeScenario } from "../src-sim/scenario/codec";
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
import { DEFAULT_SPEED, createAppStore, type AppStore } from "./store/appStore";
import "./styles.css";

const link = decodeScenario(window.location.search);
const view = parseViewOptions(link.view);
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
    scenario: (s, strategies) => {
      store?.getState().adoptScenario(s);
      store?.getState().setAvailableStrategies(strategies);
    },
    error: (detail) => store?.getState().showWorkerError(detail),
    host: (host) => store?.getState().setSimulationHost(host),
  },
});
store = createAppStore({
  commands: client,
  scenario: link.scenario,
  linkWarnings: [...link.warnings, ...view.warnings],
  speed: DEFAULT_SPEED,
  theme: loadThemeChoice(),
});
runtime.theme.apply(store.getState().theme);
client.start(link.scenario, DEFAULT_SPEED, link.scenario.t);
followScenarioInUrl(store, link.view);
// The built site works offline and announces new versions (public/ + web/sw/); the dev server
// has no service worker.
if (import.meta.env.PROD) {
  const appStore = store;
  void watchForUpdates("./sw.js", (apply) => appStore.getState().setPendingUpdate(apply));
}

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <RuntimeContext.Provider value={runtime}>
        <ErrorBoundary name="The playground">
          <App view={link.view} options={view.options} />
        </ErrorBoundary>
      </RuntimeContext.Provider>
    </StoreContext.Provider>
  </StrictMode>,
);
