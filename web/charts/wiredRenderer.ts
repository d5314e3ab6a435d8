/**
 * The contract between a chart renderer (plain drawing code) and the React wiring that sizes it,
 * schedules it and feeds it the crosshair (useChartRenderer). Kept apart so renderers never
 * import React.
 */

/** What a chart renderer offers to the shared wiring. */
export interface WiredRenderer {
  /** Sets the plot's CSS width and device pixel ratio (the height is the renderer's own). */
  setSize(widthPx: number, dpr: number): void;
  /** Redraws if anything shown changed; returns whether it drew. */
  draw(): boolean;
  showCrosshair(timeSec: number | null): void;
  /** Simulated time under a horizontal offset within the plot, s, or null outside it. */
  timeAt(offsetXPx: number): number | null;
}
