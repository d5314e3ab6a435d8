/**
 * The page as an embed (`embed=1`, inside someone else's page): Play and the charts, nothing of
 * the page's chrome (header, gallery, export, key hints). Control groups the link does not hide
 * wait in a closed "Parameters" disclosure; a link opens the same scenario, at the same moment,
 * in the full playground.
 */
import type { MouseEvent } from "react";
import { scenarioLink } from "../runtime/urlSync";
import type { ViewOptions } from "../scenario/viewOptions";
import { LinkWarnings, UpdateBanner, WorkerError } from "./Banners";
import { useApp, useAppStore } from "./context";
import { ErrorBoundary } from "./ErrorBoundary";
import { ParamPanel, visibleGroups } from "./ParamPanel";
import { Stage } from "./Stage";

/** "Open in Backpressure Playground": the full page, at the moment shown when clicked. */
function OpenInPlayground() {
  const store = useAppStore();
  const scenario = useApp((s) => s.scenario);
  const update = (e: MouseEvent<HTMLAnchorElement>) => {
    const s = store.getState();
    e.currentTarget.href = scenarioLink(window.location, s.scenario, s.timeSec);
  };
  return (
    <a
      className="embed-open"
      href={scenarioLink(window.location, scenario, scenario.t)}
      target="_blank"
      rel="noopener"
      onClick={update}
      onAuxClick={update}
    >
      Open in Backpressure Playground ↗
    </a>
  );
}

/** The embedded page. */
export function EmbedPage({ options }: { options: ViewOptions }) {
  const strategy = useApp((s) => s.scenario.strategy);
  const anyControls = visibleGroups(strategy, options.hidden).length > 0;
  return (
    <div className="app app-embed">
      <ErrorBoundary name="The page messages">
        <UpdateBanner />
        <WorkerError />
        <LinkWarnings />
      </ErrorBoundary>
      <Stage>
        {anyControls && (
          <details className="embed-params">
            <summary>Parameters</summary>
            <ErrorBoundary name="The parameters">
              <ParamPanel hidden={options.hidden} />
            </ErrorBoundary>
          </details>
        )}
        <p className="embed-foot">
          <OpenInPlayground />
        </p>
      </Stage>
    </div>
  );
}
