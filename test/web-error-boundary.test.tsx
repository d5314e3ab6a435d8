// @vitest-environment happy-dom
/**
 * One broken view never blanks the page (issue 12, item 5): rendered for real (React in
 * happy-dom), a view that throws while rendering, or a chart whose drawing throws in the shared
 * animation-frame loop, is replaced by a compact message with "Try again"; every other view stays.
 */
import { act, useRef } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DEFAULT_SCENARIO } from "../src-sim/scenario/params";
import type { TimeChartSpec } from "../web/charts/chartSpecs";
import { useChartRenderer } from "../web/charts/useChartRenderer";
import type { WiredRenderer } from "../web/charts/wiredRenderer";
import { RuntimeContext, StoreContext } from "../web/components/context";
import { ErrorBoundary } from "../web/components/ErrorBoundary";
import { Stage } from "../web/components/Stage";
import { createPageRuntime, type PageRuntime } from "../web/runtime/pageRuntime";
import { createAppStore, type AppStore } from "../web/store/appStore";
import type { SimCommands } from "../web/store/commands";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// The readouts and the queue chart are broken; the other charts draw nothing (no canvas here).
vi.mock("../web/components/Readouts", () => ({
  Readouts: () => {
    throw new Error("readouts exploded");
  },
}));
vi.mock("../web/charts/TimeChart", () => ({
  TimeChart: ({ spec }: { spec: TimeChartSpec }) => {
    if (spec.id === "queue") throw new Error("queue chart exploded");
    return <figure data-chart={spec.id}>{spec.title}</figure>;
  },
}));
vi.mock("../web/charts/EventLane", () => ({ EventLane: () => <figure data-chart="lane">Events</figure> }));

let root: Root | null = null;
let host: HTMLElement | null = null;
let frames: Array<() => void> = [];

function setup(node: React.ReactNode) {
  const commands = new Proxy({} as SimCommands, { get: () => () => {} });
  const store: AppStore = createAppStore({ commands, scenario: { ...DEFAULT_SCENARIO } });
  const rt: PageRuntime = createPageRuntime({ request: (cb) => frames.push(cb), cancel: () => {} });
  host = document.createElement("div");
  document.body.append(host);
  root = createRoot(host);
  act(() =>
    root!.render(
      <StoreContext.Provider value={store}>
        <RuntimeContext.Provider value={rt}>{node}</RuntimeContext.Provider>
      </StoreContext.Provider>,
    ),
  );
  return { el: host, rt, store };
}

const errorSpy = vi.spyOn(console, "error").mockImplementation(() => {});

beforeEach(() => {
  frames = [];
  errorSpy.mockClear();
});

afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  root = null;
});

describe("error boundaries", () => {
  it("a stage whose readouts and queue chart throw still shows the transport and the other charts", () => {
    const { el } = setup(<Stage />);
    const alerts = [...el.querySelectorAll(".view-error")].map((n) => n.textContent);
    expect(alerts).toEqual([
      "The readouts could not be shown. readouts explodedTry again",
      "The queue depth chart could not be shown. queue chart explodedTry again",
    ]);
    expect(el.querySelector("button.play")?.textContent).toBe("Play");
    expect(el.querySelectorAll("figure[data-chart]").length).toBeGreaterThanOrEqual(3);
  });

  it("Try again renders the view afresh, and it shows once it no longer throws", () => {
    let broken = true;
    function Flaky() {
      if (broken) throw new Error("not yet");
      return <p className="flaky">fine now</p>;
    }
    const { el } = setup(
      <>
        <ErrorBoundary name="The flaky view">
          <Flaky />
        </ErrorBoundary>
        <p className="sibling">still here</p>
      </>,
    );
    expect(el.querySelector(".view-error")?.getAttribute("role")).toBe("alert");
    expect(el.querySelector(".sibling")?.textContent).toBe("still here");
    broken = false;
    act(() => (el.querySelector(".view-error button") as HTMLButtonElement).click());
    expect(el.querySelector(".view-error")).toBeNull();
    expect(el.querySelector(".flaky")?.textContent).toBe("fine now");
  });

  it("a huge error message is cut short", () => {
    function Huge(): never {
      throw new Error("x".repeat(100_000));
    }
    const { el } = setup(
      <ErrorBoundary name="The huge view">
        <Huge />
      </ErrorBoundary>,
    );
    expect(el.querySelector(".view-error-detail")!.textContent!.length).toBe(200);
  });

  it("a chart whose drawing throws in the animation-frame loop shows its message; the other chart keeps drawing", () => {
    let goodDraws = 0;
    const renderer = (draw: () => boolean): WiredRenderer => ({
      setSize: () => {},
      draw,
      showCrosshair: () => {},
      timeAt: () => null,
    });
    function FakeChart({ draw }: { draw: () => boolean }) {
      const plot = useRef<HTMLDivElement>(null);
      useChartRenderer(
        plot,
        () => renderer(draw),
        () => false,
        [],
      );
      return <div ref={plot} className="fake-chart" />;
    }
    const { el, rt } = setup(
      <>
        <ErrorBoundary name="The bad chart">
          <FakeChart
            draw={() => {
              throw new Error("draw failed");
            }}
          />
        </ErrorBoundary>
        <ErrorBoundary name="The good chart">
          <FakeChart draw={() => (goodDraws++, true)} />
        </ErrorBoundary>
      </>,
    );
    act(() => frames.splice(0).forEach((f) => f()));
    expect(el.querySelector(".view-error")?.textContent).toBe("The bad chart could not be shown. draw failedTry again");
    expect(el.querySelectorAll(".fake-chart")).toHaveLength(1);
    const before = goodDraws;
    rt.loop.invalidate();
    act(() => frames.splice(0).forEach((f) => f()));
    expect(goodDraws).toBe(before + 1);
  });
});
