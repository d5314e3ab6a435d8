/**
 * Boots the page as a pipeline (a link with `stages=`, src-sim/scenario/pipeline.ts): the theme,
 * the worker client that runs the chain (opening at the link's `t`), and the React tree. Loaded as
 * its own chunk: a visitor to the playground does not download it.
 */
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { decodePipeline, type Pipeline } from "../../src-sim/scenario/pipeline";
import { ErrorBoundary } from "../components/ErrorBoundary";
import { createBrowserWorker, createPageHost } from "../runtime/simHost";
import { loadThemeChoice, ThemeController } from "../runtime/theme";
import { PipelineClient } from "./pipelineClient";
import { PipelineApp } from "./PipelineApp";
import { pipelineViewWarnings } from "./pipelineUrl";
import "./pipeline.css";

/** Speed the page opens at, simulated s per wall s (the preset's stall spreads every 10 s). */
const OPENING_SPEED = 5;

/**
 * Starts the pipeline page of the link `search` in `rootElement`; returns its client (for
 * diagnostics), or null when the link has no stage that can run (the caller shows the single run).
 */
export function bootPipeline(search: string, rootElement: HTMLElement): PipelineClient | null {
  const opened = decodePipeline(search.replace(/^\?/, ""));
  if (!opened.pipeline) return null;
  const theme = new ThemeController();
  const themeChoice = loadThemeChoice();
  theme.apply(themeChoice);
  const pipeline: Pipeline = { shared: { ...opened.pipeline.shared, t: 0 }, stages: opened.pipeline.stages };
  const client = new PipelineClient(pipeline, createBrowserWorker, createPageHost);
  client.start(OPENING_SPEED, opened.pipeline.shared.t);
  document.title = "Pipeline · Backpressure Playground";
  createRoot(rootElement).render(
    <StrictMode>
      <ErrorBoundary name="The pipeline page">
        <PipelineApp
          client={client}
          warnings={[...opened.warnings, ...pipelineViewWarnings(opened.view)]}
          theme={theme}
          themeChoice={themeChoice}
        />
      </ErrorBoundary>
    </StrictMode>,
  );
  return client;
}
