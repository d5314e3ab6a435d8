/**
 * Append-only columns of float64 samples (one typed array per column, doubling as they grow),
 * in the columnar layout uPlot popularised: cheap to append, to slice and to transfer.
 */
import { SAMPLE_COLUMNS, type SampleBatch, type SampleColumn } from "./types";

const COLUMN_COUNT = SAMPLE_COLUMNS.length;

/** Sample columns in the order of {@link SAMPLE_COLUMNS}. */
export class ColumnStore {
  private data: Float64Array[];
  /** Rows stored. */
  length = 0;

  constructor(initialRows = 256) {
    this.data = SAMPLE_COLUMNS.map(() => new Float64Array(initialRows));
  }

  /** A deep copy (for checkpoints). */
  clone(): ColumnStore {
    const c = new ColumnStore(1);
    c.data = this.data.map((col) => col.slice(0, Math.max(1, this.length)));
    c.length = this.length;
    return c;
  }

  /** Appends one row; `row[i]` is the value of column `SAMPLE_COLUMNS[i]`. */
  push(row: Float64Array): void {
    if (this.length === this.data[0].length) {
      this.data = this.data.map((col) => {
        const next = new Float64Array(col.length * 2);
        next.set(col);
        return next;
      });
    }
    for (let i = 0; i < COLUMN_COUNT; i++) this.data[i][this.length] = row[i];
    this.length++;
  }

  /** A read-only view of one column's stored rows (valid until the next push). */
  view(name: SampleColumn): Float64Array {
    return this.data[SAMPLE_COLUMNS.indexOf(name)].subarray(0, this.length);
  }

  /** Copies rows [from, to) into a fresh batch whose arrays can be transferred. */
  slice(from: number, to = this.length): SampleBatch {
    const start = Math.max(0, Math.min(from, this.length));
    const end = Math.max(start, Math.min(to, this.length));
    const columns = {} as Record<SampleColumn, Float64Array>;
    SAMPLE_COLUMNS.forEach((name, i) => {
      columns[name] = this.data[i].slice(start, end);
    });
    return { start, count: end - start, columns };
  }
}

/** Index of each column in a row, for writing rows without string look-ups. */
export const COL: Readonly<Record<SampleColumn, number>> = Object.fromEntries(
  SAMPLE_COLUMNS.map((name, i) => [name, i]),
) as Record<SampleColumn, number>;
