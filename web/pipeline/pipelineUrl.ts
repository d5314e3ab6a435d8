/**
 * The pipeline page's address: the pipeline's link (encodePipeline) with the moment as `t=`, kept
 * in the address bar (replaced, not pushed: moving the slider is not a navigation) and given by
 * Copy link.
 */
import type { DecodeWarning } from "../../src-sim/scenario/codec";
import { encodePipeline, type Pipeline } from "../../src-sim/scenario/pipeline";

/** The query (without `?`) of `pipeline` at `timeSec`, on the sample grid's tenth. */
export function pipelineQuery(pipeline: Pipeline, timeSec: number): string {
  const t = Math.round(Math.max(0, timeSec) * 10) / 10;
  return encodePipeline({ shared: { ...pipeline.shared, t }, stages: pipeline.stages });
}

/** The full address of `pipeline` at `timeSec` on this page. */
export function pipelineLink(
  location: Pick<Location, "origin" | "pathname">,
  pipeline: Pipeline,
  timeSec: number,
): string {
  return `${location.origin}${location.pathname}?${pipelineQuery(pipeline, timeSec)}`;
}

/** Puts `pipeline` at `timeSec` in the address bar, without a new history entry. */
export function showInAddressBar(pipeline: Pipeline, timeSec: number): void {
  const query = `?${pipelineQuery(pipeline, timeSec)}`;
  if (window.location.search === query) return;
  try {
    window.history.replaceState(window.history.state, "", `${window.location.pathname}${query}${window.location.hash}`);
  } catch {
    // Some sandboxed frames refuse history changes: the page works without an up-to-date address.
  }
}

/**
 * Warnings for the view keys of a pipeline link (`embed`, `hide`, `zoom`, `theory`, sweeps, `story`):
 * the pipeline page has none of those views, so each one present is named and ignored rather than
 * dropped in silence.
 */
export function pipelineViewWarnings(view: Readonly<Record<string, string>>): DecodeWarning[] {
  return Object.entries(view).map(([key, value]) => ({
    key,
    given: value,
    used: null,
    message: `The pipeline page has no "${key}" view; it was ignored.`,
  }));
}
