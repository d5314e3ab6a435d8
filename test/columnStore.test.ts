/**
 * Checkpoints share their samples (issue 12, item 1): the page keeps up to 41 checkpoints of a
 * run, and each copied every sample so far, so a day-long run held about 100 MB of samples in the
 * worker. Full chunks are now shared; a copy owns only its last, partial chunk.
 */
import { describe, expect, it } from "vitest";
import { CHUNK_ROWS, ColumnStore } from "../src-sim/engine/columnStore";
import { SAMPLE_COLUMNS } from "../src-sim/engine/types";

function row(v: number): Float64Array {
  return Float64Array.from(SAMPLE_COLUMNS, (_, c) => v * 100 + c);
}

describe("ColumnStore", () => {
  it("slice and view read rows across chunk boundaries", () => {
    const s = new ColumnStore();
    for (let i = 0; i < 3 * CHUNK_ROWS + 7; i++) s.push(row(i));
    const b = s.slice(CHUNK_ROWS - 2, 2 * CHUNK_ROWS + 3);
    expect(b.count).toBe(CHUNK_ROWS + 5);
    expect(Array.from(b.columns.queued.subarray(0, 3))).toEqual([
      (CHUNK_ROWS - 2) * 100 + 1,
      (CHUNK_ROWS - 1) * 100 + 1,
      CHUNK_ROWS * 100 + 1,
    ]);
    expect(s.view("timeSec")[3 * CHUNK_ROWS + 6]).toBe((3 * CHUNK_ROWS + 6) * 100);
    expect(s.view("timeSec")).toHaveLength(3 * CHUNK_ROWS + 7);
  });

  it("a clone and its original grow apart without touching each other's rows", () => {
    const a = new ColumnStore();
    for (let i = 0; i < CHUNK_ROWS + 10; i++) a.push(row(i));
    const b = a.clone();
    a.push(row(1_000));
    b.push(row(2_000));
    expect(a.view("timeSec")[CHUNK_ROWS + 10]).toBe(100_000);
    expect(b.view("timeSec")[CHUNK_ROWS + 10]).toBe(200_000);
    expect(b.view("timeSec")[CHUNK_ROWS + 9]).toBe((CHUNK_ROWS + 9) * 100);
  });

  it("40 checkpoints of a 17,280-row run cost 40 partial chunks, not 40 copies of the run", () => {
    const s = new ColumnStore();
    for (let i = 0; i < 17_280; i++) s.push(row(i));
    const before = process.memoryUsage().arrayBuffers;
    const checkpoints = Array.from({ length: 40 }, () => s.clone());
    const grownMb = (process.memoryUsage().arrayBuffers - before) / 1e6;
    // Copies would be 40 x 17,280 x 36 x 8 bytes = 199 MB; partial chunks 40 x 74 KB = 3 MB.
    expect(grownMb).toBeLessThan(10);
    expect(checkpoints[39].slice(17_279).columns.timeSec[0]).toBe(1_727_900);
  });
});
