/**
 * Boot: read the scenario from the link, start the runtime and the worker, bind the store, keep
 * the address bar in step, render.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { decodeScenario } from "../src-sim/scenario/codec";
import { App } from "./components/App";
import { RuntimeContext, StoreContext } from "./components/context";
import { createPageRuntime } from "./runtime/pageRuntime";
import { SimClient, createBrowserWorker } from "./runtime/simClient";
import { loadThemeChoice } from "./runtime/theme";
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
    error: (message) => store?.getState().showWorkerError(message),
  },
});
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
followScenarioInUrl(store, link.view);

createRoot(document.getElementById("root")!).render(
  <StrictMode>
    <StoreContext.Provider value={store}>
      <RuntimeContext.Provider value={runtime}>
        <App view={link.view} options={view.options} />
      </RuntimeContext.Provider>
    </StoreContext.Provider>
  </StrictMode>,
);
