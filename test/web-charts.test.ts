// @vitest-environment happy-dom
import { describe, expect, it } from "vitest";
import { SAMPLE_COLUMNS, type SampleColumn } from "../src-sim/engine/types";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { MEMORY_CHART, QUEUE_CHART, oomDepth } from "../web/charts/chartSpecs";
import { drawSeries } from "../web/charts/drawSeries";
import { EventLaneRenderer } from "../web/charts/eventLaneRenderer";
import { FALLBACK_PALETTE } from "../web/charts/palette";
import { powersOfTen, timeTicks } from "../web/charts/timeAxis";
import { TimeChartRenderer, type ChartContext } from "../web/charts/timeChartRenderer";
import { linearDomain, logDomain, maxOf, niceCeil } from "../web/charts/yDomain";
import { EventStore } from "../web/runtime/eventStore";
import { RenderLoop } from "../web/runtime/renderLoop";
import { SeriesStore } from "../web/runtime/seriesStore";
import { eventColumns } from "../src-sim/worker/runtime";
import type { AxisScale } from "../web/store/uiSlice";

/** A 2D context that records path calls instead of drawing. */
function recordingContext() {
  const calls: string[] = [];
  const ctx = {
    calls,
    strokeStyle: "",
    fillStyle: "",
    lineWidth: 1,
    globalAlpha: 1,
    font: "",
    textAlign: "left" as CanvasTextAlign,
    beginPath: () => calls.push("beginPath"),
    moveTo: () => calls.push("moveTo"),
    lineTo: () => calls.push("lineTo"),
    closePath: () => calls.push("closePath"),
    stroke: () => calls.push("stroke"),
    fill: () => calls.push("fill"),
    setLineDash: () => {},
    clearRect: () => calls.push("clearRect"),
    setTransform: () => {},
    save: () => {},
    restore: () => {},
    rect: () => {},
    clip: () => {},
    fillRect: () => calls.push("fillRect"),
    fillText: () => calls.push("fillText"),
    strokeText: () => {},
  };
  return ctx as typeof ctx & ChartContext;
}

/** Samples [0, n) with `queued` = f(i), other columns 0. */
function samples(
  series: SeriesStore,
  start: number,
  n: number,
  f: (i: number) => number,
  column: SampleColumn = "queued",
) {
  const columns = Object.fromEntries(SAMPLE_COLUMNS.map((c) => [c, new Float64Array(n)])) as Record<
    SampleColumn,
    Float64Array
  >;
  for (let i = 0; i < n; i++) {
    columns.timeSec[i] = (start + i) * 0.1;
    columns[column][i] = f(start + i);
  }
  series.apply(start, n, columns);
}

function chartDom() {
  const canvas = document.createElement("canvas");
  const svgOf = (classes: string[]) => {
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    for (const cls of classes) {
      const g = document.createElementNS("http://www.w3.org/2000/svg", "g");
      g.setAttribute("class", cls);
      svg.append(g);
    }
    return svg;
  };
  const axes = svgOf(["y-axis", "x-axis"]);
  const svg = svgOf(["refs", "moments"]);
  const text = document.createElementNS("http://www.w3.org/2000/svg", "text");
  text.setAttribute("class", "offscale");
  svg.append(text);
  const plot = document.createElement("div");
  return { canvas, axes, svg, plot, crosshair: document.createElement("div"), legend: document.createElement("div") };
}

function queueChart(scenario: Scenario = { ...DEFAULT_SCENARIO }, scale: AxisScale = "linear") {
  const series = new SeriesStore();
  const ctx = recordingContext();
  const dom = chartDom();
  const state = { scenario, scale };
  const renderer = new TimeChartRenderer(
    QUEUE_CHART,
    dom,
    {
      series,
      scenario: () => state.scenario,
      scale: () => state.scale,
      palette: () => FALLBACK_PALETTE,
      paletteVersion: () => 0,
    },
    ctx,
  );
  renderer.setSize(800, 1);
  return { series, ctx, dom, renderer, state };
}

