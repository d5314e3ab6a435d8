/**
 * Chart exports: the SVG path recorder, the layout the live chart and the exports share, and the
 * standalone SVG document (axes, limits and data as paths, readable on its own).
 */
import { describe, expect, it } from "vitest";
import { SAMPLE_COLUMNS, type SampleColumn } from "../src-sim/engine/types";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { layoutChart, splitReferences } from "../web/charts/chartLayout";
import { LATENCY_CHART, MEMORY_CHART, QUEUE_CHART } from "../web/charts/chartSpecs";
import { drawSeries } from "../web/charts/drawSeries";
import { FALLBACK_PALETTE } from "../web/charts/palette";
import { chartSvg, exportGeometry } from "../web/export/chartSvg";
import { chartSvgFile } from "../web/export/chartExport";
import { theoryLines } from "../web/charts/theoryLines";
import { SvgPathContext, xml } from "../web/export/svgPathContext";
import { SeriesStore } from "../web/runtime/seriesStore";

/** The story's first `n` samples: 50K more queued each second. */
function storySeries(n: number): SeriesStore {
  const series = new SeriesStore();
  const columns = Object.fromEntries(SAMPLE_COLUMNS.map((c) => [c, new Float64Array(n)])) as Record<
    SampleColumn,
    Float64Array
  >;
  for (let i = 0; i < n; i++) {
    columns.timeSec[i] = i * 0.1;
    columns.queued[i] = 5_000 * i;
    columns.memoryBytes[i] = 5_000 * i * 1000;
    columns.latencyP99[i] = i === 0 ? NaN : i * 0.05;
  }
  series.apply(0, n, columns);
  return series;
}

const story: Scenario = { ...DEFAULT_SCENARIO };
const META = { url: "https://h/?t=60&x=<y>", caption: "Backpressure Playground · Unbounded queue · at 60.0 s" };

