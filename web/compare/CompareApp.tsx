/**
 * The comparison page: header, banners, the shared workload on the side (the single run's
 * parameter panel without the strategy's groups), and the stage: the transport that drives every
 * lane, the lanes' own settings, the scorecard, the charts and the events; the presets below.
 */
import { useEffect } from "react";
import type { ParamGroup } from "../../src-sim/scenario/params";
import { LinkWarnings, PageHostNote, UpdateBanner, WorkerError } from "../components/Banners";
import { useApp, useAppStore, useRuntime } from "../components/context";
import { ErrorBoundary } from "../components/ErrorBoundary";
import { ParamPanel } from "../components/ParamPanel";
import { Transport } from "../components/Transport";
import { useKeyboardShortcuts } from "../components/useKeyboardShortcuts";
import { CompareCharts } from "./CompareCharts";
import { CompareHeader } from "./CompareHeader";
import { ComparisonGallery } from "./ComparisonGallery";
import { LaneEditors } from "./LaneEditors";
import { Scorecard } from "./Scorecard";

/** The groups a lane sets: the shared panel leaves them out. */
const LANE_GROUPS: ReadonlySet<ParamGroup> = new Set<ParamGroup>(["strategy", "tcp", "kafka", "reactive"]);

/** The whole comparison page. */
export function CompareApp() {
  const store = useAppStore();
  const rt = useRuntime();
  const theme = useApp((s) => s.theme);
  useKeyboardShortcuts(store);
  useEffect(() => rt.theme.apply(theme), [rt, theme]);
  return (
    <div className="app compare-app">
      <a className="skip-link" href="#stage">
        Skip to the comparison
      </a>
      <ErrorBoundary name="The header">
        <CompareHeader />
      </ErrorBoundary>
      <ErrorBoundary name="The page messages">
        <UpdateBanner />
        <WorkerError />
        <LinkWarnings />
      </ErrorBoundary>
      <div className="layout">
        <aside className="sidebar" aria-label="Shared workload">
          <h2 className="sidebar-title">Shared workload</h2>
          <p className="section-note">Every lane runs this workload, with the same seed.</p>
          <ErrorBoundary name="The shared workload">
            <ParamPanel hidden={LANE_GROUPS} />
          </ErrorBoundary>
        </aside>
        <main className="stage" id="stage">
          <div className="stage-bar">
            <ErrorBoundary name="The playback controls">
              <Transport recordsChanges={false} />
            </ErrorBoundary>
          </div>
          <ErrorBoundary name="The lanes">
            <LaneEditors />
          </ErrorBoundary>
          <ErrorBoundary name="The scorecard">
            <Scorecard />
          </ErrorBoundary>
          <CompareCharts />
          <PageHostNote />
        </main>
      </div>
      <ErrorBoundary name="The comparison presets">
        <ComparisonGallery />
      </ErrorBoundary>
    </div>
  );
}
