/**
 * The page: header, banners, then two columns on wide screens (parameters | transport, readouts
 * and charts) that stack on a phone, charts first; the preset gallery below. With `embed=1` the
 * page is the embed instead (see EmbedPage); `hide=` leaves control groups out of either.
 */
import { useEffect } from "react";
import { ComparisonGallery } from "../compare/ComparisonGallery";
import type { ViewOptions } from "../scenario/viewOptions";
import { LinkWarnings, UpdateBanner, WorkerError } from "./Banners";
import { useApp, useAppStore, useRuntime } from "./context";
import { EmbedPage } from "./EmbedPage";
import { ErrorBoundary } from "./ErrorBoundary";
import { Header } from "./Header";
import { ParamPanel, visibleGroups } from "./ParamPanel";
import { PresetGallery } from "./PresetGallery";
import { SweepPanel } from "../sweep/SweepPanel";
import { Stage } from "./Stage";
import { useKeyboardShortcuts } from "./useKeyboardShortcuts";
import { StoryPanel } from "../story/StoryPanel";
import { chapterByNumber } from "../story/chapters";
import { useStory } from "../story/context";

/** Props of {@link App}. */
export interface AppProps {
  /** The link's view keys as given (they travel with copied links and presets). */
  view?: Record<string, string>;
  /** What the view keys ask for. */
  options?: ViewOptions;
}

const FULL_PAGE: ViewOptions = { embed: false, hidden: new Set() };

/** The parameters' column. */
function Sidebar({ hidden }: { hidden: ViewOptions["hidden"] }) {
  return (
    <aside className="sidebar" aria-label="Scenario parameters">
      <ErrorBoundary name="The parameters">
        <ParamPanel hidden={hidden} />
      </ErrorBoundary>
    </aside>
  );
}

/** The whole app. */
export function App({ view = {}, options = FULL_PAGE }: AppProps) {
  const store = useAppStore();
  const rt = useRuntime();
  const theme = useApp((s) => s.theme);
  const strategy = useApp((s) => s.scenario.strategy);
  const storyChapter = useStory((s) => s.chapter);
  useKeyboardShortcuts(store);
  useEffect(() => rt.theme.apply(theme), [rt, theme]);
  if (options.embed) return <EmbedPage options={options} />;
  const sidebar = visibleGroups(strategy, options.hidden).length > 0;
  // What the open chapter points at: outlined by CSS (web/styles.css, "Story mode").
  const storyFocus = chapterByNumber(storyChapter ?? 0)?.focus.join(" ");
  return (
    <div className="app" data-story-focus={storyFocus}>
      <a className="skip-link" href="#stage">
        Skip to the simulation
      </a>
      <ErrorBoundary name="The header">
        <Header view={view} />
      </ErrorBoundary>
      <ErrorBoundary name="The page messages">
        <UpdateBanner />
        <WorkerError />
        <LinkWarnings />
      </ErrorBoundary>
      <div className={storyFocus ? "layout layout-story" : sidebar ? "layout" : "layout layout-single"}>
        {storyFocus ? (
          // The tour's column: the chapter beside the stage on a wide screen, the parameters under
          // it; a phone takes the two apart, the chapter above the stage (web/styles.css).
          <div className="side-column">
            <ErrorBoundary name="The guided tour">
              <StoryPanel />
            </ErrorBoundary>
            {sidebar && <Sidebar hidden={options.hidden} />}
          </div>
        ) : (
          sidebar && <Sidebar hidden={options.hidden} />
        )}
        <Stage>
          <p className="hint">
            Keys: <kbd>Space</kbd> play/pause · <kbd>←</kbd>/<kbd>→</kbd> step one sample · <kbd>Shift</kbd>+
            <kbd>←</kbd>/<kbd>→</kbd> 10 s · <kbd>Home</kbd>/<kbd>End</kbd> start/end. Hover a chart to compare values
            at one moment.
          </p>
        </Stage>
      </div>
      <ErrorBoundary name="The sweep">
        <SweepPanel />
      </ErrorBoundary>
      <ErrorBoundary name="The preset gallery">
        <PresetGallery view={view} />
      </ErrorBoundary>
      <ErrorBoundary name="The comparison presets">
        <ComparisonGallery />
      </ErrorBoundary>
    </div>
  );
}