describe("SvgPathContext", () => {
  it("turns a stroke into one <path> with the stroke's style", () => {
    const ctx = new SvgPathContext();
    ctx.strokeStyle = "#123456";
    ctx.lineWidth = 2;
    ctx.setLineDash([4, 3]);
    ctx.beginPath();
    ctx.moveTo(0, 10);
    ctx.lineTo(5.123, 20);
    ctx.stroke();
    expect(ctx.markup).toBe(
      '<path d="M0 10L5.12 20" fill="none" stroke="#123456" stroke-width="2" stroke-linejoin="round" stroke-dasharray="4 3"/>',
    );
  });

  it("clips with a clipPath group that restore() closes", () => {
    const ctx = new SvgPathContext("c");
    ctx.save();
    ctx.beginPath();
    ctx.rect(1, 2, 3, 4);
    ctx.clip();
    ctx.restore();
    expect(ctx.markup).toBe('<clipPath id="c-1"><path d="M1 2h3v4h-3Z"/></clipPath><g clip-path="url(#c-1)"></g>');
  });

  it("draws what drawSeries draws on a canvas: a filled area and a line, NaN breaking it", () => {
    const ctx = new SvgPathContext();
    drawSeries(
      ctx,
      [1, 2, NaN, 4],
      0,
      4,
      { pxPerSample: 10, offsetPx: 0, y: (v) => 100 - v },
      { color: "red", width: 1.5, fillAlpha: 0.2, baselinePx: 100 },
    );
    const paths = ctx.markup.match(/<path [^>]*>/g)!;
    expect(paths).toHaveLength(2);
    expect(paths[0]).toContain('fill="red"');
    expect(paths[0]).toContain('fill-opacity="0.2"');
    expect(paths[1]).toContain('d="M0 99L10 98M30 96"');
  });

  it("xml() escapes markup characters", () => {
    expect(xml(`<a href="x">&</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;&amp;&lt;/a&gt;");
  });
});

describe("layoutChart", () => {
  it("the story at 60 s on the queue chart: domain up to 8M with the OOM line in view", () => {
    const layout = layoutChart(QUEUE_CHART, storySeries(601), story, "linear", 960);
    expect(layout.domain).toEqual([0, 8e6]);
    expect(layout.count).toBe(601);
    expect(splitReferences(layout).inView.map((r) => r.label)).toEqual(["OOM"]);
    // 180 s across 960 - 56 - 14 px.
    expect(layout.pxPerSample).toBeCloseTo((0.1 / 180) * 890, 9);
    expect(layout.x(180)).toBe(946);
  });

  it("a non-scalable chart ignores the log scale", () => {
    expect(layoutChart(MEMORY_CHART, storySeries(10), story, "log", 500).scale).toBe("linear");
    expect(layoutChart(QUEUE_CHART, storySeries(10), story, "log", 500).scale).toBe("log");
  });
});

describe("chartSvg", () => {
  const layout = layoutChart(QUEUE_CHART, storySeries(601), story, "linear", 960);
  const svg = chartSvg(QUEUE_CHART, layout, FALLBACK_PALETTE, META);

  it("is a standalone SVG document of the chart's size", () => {
    const { width, height } = exportGeometry(QUEUE_CHART, layout, FALLBACK_PALETTE);
    expect(svg.startsWith('<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg"')).toBe(
      true,
    );
    expect(svg).toContain(`width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"`);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
  });

  it("has a title, the legend with the value at the last sample, and both axes' labels", () => {
    expect(svg).toContain("<title>Queue depth</title>");
    expect(svg).toContain('queued <tspan font-weight="700">3.0M</tspan>');
    for (const label of [">0<", ">2.0M<", ">8.0M<", ">20 s<", ">180 s<"]) expect(svg).toContain(label);
  });

  it("draws the data as paths, clipped to the plot, and the OOM line with its label", () => {
    expect(svg).toMatch(/<clipPath id="queue-clip-1">/);
    expect((svg.match(/<path d="M/g) ?? []).length).toBeGreaterThanOrEqual(2);
    expect(svg).toContain("OOM 6.0M");
    expect(svg).toContain('stroke-dasharray="6 4"');
  });

  it("escapes the link in the caption and description", () => {
    expect(svg).toContain('<a href="https://h/?t=60&amp;x=&lt;y&gt;">');
    expect(svg).not.toContain("<y>");
  });

  it("layers can be left out: the PNG's top overlay has the limits and text only", () => {
    const overlay = chartSvg(QUEUE_CHART, layout, FALLBACK_PALETTE, META, {
      data: false,
      background: false,
      axes: false,
    });
    expect(overlay).not.toContain("clipPath");
    expect(overlay).not.toContain("<rect");
    expect(overlay).toContain("OOM 6.0M");
    expect(overlay).not.toContain(">2.0M<");
    const under = chartSvg(QUEUE_CHART, layout, FALLBACK_PALETTE, META, {
      data: false,
      background: false,
      annotations: false,
    });
    expect(under).toContain(">2.0M<");
    expect(under).not.toContain("OOM 6.0M");
    expect(under).not.toContain("queued <tspan");
  });

  it("notes limits above the axis: the memory chart early in the story", () => {
    const early = layoutChart(LATENCY_CHART, storySeries(20), { ...story, producer: 10 }, "linear", 600);
    expect(chartSvg(LATENCY_CHART, early, FALLBACK_PALETTE, META)).toContain("<title>Latency</title>");
    const mem = layoutChart(MEMORY_CHART, storySeries(20), { ...story, producer: 10 }, "linear", 600);
    expect(chartSvg(MEMORY_CHART, mem, FALLBACK_PALETTE, META)).toContain("limit 6 GB ↑");
  });

  it("wraps a legend that does not fit onto a second line, taller header", () => {
    const narrow = layoutChart(LATENCY_CHART, storySeries(20), story, "linear", 300);
    const wide = layoutChart(LATENCY_CHART, storySeries(20), story, "linear", 960);
    expect(exportGeometry(LATENCY_CHART, narrow, FALLBACK_PALETTE).headerPx).toBeGreaterThan(
      exportGeometry(LATENCY_CHART, wide, FALLBACK_PALETTE).headerPx,
    );
  });
});

describe("exported charts with the theory lines on", () => {
  it("draw the chart's theory lines, dashed, with their labels; none when the lines are off", () => {
    const series = storySeries(600);
    const input = {
      spec: QUEUE_CHART,
      series,
      scenario: story,
      scale: "linear" as const,
      palette: FALLBACK_PALETTE,
      meta: META,
    };
    const off = chartSvgFile(input);
    const on = chartSvgFile({ ...input, theory: true });
    expect(off).not.toContain('class="theory-line"');
    const lines = theoryLines(QUEUE_CHART.id, story);
    expect(lines.length).toBeGreaterThan(0);
    // Each line the live chart would draw over the run's span, with its label, in its colour, dashed.
    for (const line of lines.filter((l) => l.kind !== "period")) {
      expect(on).toContain(`data-id="${xml(line.id)}"`);
      expect(on).toContain(`>${xml(line.label)}</text>`);
    }
    expect(on).toMatch(/class="theory-line"[^>]*>\s*<path [^>]*stroke-dasharray/);
  });
});
