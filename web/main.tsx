/**
 * Boot: read the scenario from the link, start the runtime and the worker, bind the store, keep
 * the address bar in step, render. A link with `lanes=` opens a comparison (web/compare/), one
 * with `stages=` a pipeline (web/pipeline/); both pages are chunks of their own.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import type { DecodeResult } from "../src-sim/scenario/codec";
import { openLink } from "../src-sim/scenario/lanes";
import { App } from "./components/App";
import { RuntimeContext, StoreContext } from "./components/context";
import { ErrorBoundary } from "./components/ErrorBoundary";
import { createPageRuntime } from "./runtime/pageRuntime";
import { SimClient } from "./runtime/simClient";
import { createBrowserWorker, createPageHost } from "./runtime/simHost";
import { loadThemeChoice } from "./runtime/theme";
import { watchForUpdates } from "./runtime/updates";
import { followScenarioInUrl, mergeLinkViews } from "./runtime/urlSync";
import { parseSweepView, SWEEP_VIEW_KEYS } from "../src-sim/sweep/link";
import { SweepContext } from "./sweep/context";
import { createSweepWorker } from "./sweep/sweepHost";
import { sweepWorkerCount } from "./sweep/sweepPool";
import { createSweepStore, sweepLinkView } from "./sweep/sweepStore";
import { parseViewOptions } from "./scenario/viewOptions";
import { THEORY_VIEW_KEY, parseTheoryValue, theoryLinkView } from "./scenario/theoryView";
import { clampWindow, parseZoomValue, zoomLinkView } from "./runtime/zoomStore";
import { DEFAULT_SPEED, createAppStore, type AppStore } from "./store/appStore";
import { CHAPTERS, chapterByNumber } from "./story/chapters";
import { StoryContext } from "./story/context";
import { parseStoryView, STORY_KEY } from "./story/storyLink";
import { applyChapterTheory, decodeChapterLink, linkSetsScenario } from "./story/storyNav";
import { createStoryStore, FOLDED_TEXT_QUERY, followStoryInHistory, storyLinkView } from "./story/storyStore";
import "./styles.css";

const opened = openLink(window.location.search);
const rootElement = document.getElementById("root")!;
if (opened.kind === "compare") {
  // The comparison page is its own chunk: a visitor to the playground does not download it.
  import("./compare/bootCompare")
    .then(({ bootCompare }) => watchUpdates(bootCompare(opened, rootElement).app))
    .catch((error: unknown) => {
      rootElement.textContent =
        "The comparison page could not be loaded (" +
        (error instanceof Error ? error.message : String(error)) +
        "). Reload the page to try again.";
    });
} else if (new URLSearchParams(window.location.search).has("stages")) {
  // The pipeline page is its own chunk too; a pipeline with no stage that can run falls back to
  // the single run of its source's workload, with the link's warnings.
  import("./pipeline/bootPipeline")
    .then(({ bootPipeline }) => {
      if (!bootPipeline(window.location.search, rootElement)) bootSingleRun(opened.link);
    })
    .catch((error: unknown) => {
      rootElement.textContent =
        "The pipeline page could not be loaded (" +
        (error instanceof Error ? error.message : String(error)) +
        "). Reload the page to try again.";
    });
} else {
  bootSingleRun(opened.link);
}

/** The built site works offline and announces new versions (public/ + web/sw/); the dev server has none. */
function watchUpdates(appStore: AppStore): void {
  if (import.meta.env.PROD) void watchForUpdates("./sw.js", (apply) => appStore.getState().setPendingUpdate(apply));
}

/** Boots the single run of a link (every link without `lanes=`, decoded exactly as always). */
function bootSingleRun(opened: DecodeResult): void {
  let link = opened;
  // The zoom, the sweep, the story and the theory lines are view keys that change while the page
  // is open: kept apart from the fixed ones.
  const { zoom: zoomKey, [STORY_KEY]: storyKey, [THEORY_VIEW_KEY]: theoryKey, ...fixedView } = link.view;
  const theory = parseTheoryValue(theoryKey);
  const isSweepKey = (key: string) => (SWEEP_VIEW_KEYS as readonly string[]).includes(key);
  const pageView = Object.fromEntries(Object.entries(fixedView).filter(([key]) => !isSweepKey(key)));
  const view = parseViewOptions(pageView);
  const sweepLink = parseSweepView(Object.fromEntries(Object.entries(fixedView).filter(([key]) => isSweepKey(key))));
  const sweepStore = createSweepStore({
    createWorker: createSweepWorker,
    workers: sweepWorkerCount(navigator.hardwareConcurrency),
    request: sweepLink.request,
  });
  // A bare `story=N` opens the chapter's own scenario at the link's moment; a link that sets the
  // scenario opens that, inside the chapter (web/story/storyNav.ts).
  const storyLink = parseStoryView(view.options.embed ? undefined : storyKey, CHAPTERS.length);
  const storyStore = createStoryStore(storyLink.chapter, window.matchMedia?.(FOLDED_TEXT_QUERY).matches ?? false);
  const storyChapter = chapterByNumber(storyLink.chapter ?? 0);
  if (storyChapter && !linkSetsScenario(window.location.search))
    link = decodeChapterLink(storyChapter, window.location.search);
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
    linkWarnings: [
      ...link.warnings,
      ...view.warnings,
      ...sweepLink.warnings,
      ...storyLink.warnings,
      ...theory.warnings,
    ],
    changes: link.changes,
    speed: DEFAULT_SPEED,
    theme: loadThemeChoice(),
    theoryLines: theory.on,
  });
  // A chapter sets the theory lines' default (on where it reads the charts against theory).
  if (storyChapter) applyChapterTheory(store, storyChapter, theory.on);
  runtime.theme.apply(store.getState().theme);
  client.start(link.scenario, DEFAULT_SPEED, link.scenario.t, link.changes);
  const linkZoom = parseZoomValue(zoomKey);
  if (linkZoom) client.requestZoom(clampWindow(linkZoom.fromSec, linkZoom.toSec, link.scenario.duration));
  followScenarioInUrl(
    store,
    pageView,
    window,
    mergeLinkViews(
      zoomLinkView(runtime.zoom),
      sweepLinkView(sweepStore),
      storyLinkView(storyStore),
      theoryLinkView(store),
    ),
  );
  followStoryInHistory(storyStore);
  watchUpdates(store);

  createRoot(rootElement).render(
    <StrictMode>
      <StoreContext.Provider value={store}>
        <RuntimeContext.Provider value={runtime}>
          <SweepContext.Provider value={view.options.embed ? null : sweepStore}>
            <StoryContext.Provider value={view.options.embed ? null : storyStore}>
              <ErrorBoundary name="The playground">
                <App view={pageView} options={view.options} />
              </ErrorBoundary>
            </StoryContext.Provider>
          </SweepContext.Provider>
        </RuntimeContext.Provider>
      </StoreContext.Provider>
    </StrictMode>,
  );
}
