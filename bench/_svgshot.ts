import { writeFileSync } from "node:fs";
import { SAMPLE_COLUMNS, type SampleColumn } from "../src-sim/engine/types";
import { DEFAULT_SCENARIO } from "../src-sim/scenario/params";
import { QUEUE_CHART, MEMORY_CHART } from "../web/charts/chartSpecs";
import { FALLBACK_PALETTE } from "../web/charts/palette";
import { chartSvgFile } from "../web/export/chartExport";
import { SeriesStore } from "../web/runtime/seriesStore";
const n = 900;
const series = new SeriesStore();
const columns = Object.fromEntries(SAMPLE_COLUMNS.map((c) => [c, new Float64Array(n)])) as Record<SampleColumn, Float64Array>;
for (let i = 0; i < n; i++) { columns.timeSec[i] = i * 0.1; columns.queued[i] = 5_000 * i; columns.memoryBytes[i] = 5_000 * i * 1000; }
series.apply(0, n, columns);
for (const spec of [QUEUE_CHART, MEMORY_CHART]) writeFileSync(`/tmp/export-${spec.id}.svg`, chartSvgFile({ spec, series, scenario: { ...DEFAULT_SCENARIO, t: 90 }, scale: "linear", palette: FALLBACK_PALETTE, meta: { url: "https://example/?t=90", caption: "Backpressure Playground · Unbounded queue · at 90 s" }, theory: true }));
