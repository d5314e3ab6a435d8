/**
 * Append-only columns of float64 samples: handed out in the columnar layout uPlot popularised
 * (one array per column, cheap to slice and to transfer), stored row by row.
 *
 * Rows live in chunks of {@link CHUNK_ROWS}, each row whole: the engine appends one row per
 * sample, often from code V8 has not compiled yet, where one typed-array copy beats a loop over
 * 90-odd columns; a slice deals the rows it reads to the columns. The price is on reading: a slice
 * of 100,000 rows takes about 75 ms against about 22 ms when rows were stored column by column
 * (appending them: 50 against 80 ms, warm). A chunk never changes once full, so a copy (a
 * checkpoint of the run) shares every full chunk with the original and copies only the last,
 * partial one. The page keeps up to 41 checkpoints of a run; copying every sample into
 * each made a day-long run hold about 100 MB of samples in the worker, now a few megabytes.
 */
import { SAMPLE_COLUMNS, type SampleBatch, type SampleColumn } from "./types";

const COLUMN_COUNT = SAMPLE_COLUMNS.length;

/** Rows per chunk: a chunk is CHUNK_ROWS x 93 columns x 8 bytes, about 190 KB. */
export const CHUNK_ROWS = 256;

/** Sample columns in the order of {@link SAMPLE_COLUMNS}. */
export class ColumnStore {
  /** Chunk k holds rows [k * CHUNK_ROWS, (k + 1) * CHUNK_ROWS), row r at r * COLUMN_COUNT. */
  private chunks: Float64Array[] = [];
  /** Rows stored. */
  length = 0;
  /** Contiguous copies of columns handed out by {@link view}, valid until the next push. */
  private views = new Map<number, Float64Array>();

  /** A deep copy (for checkpoints): full chunks are shared, the partial last one is copied. */
  clone(): ColumnStore {
    const c = new ColumnStore();
    c.chunks = this.chunks.slice();
    const last = this.chunks.length - 1;
    if (last >= 0 && this.length % CHUNK_ROWS !== 0) c.chunks[last] = this.chunks[last].slice();
    c.length = this.length;
    return c;
  }

  /** Appends one row; `row[i]` is the value of column `SAMPLE_COLUMNS[i]`. */
  push(row: Float64Array): void {
    const offset = this.length % CHUNK_ROWS;
    if (offset === 0) this.chunks.push(new Float64Array(CHUNK_ROWS * COLUMN_COUNT));
    this.chunks[this.chunks.length - 1].set(row, offset * COLUMN_COUNT);
    this.length++;
    if (this.views.size > 0) this.views.clear();
  }

  /** A read-only view of one column's stored rows (valid until the next push). */
  view(name: SampleColumn): Float64Array {
    const c = SAMPLE_COLUMNS.indexOf(name);
    let view = this.views.get(c);
    if (!view) {
      view = this.copyColumn(c, 0, this.length);
      this.views.set(c, view);
    }
    return view;
  }

  /** Copies rows [from, to) into a fresh batch whose arrays can be transferred. */
  slice(from: number, to = this.length): SampleBatch {
    const start = Math.max(0, Math.min(from, this.length));
    const end = Math.max(start, Math.min(to, this.length));
    const outs = SAMPLE_COLUMNS.map(() => new Float64Array(end - start));
    // Row by row: each stored row is read once, in order, and dealt to the columns.
    for (let row = start; row < end; row++) {
      const k = Math.floor(row / CHUNK_ROWS);
      const chunk = this.chunks[k];
      const base = (row - k * CHUNK_ROWS) * COLUMN_COUNT;
      const i = row - start;
      for (let c = 0; c < COLUMN_COUNT; c++) outs[c][i] = chunk[base + c];
    }
    const columns = {} as Record<SampleColumn, Float64Array>;
    SAMPLE_COLUMNS.forEach((name, c) => {
      columns[name] = outs[c];
    });
    return { start, count: end - start, columns };
  }

  private copyColumn(c: number, start: number, end: number): Float64Array {
    const out = new Float64Array(end - start);
    let row = start;
    while (row < end) {
      const k = Math.floor(row / CHUNK_ROWS);
      const offset = row - k * CHUNK_ROWS;
      const n = Math.min(CHUNK_ROWS - offset, end - row);
      const chunk = this.chunks[k];
      for (let i = 0, at = offset * COLUMN_COUNT + c; i < n; i++, at += COLUMN_COUNT) out[row - start + i] = chunk[at];
      row += n;
    }
    return out;
  }
}

/** Index of each column in a row, for writing rows without string look-ups. */
export const COL: Readonly<Record<SampleColumn, number>> = Object.fromEntries(
  SAMPLE_COLUMNS.map((name, i) => [name, i]),
) as Record<SampleColumn, number>;
