/** Key moments on the charts: one mark per episode, labels that never overlap, crashes named. */
import { describe, expect, it } from "vitest";
import type { SimEvent } from "../src-sim/engine/types";
import { eventColumns } from "../src-sim/worker/runtime";
import { labelWidthPx, momentLabel, momentsSummary, placeMoments } from "../web/charts/momentMarks";
import { EventStore } from "../web/runtime/eventStore";

function store(events: SimEvent[]): EventStore {
  const s = new EventStore();
  s.apply(0, eventColumns(events));
  return s;
}
/** 180 s over a plot from x = 56 to x = 776 (4 px per second). */
const x = (t: number) => 56 + t * 4;

describe("placeMoments", () => {
  it("marks the story's crash at 120 s with what was lost", () => {
    const [m] = placeMoments(store([{ timeSec: 119.99, kind: "oom", value: 5_999_500 }]), ["oom"], x, 56, 776);
    expect(m.kind).toBe("oom");
    expect(Math.abs(m.x - x(120))).toBeLessThan(1);
    expect(m.label).toBe("OOM at 120.0 s · 6.0M lost");
    expect(m.anchor).toBe("start");
  });

  it("draws a burst of one kind as one episode labelled with its count", () => {
    const zeroWindows = Array.from({ length: 60 }, (_, i): SimEvent => ({
      timeSec: i + 1,
      kind: "zero-window",
      value: 0,
    }));
    const marks = placeMoments(store(zeroWindows), ["zero-window"], x, 56, 776);
    expect(marks).toHaveLength(1);
    expect(marks[0].count).toBe(60);
    expect(marks[0].label).toBe("zero window ×60");
  });

  it("keeps events far apart as separate marks, and labels none over another", () => {
    const ev: SimEvent[] = [
      { timeSec: 100, kind: "eviction", value: 50 },
      { timeSec: 106, kind: "rebalance", value: 500 },
      { timeSec: 160, kind: "eviction", value: 50 },
    ];
    const marks = placeMoments(store(ev), ["eviction", "rebalance"], x, 56, 776);
    expect(marks.map((m) => m.kind)).toEqual(["eviction", "rebalance", "eviction"]);
    const labelled = marks.filter((m) => m.label !== null);
    for (let i = 1; i < labelled.length; i++) {
      const prevEnd = labelled[i - 1].x + 6 + labelWidthPx(labelled[i - 1].label!);
      const left = labelled[i].anchor === "start" ? labelled[i].x : labelled[i].x - labelWidthPx(labelled[i].label!);
      expect(left).toBeGreaterThanOrEqual(prevEnd);
    }
    // "evicted" at 100 s needs more than 24 px: the rebalance 6 s later goes unlabelled.
    expect(marks[1].label).toBeNull();
  });

  it("turns a label near the right edge to the left of its line, and ignores other kinds", () => {
    const ev: SimEvent[] = [
      { timeSec: 179, kind: "oom", value: 10 },
      { timeSec: 50, kind: "pause", value: 8000 },
    ];
    const marks = placeMoments(store(ev), ["oom"], x, 56, 776);
    expect(marks).toHaveLength(1);
    expect(marks[0].anchor).toBe("end");
  });
});

describe("momentLabel and momentsSummary", () => {
  it("name what each marked kind means", () => {
    expect(momentLabel("eviction", 45, 10)).toBe("evicted");
    expect(momentLabel("retention-loss", 1200, 10)).toBe("retention · 1.2K lost");
    expect(momentLabel("overflow-error", 0, 10)).toBe("overflow error");
  });

  it("list the marks in the chart's accessible name, the first few and a count of the rest", () => {
    const ooms = Array.from({ length: 7 }, (_, i): SimEvent => ({ timeSec: 100 * (i + 1), kind: "oom", value: 5 }));
    const text = momentsSummary(store(ooms), ["oom"], 2);
    expect(text).toBe(
      "Marked: Out of memory at 100.0 s, 5 events lost; Out of memory at 200.0 s, 5 events lost and 5 more.",
    );
    expect(momentsSummary(store([]), ["oom"])).toBe("");
  });
});

describe("placeMoments on a narrow chart", () => {
  it("shortens the crash's label rather than dropping it (a phone-width chart)", () => {
    // 180 s over x = 56 .. 330, as on a 390 px wide phone.
    const narrow = (t: number) => 56 + (t * 274) / 180;
    const [m] = placeMoments(store([{ timeSec: 119.99, kind: "oom", value: 5_999_500 }]), ["oom"], narrow, 56, 330);
    expect(m.label).toBe("OOM · 6.0M lost");
  });
});
