/**
 * Story mode's data and links (web/story/): every chapter's scenario is a clean link, its notes
 * and checkpoints lie within its run on charts it shows, the first chapter's checkpoints are
 * the story's figures, and `story=` values are read as the banner reports them.
 */
import { describe, expect, it } from "vitest";
import { COLUMN_BY_NAME } from "../src-sim/scenario/columns";
import { decodeScenario, encodeScenario, VIEW_KEYS } from "../src-sim/scenario/codec";
import { presetById } from "../src-sim/scenario/presets";
import { ChangingRun } from "../src-sim/models/changingRun";
import { TIME_CHARTS, chartApplies } from "../web/charts/chartSpecs";
import { labelBox, noteText, notesSummary, placeNotes } from "../web/charts/noteLayer";
import { CHAPTERS, chapterByNumber, chartNotes } from "../web/story/chapters";
import { parseStoryView, storyViewKeys } from "../web/story/storyLink";
import { decodeChapterLink, linkSetsScenario } from "../web/story/storyNav";

describe("the chapter table", () => {
  it("has about eight chapters, numbered from 1, with unique ids", () => {
    expect(CHAPTERS.length).toBeGreaterThanOrEqual(8);
    expect(CHAPTERS.map((c) => c.number)).toEqual(CHAPTERS.map((_, i) => i + 1));
    expect(new Set(CHAPTERS.map((c) => c.id)).size).toBe(CHAPTERS.length);
    expect(chapterByNumber(1)).toBe(CHAPTERS[0]);
    expect(chapterByNumber(0)).toBeUndefined();
    expect(chapterByNumber(CHAPTERS.length + 1)).toBeUndefined();
  });

  for (const chapter of CHAPTERS) {
    describe(`chapter ${chapter.number} (${chapter.id})`, () => {
      const { scenario, changes, warnings } = decodeScenario(chapter.query);

      it("loads a valid scenario: its link decodes without warnings and re-encodes to itself", () => {
        expect(presetById(chapter.preset), chapter.preset).toBeDefined();
        expect(warnings).toEqual([]);
        expect(encodeScenario(scenario, {}, changes)).toBe(chapter.query);
        expect(scenario.t).toBe(0);
      });

      it("draws its notes inside its run, on charts its strategy shows, from columns those charts draw", () => {
        expect(chapter.notes.length).toBeGreaterThan(0);
        for (const note of chapter.notes) {
          expect(note.atSec).toBeGreaterThan(0);
          expect(note.atSec).toBeLessThanOrEqual(scenario.duration);
          const spec = TIME_CHARTS.find((c) => c.id === note.chart)!;
          expect(spec, note.chart).toBeDefined();
          expect(chartApplies(spec, scenario.strategy), `${note.chart} under ${scenario.strategy}`).toBe(true);
          if (note.column) expect(spec.series.map((s) => s.column)).toContain(note.column);
        }
      });

      it("checks its figures inside its run, and points at parts its strategy shows", () => {
        for (const c of chapter.checkpoints ?? []) {
          if (c.kind !== "value") continue;
          expect(c.atSec).toBeLessThanOrEqual(scenario.duration);
          expect(COLUMN_BY_NAME[c.column]).toBeDefined();
        }
        expect(chapter.focus.length).toBeGreaterThan(0);
        for (const f of chapter.focus.filter((x) => x.startsWith("chart:"))) {
          const spec = TIME_CHARTS.find((c) => c.id === f.slice(6))!;
          expect(chartApplies(spec, scenario.strategy), f).toBe(true);
        }
      });

      it("has text, one thing to try, and says whether it wants the theory lines", () => {
        expect(chapter.title.length).toBeGreaterThan(0);
        expect(chapter.text.length).toBeGreaterThan(0);
        expect(chapter.tryThis.length).toBeGreaterThan(0);
        expect(typeof chapter.theory).toBe("boolean");
      });
    });
  }

  it("chartNotes gives one chart's notes of a chapter, and none outside the tour", () => {
    expect(chartNotes(CHAPTERS[0], "queue").map((n) => n.atSec)).toEqual([10, 60]);
    expect(chartNotes(undefined, "queue")).toEqual([]);
  });
});

describe("chapter 1 against the engine", () => {
  it("the checkpoints read 500,000 at 10 s and 3,000,000 at 60 s, and the crash comes at 120 s", () => {
    const chapter = CHAPTERS[0];
    const { scenario, changes } = decodeScenario(chapter.query);
    const run = new ChangingRun(scenario, changes);
    const at: Record<number, number> = {};
    for (const c of chapter.checkpoints ?? []) {
      if (c.kind !== "value") continue;
      run.advanceTo(c.atSec);
      at[c.atSec] = run.sim.live().queued;
    }
    expect(at).toEqual({ 10: 500_000, 60: 3_000_000 });
    expect(chapter.checkpoints?.some((c) => c.kind === "oom")).toBe(true);
    run.advanceTo(125);
    expect(run.sim.summary().oomAt).toBeCloseTo(120, 3);
  });
});

