/**
 * The scorecard (issue 13 item 2): its rows are the runs' own figures (src-sim/sweep/figures.ts,
 * the CLI sweep's), ranked with "best" marked; its CSV and the lanes' sample exports read back to
 * the runs' samples.
 */
import { describe, expect, it } from "vitest";
import { SAMPLE_COLUMNS } from "../src-sim/engine/types";
import { createSimulation } from "../src-sim/models/index";
import { decodeScenario } from "../src-sim/scenario/codec";
import { runFigures, type RunFigures } from "../src-sim/sweep/figures";
import { lanesCsv, lanesJson } from "../web/compare/compareExport";
import { bestOf, scorecardCsv, scorecardRows } from "../web/compare/scorecard";

const story = (q: string) => decodeScenario(`duration=150&${q}`).scenario;
const LANES = [story(""), story("strategy=watermark"), story("strategy=block")];

/** Each lane run to its end, with its figures and samples. */
const runs = LANES.map((s) => {
  const sim = createSimulation(s, { sampleIntervalSec: 0.1 });
  sim.advanceTo(s.duration);
  return { scenario: s, sim, figures: runFigures(sim, s) };
});
const figures: RunFigures[] = runs.map((r) => r.figures);
const row = (name: string) => scorecardRows(figures).find((r) => r.name === name)!;

describe("scorecard", () => {
  it("shows each run's own figures, in the sweep's order", () => {
    const rows = scorecardRows(figures);
    expect(rows.map((r) => r.name)).toEqual(Object.keys(figures[0]));
    for (const r of rows) expect(r.values).toEqual(figures.map((f) => f[r.name]));
    // The figures agree with the samples they summarise: delivered = consumed at the end / time.
    runs.forEach((r, i) => {
      const consumed = r.sim.column("consumed");
      expect(row("throughput").values[i]).toBeCloseTo(consumed[consumed.length - 1] / 150, 6);
    });
  });

  it("marks the crash in words, and no crash as best", () => {
    const oom = row("oomAtSec");
    expect(oom.alarm).toEqual([0]);
    expect(oom.best).toEqual([1, 2]);
    expect(oom.texts[1]).toBe("none");
  });

  it("marks the lowest where lower is better and the highest where higher is, ties together", () => {
    expect(row("maxQueued").best).toEqual([1]); // watermarks hold 8,000; block 10,000; unbounded 6M
    expect(row("lost").best).toEqual([1, 2]);
    expect(row("throughput").best).toEqual([1, 2]);
    // Nobody dropped: a row where every lane is the same marks nothing.
    expect(row("dropped").best).toEqual([]);
    // Not Kafka: no duplicates to compare.
    expect(row("duplicates").best).toEqual([]);
    expect(row("duplicates").texts).toEqual(["–", "–", "–"]);
  });

  it("a lane that ran out of memory is best at nothing: not its producer's 0% stopped, not its 0 signals", () => {
    const crashed = [true, false, false];
    expect(bestOf("producerStoppedPct", [0, 12, 40], crashed)).toEqual([1]);
    expect(bestOf("signals", [0, 30, 0], crashed)).toEqual([2]);
    expect(bestOf("producerStoppedPct", [0, 12, 40])).toEqual([0]); // without the crash it would be
    const rows = scorecardRows(figures);
    const oomLanes = figures.flatMap((f, i) => (f.oomAtSec !== null ? [i] : []));
    expect(oomLanes.length).toBeGreaterThan(0);
    for (const r of rows) if (r.name !== "oomAtSec") for (const i of oomLanes) expect(r.best).not.toContain(i);
  });

  it("compares to 1e-9 relative, and marks nothing before every lane has figures", () => {
    expect(bestOf("throughput", [50000, 50000 * (1 + 1e-12), 40000])).toEqual([0, 1]);
    expect(scorecardRows([figures[0], null, figures[2]]).every((r) => r.best.length === 0)).toBe(true);
  });

  it("writes the scorecard as CSV with raw values and the best lanes' letters", () => {
    const csv = scorecardCsv(
      scorecardRows(figures),
      ["A · Unbounded", "B · Watermarks", "C · Bounded, block"],
      "https://x/?lanes=a",
      150,
    );
    const lines = csv.trim().split("\n");
    expect(lines[3]).toBe('figure,unit,A · Unbounded,B · Watermarks,"C · Bounded, block",best');
    expect(lines).toContain(`oomAtSec,s,${figures[0].oomAtSec},,,B C`);
    expect(lines).toContain(`maxQueued,events,${figures[0].maxQueued},8000,10000,B`);
  });

  it("exports every lane's samples, lane by lane, as CSV and JSON", () => {
    const lanes = runs.map((r, i) => ({
      letter: "ABC"[i],
      scenario: r.scenario,
      batch: r.sim.readSamples(0),
      events: r.sim.readEvents(0),
    }));
    const csv = lanesCsv(lanes, "https://x/?lanes=a", 0.1).trim().split("\n");
    expect(csv[4]).toBe(["lane", "strategy", ...SAMPLE_COLUMNS].join(","));
    const rows = csv.slice(5);
    expect(rows).toHaveLength(3 * 1501);
    const queuedAt = SAMPLE_COLUMNS.indexOf("queued") + 2;
    const lastA = rows[1500].split(",");
    expect(lastA[0]).toBe("A");
    expect(Number(lastA[queuedAt])).toBe(runs[0].sim.column("queued")[1500]);
    const json = JSON.parse(lanesJson(lanes, "https://x/?lanes=a", 0.1)) as {
      lanes: Array<{ lane: string; samples: number; columns: Record<string, Array<number | null>> }>;
    };
    expect(json.lanes.map((l) => l.lane)).toEqual(["A", "B", "C"]);
    expect(json.lanes[1].columns.queued).toEqual(Array.from(runs[1].sim.column("queued")));
  });
});