describe("y domains", () => {
  it("niceCeil(6.48e6) is 8e6 and niceCeil(101) is 120", () => {
    expect(niceCeil(6.48e6)).toBe(8e6);
    expect(niceCeil(101)).toBe(120);
    expect(niceCeil(0)).toBe(1);
  });
  it("linearDomain(6e6) leaves headroom above the OOM line", () => expect(linearDomain(6e6)).toEqual([0, 8e6]));
  it("logDomain(6e6) spans powers of ten from 1", () => expect(logDomain(6e6)).toEqual([1, 1e7]));
  it("powersOfTen([1, 1e4]) lists 1 .. 10000", () => expect(powersOfTen([1, 1e4])).toEqual([1, 10, 100, 1000, 10000]));
  it("maxOf ignores NaN and Infinity", () => expect(maxOf([[1, NaN, 7, Infinity, 3]], 0, 5)).toBe(7));
});

describe("drawSeries", () => {
  const flat = { pxPerSample: 1, offsetPx: 0, y: (v: number) => v };
  it("a NaN breaks the line into two subpaths", () => {
    const ctx = recordingContext();
    drawSeries(ctx, [1, 2, NaN, 4, 5], 0, 5, flat, { color: "red", width: 1 });
    expect(ctx.calls.filter((c) => c === "moveTo")).toHaveLength(2);
    expect(ctx.calls.filter((c) => c === "lineTo")).toHaveLength(2);
  });
  it("100,000 samples over 400 px draw at most about 4 points per pixel column", () => {
    const ctx = recordingContext();
    const values = Float64Array.from({ length: 100_000 }, (_, i) => Math.sin(i / 7) * 100);
    const drawn = drawSeries(
      ctx,
      values,
      0,
      values.length,
      { pxPerSample: 400 / 100_000, offsetPx: 0, y: (v) => v },
      { color: "red", width: 1 },
    );
    expect(drawn).toBeLessThanOrEqual(400 * 4 + 8);
  });
  it("a sparse series is drawn point for point", () => {
    const ctx = recordingContext();
    expect(
      drawSeries(ctx, [1, 2, 3, 4], 0, 4, { pxPerSample: 100, offsetPx: 0, y: (v) => v }, { color: "red", width: 1 }),
    ).toBe(4);
  });
  it("fillAlpha fills the area under the line before stroking it", () => {
    const ctx = recordingContext();
    drawSeries(ctx, [1, 2, 3], 0, 3, flat, { color: "red", width: 1, fillAlpha: 0.2, baselinePx: 10 });
    expect(ctx.calls.indexOf("fill")).toBeLessThan(ctx.calls.indexOf("stroke"));
  });
});

