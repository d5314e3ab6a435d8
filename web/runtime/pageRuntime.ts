/**
 * Everything on the page that changes at frame rate and so stays out of React: sample and event
 * stores, the render loop, the crosshair and the theme's palette. Created once in main.tsx and
 * handed to components through RuntimeContext.
 */
import { createCrosshair, type CrosshairStore } from "./crosshair";
import { EventStore } from "./eventStore";
import { RenderLoop, type FrameScheduler } from "./renderLoop";
import { SeriesStore } from "./seriesStore";
import { ThemeController } from "./theme";

/** The page's frame-rate machinery. */
export interface PageRuntime {
  series: SeriesStore;
  events: EventStore;
  loop: RenderLoop;
  crosshair: CrosshairStore;
  theme: ThemeController;
}

/** Creates the page runtime (a fake scheduler and root element may be passed in tests). */
export function createPageRuntime(scheduler?: FrameScheduler, root?: HTMLElement): PageRuntime {
  return {
    series: new SeriesStore(),
    events: new EventStore(),
    loop: new RenderLoop(scheduler),
    crosshair: createCrosshair(),
    theme: new ThemeController(root),
  };
}