describe("what the chapters ask the reader to try does what they say", () => {
  /** A chapter's run with `edit` applied to its scenario, summarised at `untilSec`. */
  const tried = (id: string, edit: Record<string, string | number>, untilSec: number) => {
    const chapter = CHAPTERS.find((c) => c.id === id)!;
    const { scenario, changes } = decodeScenario(chapter.query);
    const run = new ChangingRun({ ...scenario, ...edit }, changes);
    run.advanceTo(untilSec);
    return { before: summaryOf(chapter.query, changes, untilSec), after: run.sim.summary() };
  };
  const summaryOf = (query: string, changes: ReturnType<typeof decodeScenario>["changes"], untilSec: number) => {
    const run = new ChangingRun(decodeScenario(query).scenario, changes);
    run.advanceTo(untilSec);
    return run.sim.summary();
  };

  it("chapter 3: a producer that can wait keeps its buffer empty, loses nothing, and p99 falls to about a tenth of a second", () => {
    const { before, after } = tried("failure-modes", { onPause: "slow" }, 60);
    expect(before.lost).toBeGreaterThan(0);
    expect(before.latency.p99).toBeGreaterThan(10);
    expect(after.lost).toBe(0);
    expect(after.latency.p99).toBeGreaterThan(0.1);
    expect(after.latency.p99).toBeLessThan(0.2);
  });

  it("chapter 9: 6 s bursts every 20 s (period 20, duty 0.3) no longer drain, and the bound drops", () => {
    const { before, after } = tried("choose", { shapePeriod: 20, shapeDuty: 0.3 }, 180);
    expect(before.dropped).toBe(0);
    expect(after.dropped).toBeGreaterThan(0);
  });
});

describe("notes on a chart", () => {
  /** Samples every 0.1 s of a queue growing 50K a second, up to `untilSec`. */
  function series(untilSec: number) {
    const n = Math.round(untilSec / 0.1) + 1;
    const queued = Float64Array.from({ length: n }, (_, i) => i * 5000);
    return {
      length: n,
      sampleIntervalSec: 0.1,
      column: (name: string) => (name === "queued" ? queued : new Float64Array(n)),
    };
  }
  const x = (t: number) => 56 + t * 4;
  const format = TIME_CHARTS[0].format;

  it("a note reads its column once the run has reached its time, and its label alone before", () => {
    const notes = chartNotes(CHAPTERS[0], "queue");
    const early = placeNotes(notes, series(30), x, format, 56, 776);
    expect(early.map((n) => n.text)).toEqual(["10 s: 500K", "60 s"]);
    expect(early[1].value).toBeNaN();
    const late = placeNotes(notes, series(90), x, format, 56, 776);
    expect(late.map((n) => n.text)).toEqual(["10 s: 500K", "60 s: 3.0M"]);
    expect(notesSummary(late)).toBe("Tour marks: 10 s: 500K; 60 s: 3.0M.");
  });

  it("a label that would cover a limit's label drops below it", () => {
    const note = { chart: "queue" as const, atSec: 170, label: "170 s" };
    const limit = labelBox("OOM 6.0M", 772, 30, "end");
    expect(placeNotes([note], series(1), x, format, 56, 776, 30, []).map((n) => n.y)).toEqual([30]);
    expect(placeNotes([note], series(1), x, format, 56, 776, 30, [limit]).map((n) => n.y)).toEqual([44]);
  });

  it("labels that would overlap drop a row; notes outside the plot are left out", () => {
    const notes = [
      { chart: "queue" as const, atSec: 10, label: "first mark" },
      { chart: "queue" as const, atSec: 11, label: "second mark" },
      { chart: "queue" as const, atSec: 500, label: "off the plot" },
    ];
    const placed = placeNotes(notes, series(1), x, format, 56, 776, 30);
    expect(placed.map((n) => n.y)).toEqual([30, 44]);
    expect(noteText(notes[0], NaN, format)).toBe("first mark");
  });
});

describe("story= in a link", () => {
  const N = CHAPTERS.length;
  it("a chapter number opens it, without a warning; no key, no story", () => {
    expect(parseStoryView("3", N)).toEqual({ chapter: 3, warnings: [] });
    expect(parseStoryView(undefined, N)).toEqual({ chapter: null, warnings: [] });
    expect(storyViewKeys(3)).toEqual({ story: "3" });
    expect(storyViewKeys(null)).toEqual({});
    expect(VIEW_KEYS).toContain("story");
    expect(decodeScenario("?story=junk").warnings).toEqual([]);
  });

  it.each([
    ["0", 1],
    ["99", N],
    ["-2", 1],
    ["2.5", 1],
    ["junk", 1],
    ["", 1],
    ["1e999", 1],
    ["9".repeat(400), 1],
  ])("story=%s opens chapter %i and says so", (given, used) => {
    const { chapter, warnings } = parseStoryView(given, N);
    expect(chapter).toBe(used);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ key: "story", given: given.slice(0, 80), used: String(used) });
    expect(warnings[0].message).toMatch(/^Guided tour: .*; opened chapter \d+\.$/);
  });

  it("a bare chapter link opens the chapter's scenario at the link's moment, checked against its duration", () => {
    const ch2 = CHAPTERS[1];
    expect(linkSetsScenario("?story=2&t=365")).toBe(false);
    const link = decodeChapterLink(ch2, "?story=2&t=365");
    expect(link.warnings).toEqual([]);
    expect(link.scenario.memory).toBe(24e9);
    expect(link.scenario.t).toBe(365);
    expect(link.view).toEqual({ story: "2" });
    expect(decodeChapterLink(ch2, "?story=2&t=9999").warnings.map((w) => w.key)).toEqual(["t"]);
  });

  it("a link that sets the scenario is opened as it is, inside the chapter", () => {
    expect(linkSetsScenario("?story=2&consumer=90000")).toBe(true);
    expect(linkSetsScenario("?story=2&zoom=1:2&v=2")).toBe(false);
  });
});
