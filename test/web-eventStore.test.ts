/**
 * The page's event store is bounded like the engine's log, and the lane says what it leaves out
 * (issue 12, item 1).
 */
import { describe, expect, it } from "vitest";
import { KEEP_PER_KIND, KIND_INDEX } from "../src-sim/engine/eventLog";
import { EVENT_KINDS } from "../src-sim/engine/types";
import { notDrawnNote, summarizeEvents } from "../web/charts/eventLane";
import { EventStore } from "../web/runtime/eventStore";

function columns(times: number[], kind: number) {
  return {
    count: times.length,
    timeSec: Float64Array.from(times),
    kind: new Uint8Array(times.length).fill(kind),
    value: new Float64Array(times.length),
  };
}

describe("EventStore", () => {
  it("holds at most the first KEEP_PER_KIND and 2 x KEEP_PER_KIND latest of a kind fed frame by frame", () => {
    const store = new EventStore();
    const totals = new Float64Array(EVENT_KINDS.length);
    for (let frame = 0; frame < 100; frame++) {
      const times = Array.from({ length: 1_000 }, (_, i) => frame * 1_000 + i);
      totals[KIND_INDEX.oom] += times.length;
      store.apply(frame === 0 ? 0 : frame * 1_000, columns(times, KIND_INDEX.oom), totals);
    }
    expect(store.length).toBeLessThan(3 * KEEP_PER_KIND);
    expect(store.count("oom")).toBe(100_000);
    expect(store.notStored("oom")).toBe(100_000 - store.length);
    expect(store.timeSec[store.firstOf("oom")]).toBe(0);
    expect(store.timeSec[store.length - 1]).toBe(99_999);
  });

  it("eventsStart 0 replaces everything held", () => {
    const store = new EventStore();
    store.apply(0, columns([1, 2, 3], KIND_INDEX.pause));
    store.apply(3, columns([4], KIND_INDEX.pause));
    store.apply(0, columns([1], KIND_INDEX.pause));
    expect(store.length).toBe(1);
    expect(store.count("pause")).toBe(1);
  });
});

describe("notDrawnNote(events)", () => {
  it("is empty when everything is drawn, else counts what is not, per kind", () => {
    const store = new EventStore();
    store.apply(0, columns([1, 2], KIND_INDEX.oom));
    expect(notDrawnNote(store)).toBe("");
    const totals = new Float64Array(EVENT_KINDS.length);
    totals[KIND_INDEX.oom] = 12_347;
    store.apply(2, columns([], KIND_INDEX.oom), totals);
    expect(notDrawnNote(store)).toBe(
      `12,345 more Out of memory events not drawn (each kind's first ${KEEP_PER_KIND} and latest are).`,
    );
    expect(summarizeEvents(store)).toContain("12,345 more Out of memory events not drawn");
  });
});
