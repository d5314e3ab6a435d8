/**
 * The comparison's header: its name, the theme, the exports (the scorecard as CSV, every lane's samples as CSV or JSON) and Copy link.
 */
import { ExportIcon, LinkIcon } from "../components/icons";
import { useEffect, useRef, useState } from "react";
import { laneLetter } from "../../src-sim/scenario/lanes";
import { useAppStore } from "../components/context";
import { ThemeToggle } from "../components/ThemeToggle";
import { downloadText } from "../export/download";
import { loggedEvents, seriesBatch } from "../export/runData";
import { copyText } from "../runtime/clipboard";
import { lanesCsv, lanesJson } from "./compareExport";
import { laneNames, laneScenarios } from "./compareStore";
import { comparisonLink } from "./compareUrl";
import { useCompareRuntime } from "./context";
import { scorecardCsv, scorecardRows } from "./scorecard";

/** The three exports, as buttons in a disclosure. */
function CompareExports() {
  const { store, client } = useCompareRuntime();
  const app = useAppStore();
  const menu = useRef<HTMLDetailsElement>(null);
  const exportAll = (kind: "scorecard" | "csv" | "json") => {
    // The menu closes once a file is chosen, as the single run's does.
    if (menu.current) menu.current.open = false;
    const s = store.getState();
    const timeSec = app.getState().timeSec;
    const url = comparisonLink(window.location, s, timeSec);
    const name = (ext: string, label: string) =>
      `backpressure-comparison-${label}-${Math.round(Math.max(0, timeSec) * 10) / 10}s.${ext}`;
    if (kind === "scorecard") {
      const csv = scorecardCsv(scorecardRows(s.figures), laneNames(s.lanes), url, timeSec);
      downloadText(csv, name("csv", "scorecard"), "text/csv");
      return;
    }
    const scenarios = laneScenarios(s);
    const lanes = client.lanes.map((lane, i) => ({
      letter: laneLetter(i),
      scenario: scenarios[i],
      batch: seriesBatch(lane.series),
      events: loggedEvents(lane.events),
    }));
    const interval = app.getState().sampleIntervalSec;
    if (kind === "csv") downloadText(lanesCsv(lanes, url, interval), name("csv", "lanes"), "text/csv");
    else downloadText(lanesJson(lanes, url, interval), name("json", "lanes"), "application/json");
  };
  return (
    <details className="menu compare-export" ref={menu}>
      <summary className="btn">
        <ExportIcon />
        <span className="btn-label">Export</span>
      </summary>
      <div className="menu-panel" role="group" aria-label="Export the comparison">
        <button type="button" className="btn" onClick={() => exportAll("scorecard")}>
          Scorecard (CSV)
        </button>
        <button type="button" className="btn" onClick={() => exportAll("csv")}>
          All lanes&apos; samples (CSV)
        </button>
        <button type="button" className="btn" onClick={() => exportAll("json")}>
          All lanes&apos; samples and events (JSON)
        </button>
      </div>
    </details>
  );
}

/** Copy link, for the comparison at the current moment. */
function CopyComparisonLink() {
  const { store } = useCompareRuntime();
  const app = useAppStore();
  const [status, setStatus] = useState("");
  useEffect(() => {
    if (!status) return;
    const timer = setTimeout(() => setStatus(""), 2000);
    return () => clearTimeout(timer);
  }, [status]);
  const onClick = async () => {
    const url = comparisonLink(window.location, store.getState(), app.getState().timeSec);
    setStatus((await copyText(url)) ? "Link copied" : `Copy this link: ${url}`);
  };
  return (
    <span className="copy-link">
      <button type="button" className="btn" onClick={onClick}>
        <LinkIcon />
        <span className="btn-label">Copy link</span>
      </button>
      <span role="status" aria-live="polite" className="copy-status">
        {status}
      </span>
    </span>
  );
}

/** The comparison's header bar. */
export function CompareHeader() {
  return (
    <header className="header">
      <div className="brand">
        <div>
          <h1>Backpressure Playground: compare</h1>
          <p className="tagline">
            One workload, one seed, one clock: strategies side by side. <a href="./">Open the playground</a>
          </p>
        </div>
      </div>
      <div className="header-actions">
        <ThemeToggle />
        <CompareExports />
        <CopyComparisonLink />
      </div>
    </header>
  );
}
