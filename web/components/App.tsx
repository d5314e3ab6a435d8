/**
 * The page: header, banners, then two columns on wide screens (parameters | transport, readouts
 * and charts) that stack on a phone, charts first.
 */
import { useEffect } from "react";
import { LinkWarnings, WorkerError } from "./Banners";
import { ChartsPanel } from "./ChartsPanel";
import { useApp, useAppStore, useRuntime } from "./context";
import { Header } from "./Header";
import { ParamPanel } from "./ParamPanel";
import { Readouts } from "./Readouts";
import { Transport } from "./Transport";
import { useKeyboardShortcuts } from "./useKeyboardShortcuts";

/** The whole app. `view` holds the link's view keys (embed, hide) for issue-5 features. */
export function App({ view = {} }: { view?: Record<string, string> }) {
  const store = useAppStore();
  const rt = useRuntime();
  const theme = useApp((s) => s.theme);
  useKeyboardShortcuts(store);
  useEffect(() => rt.theme.apply(theme), [rt, theme]);
  return (
    <div className="app">
      <a className="skip-link" href="#stage">Skip to the simulation</a>
      <Header view={view} />
      <WorkerError />
      <LinkWarnings />
      <div className="layout">
        <aside className="sidebar" aria-label="Scenario parameters">
          <ParamPanel />
        </aside>
        <main className="stage" id="stage">
          <div className="stage-bar">
            <Transport />
            <Readouts />
          </div>
          <ChartsPanel />
          <p className="hint">
            Keys: <kbd>Space</kbd> play/pause · <kbd>←</kbd>/<kbd>→</kbd> step one sample · <kbd>Shift</kbd>+<kbd>←</kbd>/<kbd>→</kbd> 10 s · <kbd>Home</kbd>/<kbd>End</kbd> start/end. Hover a chart to compare values at one moment.
          </p>
        </main>
      </div>
    </div>
  );
}
