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
import { createZoomStore, type ZoomStore, type ZoomWindow } from "./zoomStore";

/** The page's frame-rate machinery. */
export interface PageRuntime {
  series: SeriesStore;
  events: EventStore;
  loop: RenderLoop;
  crosshair: CrosshairStore;
  theme: ThemeController;
  zoom: ZoomStore;
  /**
   * Zooms every chart to a window (null: the whole run); `samples` is about one per pixel of the
   * plot. main.tsx routes it to the worker client; without one it only sets the window.
   */
  requestZoom: (window: ZoomWindow | null, samples?: number) => void;
}

/** Creates the page runtime (a fake scheduler and root element may be passed in tests). */
export function createPageRuntime(scheduler?: FrameScheduler, root?: HTMLElement): PageRuntime {
  const zoom = createZoomStore();
  return {
    series: new SeriesStore(),
    events: new EventStore(),
    loop: new RenderLoop(scheduler),
    crosshair: createCrosshair(),
    theme: new ThemeController(root),
    zoom,
    requestZoom: (window) => zoom.setState((s) => ({ window, fine: null, version: s.version + 1 })),
  };
}