describe("TimeChartRenderer", () => {
  it("draws once per change: a second draw with nothing new does nothing", () => {
    const { series, renderer } = queueChart();
    samples(series, 0, 100, (i) => i * 5000);
    expect(renderer.draw()).toBe(true);
    expect(renderer.draw()).toBe(false);
    samples(series, 100, 1, () => 500_000);
    expect(renderer.draw()).toBe(true);
    expect(renderer.drawCount).toBe(2);
  });

  it("the unbounded story's axis includes the OOM line from the start and is drawn once", () => {
    const { series, renderer, dom } = queueChart();
    for (let k = 0; k < 12; k++) {
      samples(series, k * 100, 100, (i) => i * 5000);
      renderer.draw();
    }
    expect(renderer.axisCount).toBe(1);
    expect(dom.svg.querySelector("g.refs")!.textContent).toContain(`OOM ${"6.0M"}`);
    expect(oomDepth(DEFAULT_SCENARIO)).toBe(6_000_000);
  });

  it("a bounded queue's axis is redrawn only when the data pass a nice step", () => {
    const { series, renderer } = queueChart({ ...DEFAULT_SCENARIO, strategy: "drop-newest", capacity: 100 });
    samples(series, 0, 10, () => 50);
    renderer.draw();
    samples(series, 10, 10, () => 90);
    renderer.draw();
    expect(renderer.axisCount).toBe(1);
  });

  it("switching to a log scale redraws the axis with powers of ten", () => {
    const { series, renderer, dom, state } = queueChart();
    samples(series, 0, 50, (i) => i * 5000);
    renderer.draw();
    state.scale = "log";
    expect(renderer.draw()).toBe(true);
    expect(renderer.axisCount).toBe(2);
    const labels = Array.from(dom.axes.querySelectorAll("g.y-axis .tick text")).map((t) => t.textContent);
    expect(labels).toContain("1.0M");
    expect(labels).toContain("1");
  });

  it("the legend shows the latest values, and the crosshair's values while hovering", () => {
    const { series, renderer, dom } = queueChart();
    samples(series, 0, 201, (i) => i * 5000);
    renderer.draw();
    expect(dom.legend.textContent).toContain("1.0M");
    renderer.showCrosshair(10);
    expect(dom.legend.textContent).toContain("500K");
    expect(dom.legend.textContent).toContain("at 10.0 s");
    expect(dom.crosshair.style.display).toBe("block");
  });

  it("watermark lines appear for the watermark strategy only", () => {
    const { series, renderer, dom, state } = queueChart();
    samples(series, 0, 10, () => 100);
    renderer.draw();
    expect(dom.svg.textContent).not.toContain("HIGH");
    state.scenario = { ...DEFAULT_SCENARIO, strategy: "watermark" };
    renderer.draw();
    expect(dom.svg.textContent).toContain("HIGH 8.0K");
    expect(dom.svg.textContent).toContain("LOW 2.0K");
    expect(dom.svg.textContent).toContain("capacity 10K");
    expect(dom.svg.textContent).not.toContain("OOM");
  });

  it("HIGH = LOW share one readable label (the flapping preset)", () => {
    const { series, renderer, dom } = queueChart({ ...DEFAULT_SCENARIO, strategy: "watermark", low: 8000 });
    samples(series, 0, 10, () => 8000);
    renderer.draw();
    const labels = Array.from(dom.svg.querySelectorAll("text.ref-label")).map((t) => t.textContent);
    expect(labels).toEqual(["capacity 10K", "HIGH = LOW 8.0K"]);
  });

  it("grid lines are drawn under the data: the axes live in the SVG below the canvas", () => {
    const { series, renderer, dom } = queueChart();
    samples(series, 0, 10, (i) => i * 5000);
    renderer.draw();
    expect(dom.axes.querySelectorAll("g.y-axis .tick line").length).toBeGreaterThan(2);
    expect(dom.svg.querySelector("g.y-axis")).toBeNull();
  });

  it("marks the OOM on the queue chart with what was lost and when, and names it in the accessible name", () => {
    const series = new SeriesStore();
    const events = new EventStore();
    const dom = chartDom();
    const r = new TimeChartRenderer(
      QUEUE_CHART,
      dom,
      {
        series,
        scenario: () => ({ ...DEFAULT_SCENARIO }),
        scale: () => "linear",
        palette: () => FALLBACK_PALETTE,
        paletteVersion: () => 0,
        events,
      },
      recordingContext(),
    );
    r.setSize(800, 1);
    samples(series, 0, 1250, (i) => (i < 1200 ? i * 5000 : 0));
    events.apply(0, eventColumns([{ timeSec: 119.99, kind: "oom", value: 5_999_500 }]));
    r.draw();
    const mark = dom.svg.querySelector<SVGGElement>('g.moment[data-kind="oom"]')!;
    expect(Number(mark.dataset.time)).toBeCloseTo(120, 1);
    expect(mark.textContent).toBe("OOM at 120.0 s · 6.0M lost");
    expect(dom.plot.getAttribute("aria-label")).toContain("Marked: Out of memory at 120.0 s, 6.0M events lost.");
  });

  it("the memory chart always shows the limit", () => {
    const series = new SeriesStore();
    const dom = chartDom();
    const r = new TimeChartRenderer(
      MEMORY_CHART,
      dom,
      {
        series,
        scenario: () => ({ ...DEFAULT_SCENARIO }),
        scale: () => "linear",
        palette: () => FALLBACK_PALETTE,
        paletteVersion: () => 0,
      },
      recordingContext(),
    );
    r.setSize(600, 1);
    samples(series, 0, 10, () => 1e6, "memoryBytes");
    r.draw();
    expect(dom.svg.textContent).toContain("limit 6 GB");
  });
});

