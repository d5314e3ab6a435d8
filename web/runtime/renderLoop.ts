/**
 * One requestAnimationFrame loop for every chart (the excalidraw habit: rendering is throttled to
 * one call per frame, with a `flush()` for tests). Charts register a draw function that knows
 * whether it has anything new to draw; a frame is only requested after something invalidated,
 * so the loop stops by itself when the run is paused and nobody hovers.
 */

/** Something the loop draws: returns true if it drew (for the render counts tests pin). */
export type DrawFn = () => boolean;

/** Frame scheduling, injectable for tests. */
export interface FrameScheduler {
  request(cb: () => void): number;
  cancel(id: number): void;
}

const browserScheduler: FrameScheduler = {
  request: (cb) => requestAnimationFrame(cb),
  cancel: (id) => cancelAnimationFrame(id),
};

/** The page's single animation-frame loop. */
export class RenderLoop {
  private drawables = new Set<DrawFn>();
  private pending: number | null = null;
  /** Frames run so far (each may draw several charts). */
  frames = 0;
  /** Individual draws so far, across charts. */
  draws = 0;

  constructor(private readonly scheduler: FrameScheduler = browserScheduler) {}

  /** Registers a draw function; returns the function that unregisters it. */
  add(draw: DrawFn): () => void {
    this.drawables.add(draw);
    this.invalidate();
    return () => {
      this.drawables.delete(draw);
    };
  }

  /** Asks for one frame (several calls before it runs still give one frame). */
  invalidate(): void {
    if (this.pending === null) this.pending = this.scheduler.request(() => this.run());
  }

  /** True while a frame is requested. */
  get scheduled(): boolean {
    return this.pending !== null;
  }

  /** Runs a pending frame now (tests), cancelling the scheduled one. */
  flush(): void {
    if (this.pending === null) return;
    this.scheduler.cancel(this.pending);
    this.run();
  }

  private run(): void {
    this.pending = null;
    this.frames++;
    for (const draw of this.drawables) {
      if (draw()) this.draws++;
    }
  }
}
