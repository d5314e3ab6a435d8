/**
 * The pipeline page's export: each stage's samples as one CSV, the command line's `--csv` stage
 * columns (`stage1Queued`, ...) for the columns the page holds, one row per sample up to the
 * moment shown, under `#` lines with the pipeline's link and the sample interval.
 */
import type { PipelineData } from "./pipelineData";

/** The per-stage columns the page holds, in the CSV's order (names as series.ts's headers). */
const COLUMNS = ["queued", "memoryBytes", "state", "stalledSeconds"] as const;

/** The CSV of `data`'s samples; `url` is the pipeline's link. */
export function pipelineCsv(data: PipelineData, url: string): string {
  const names = data.stages.flatMap((_, k) => COLUMNS.map((c) => `stage${k + 1}${c[0].toUpperCase()}${c.slice(1)}`));
  const rows = [
    "# Backpressure Playground: one row per sample of a pipeline",
    `# pipeline: ${url.replace(/[\r\n]+/g, " ")}`,
    `# sample interval: ${data.sampleIntervalSec} s`,
    "# units: timeSec [s], queued [events], memoryBytes [bytes], state [0 running, 1 paused, 2 blocked, 3 down], stalledSeconds [s]",
    ["timeSec", ...names].join(","),
  ];
  for (let i = 0; i < data.times.length; i++) {
    const row = [data.times[i]];
    for (const st of data.stages) for (const c of COLUMNS) row.push(st[c][i]);
    rows.push(row.map((v) => (Number.isFinite(v) ? String(v) : "")).join(","));
  }
  return rows.join("\n") + "\n";
}
