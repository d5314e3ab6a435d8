/**
 * The shared export module (src-sim/export.ts): what the command line's --csv and the page's
 * Export menu write.
 */
import { describe, expect, it } from "vitest";
import { createSimulation } from "../src-sim/models/index";
import { SAMPLE_COLUMNS, type SampleColumn } from "../src-sim/engine/types";
import {
  columnUnit,
  RUN_JSON_FORMAT,
  exportFileName,
  runJson,
  samplesCsv,
  type ExportSource,
  type RunJson,
} from "../src-sim/export";
import { decodeScenario } from "../src-sim/scenario/codec";
import { DEFAULT_SCENARIO } from "../src-sim/scenario/params";

const URL_60 = "https://host/app/?strategy=watermark&t=60";

function story(untilSec: number) {
  const scenario = { ...DEFAULT_SCENARIO, restart: 1, memory: 1e9 };
  const sim = createSimulation(scenario);
  sim.advanceTo(untilSec);
  const source: ExportSource = { url: URL_60, scenario, sampleIntervalSec: 0.1 };
  return { sim, source };
}

/** Parses CSV the way pandas with comment="#" would: comment lines skipped, then a header. */
function parseCsv(text: string) {
  const lines = text.trimEnd().split("\n");
  const comments = lines.filter((l) => l.startsWith("#"));
  const [header, ...rows] = lines.filter((l) => !l.startsWith("#"));
  return { comments, header: header.split(","), rows: rows.map((r) => r.split(",")) };
}

describe("samplesCsv", () => {
  it("samplesCsv(batch) is a header of every column and one row per sample (the command line's format)", () => {
    const { sim } = story(2);
    const csv = parseCsv(samplesCsv(sim.readSamples(0)));
    expect(csv.comments).toEqual([]);
    expect(csv.header).toEqual([...SAMPLE_COLUMNS]);
    expect(csv.rows).toHaveLength(21);
    expect(Number(csv.rows[20][SAMPLE_COLUMNS.indexOf("queued")])).toBe(100_000);
  });

  it("samplesCsv(batch, source) names the scenario's link, the interval and units in # lines before the header", () => {
    const { sim, source } = story(2);
    const text = samplesCsv(sim.readSamples(0), source);
    const csv = parseCsv(text);
    expect(text.startsWith("# ")).toBe(true);
    expect(csv.comments).toContain(`# scenario: ${URL_60}`);
    expect(csv.comments).toContain("# sample interval: 0.1 s");
    expect(csv.comments.find((c) => c.startsWith("# units:"))).toContain("memoryBytes [bytes]");
    expect(csv.header).toEqual([...SAMPLE_COLUMNS]);
    expect(csv.rows).toHaveLength(21);
  });

  it("a link with a line break cannot end the comment early", () => {
    const { sim, source } = story(0.1);
    const csv = parseCsv(samplesCsv(sim.readSamples(0), { ...source, url: "https://x/?a=1\nb,c,d" }));
    expect(csv.header).toEqual([...SAMPLE_COLUMNS]);
  });

  it("writes NaN as an empty field", () => {
    const columns = Object.fromEntries(SAMPLE_COLUMNS.map((c) => [c, new Float64Array([NaN])])) as Record<
      SampleColumn,
      Float64Array
    >;
    expect(samplesCsv({ start: 0, count: 1, columns }).split("\n")[1]).toBe(",".repeat(SAMPLE_COLUMNS.length - 1));
  });
});

describe("runJson", () => {
  it("runJson(batch, events, source) holds the link, the scenario, every column and the events", () => {
    const { sim, source } = story(30);
    const doc = JSON.parse(runJson(sim.readSamples(0), sim.readEvents(), source)) as RunJson;
    expect(doc.format).toBe(RUN_JSON_FORMAT);
    expect(doc.url).toBe(URL_60);
    expect(doc.scenario).toEqual(source.scenario);
    expect(doc.samples).toBe(301);
    expect(Object.keys(doc.columns)).toEqual([...SAMPLE_COLUMNS]);
    for (const c of SAMPLE_COLUMNS) expect(doc.columns[c]).toHaveLength(301);
    expect(doc.units.queued).toBe("events");
    // memory 1 GB: OOM at 20 s, restart after 1 s.
    expect(doc.events.map((e) => e.kind)).toContain("oom");
    expect(doc.events.find((e) => e.kind === "oom")!.timeSec).toBeCloseTo(20, 3);
  });

  it("writes NaN (no latency, unused mechanism columns) as null, so the file is valid JSON", () => {
    const { sim, source } = story(1);
    const text = runJson(sim.readSamples(0), [], source);
    expect(text).not.toMatch(/NaN|Infinity/);
    const doc = JSON.parse(text) as RunJson;
    expect(doc.columns.tcpWindowBytes.every((v) => v === null)).toBe(true);
    expect(doc.columns.latencyP99[0]).toBeNull();
  });

  it("a scenario read back from the exported link is the exported scenario", () => {
    const { sim } = story(1);
    const scenario = decodeScenario("strategy=watermark&signalDelay=0.05&t=1").scenario;
    const doc = JSON.parse(
      runJson(sim.readSamples(0), [], {
        url: "https://h/?strategy=watermark&signalDelay=0.05&t=1",
        scenario,
        sampleIntervalSec: 0.1,
      }),
    ) as RunJson;
    expect(decodeScenario(doc.url).scenario).toEqual(doc.scenario);
  });
});

describe("COLUMN_UNITS", () => {
  it("gives every sample column a unit", () => {
    expect(SAMPLE_COLUMNS.filter((c) => columnUnit(c) === "-")).toEqual([]);
    expect(columnUnit("queuedMax")).toBe("events");
  });
});

describe("exportFileName", () => {
  it('exportFileName({strategy: "watermark"}, 60, "csv") is "backpressure-watermark-60s.csv"', () => {
    expect(exportFileName({ strategy: "watermark" }, 60, "csv")).toBe("backpressure-watermark-60s.csv");
  });

  it("adds a chart label and keeps a tenth of a second", () => {
    expect(exportFileName({ strategy: "drop-oldest" }, 12.34, "svg", "queue")).toBe(
      "backpressure-drop-oldest-queue-12.3s.svg",
    );
  });

  it("keeps names safe for any file system", () => {
    expect(exportFileName({ strategy: "x/../<y>" as never }, -3, "p n/g", "a b")).toBe(
      "backpressure-x-..-y-a-b-0s.png",
    );
  });
});