describe("EventLaneRenderer", () => {
  it("names the crash in its accessible summary and in place on the canvas", () => {
    const series = new SeriesStore();
    const events = new EventStore();
    samples(series, 0, 1300, () => 1, "consumerUp");
    events.apply(0, {
      count: 1,
      timeSec: Float64Array.of(119.99999),
      kind: Uint8Array.of(4),
      value: Float64Array.of(6_000_001),
    });
    const plot = document.createElement("div");
    const svg = document.createElementNS("http://www.w3.org/2000/svg", "svg");
    for (const cls of ["rows", "x-axis"]) {
      const g = document.createElementNS("http://www.w3.org/2000/svg", "g");
      g.setAttribute("class", cls);
      svg.append(g);
    }
    const ctx = recordingContext();
    const lane = new EventLaneRenderer(
      { canvas: document.createElement("canvas"), svg, crosshair: document.createElement("div"), plot },
      {
        series,
        events,
        durationSec: () => 180,
        palette: () => FALLBACK_PALETTE,
        paletteVersion: () => 0,
      },
      ctx,
    );
    lane.setSize(900, 1);
    expect(lane.draw()).toBe(true);
    expect(plot.getAttribute("aria-label")).toContain("Out of memory at 120.0 s");
    expect(ctx.calls).toContain("fillText");
    expect(lane.draw()).toBe(false);
    expect(svg.textContent).toContain("Consumer");
  });
});

describe("RenderLoop", () => {
  it("many invalidations before a frame give one frame, and no invalidation gives none", () => {
    const pending: Array<() => void> = [];
    const loop = new RenderLoop({ request: (cb) => pending.push(cb), cancel: () => {} });
    let draws = 0;
    loop.add(() => ++draws > 0);
    loop.invalidate();
    loop.invalidate();
    expect(pending).toHaveLength(1);
    pending.shift()!();
    expect(loop.frames).toBe(1);
    expect(loop.scheduled).toBe(false);
    expect(pending).toHaveLength(0);
  });

  it("flush() runs the pending frame at once", () => {
    const loop = new RenderLoop({ request: () => 1, cancel: () => {} });
    let drew = 0;
    loop.add(() => (drew++, true));
    loop.flush();
    expect(drew).toBe(1);
    expect(loop.draws).toBe(1);
  });
});

describe("timeTicks", () => {
  it("timeTicks(180, 9) ticks every 20 s", () => {
    const t = timeTicks(180, 9);
    expect(t.values).toEqual([0, 20, 40, 60, 80, 100, 120, 140, 160, 180]);
    expect(t.format(120)).toBe("120 s");
  });
  it("timeTicks(3600, 9) ticks every 10 min and says so", () => {
    const t = timeTicks(3600, 9);
    expect(t.values.slice(0, 3)).toEqual([0, 600, 1200]);
    expect(t.format(1200)).toBe("20 min");
  });
  it("timeTicks(86400, 8) ticks every 3 h", () => expect(timeTicks(86_400, 8).format(10_800)).toBe("3 h"));
});

describe("the palette has one source", () => {
  it("FALLBACK_PALETTE is the light theme of web/themes.css (imported by web/styles.css), every chart colour defined there", async () => {
    const { readFileSync } = await import("node:fs");
    const css = readFileSync("web/themes.css", "utf8");
    expect(readFileSync("web/styles.css", "utf8")).toMatch(/^@import "\.\/themes\.css";$/m);
    const { COLOR_VARS, lightPaletteFrom } = await import("../web/charts/palette");
    expect(FALLBACK_PALETTE).toEqual(lightPaletteFrom(css));
    for (const name of COLOR_VARS) expect(FALLBACK_PALETTE[name], name).not.toBe("#808080");
    expect(FALLBACK_PALETTE["c-upstream"]).toBe("#a21caf");
  });
});
