/**
 * Sample columns on the page, outside React: one growable Float64Array per column, in the
 * columnar layout uPlot uses. Frames append; a seek back or a reset truncates first (the frame
 * says where its samples start). Charts read columns directly and compare `version` to decide
 * whether they need to redraw.
 */
import { SAMPLE_COLUMNS, type SampleColumn } from "../../src-sim/engine/types";

/** The run's samples so far. */
export class SeriesStore {
  private data = new Map<SampleColumn, Float64Array>();
  private rows = 0;
  private ver = 0;
  /** Simulated time between samples, s. */
  sampleIntervalSec = 0.1;

  constructor(initialRows = 2048) {
    for (const name of SAMPLE_COLUMNS) this.data.set(name, new Float64Array(initialRows));
  }

  /** Samples stored. */
  get length(): number {
    return this.rows;
  }

  /** Increases whenever the stored samples change. */
  get version(): number {
    return this.ver;
  }

  /** The stored values of one column (a view; valid until the next append). */
  column(name: SampleColumn): Float64Array {
    return this.data.get(name)!.subarray(0, this.rows);
  }

  /** The last stored value of a column, or NaN when empty. */
  last(name: SampleColumn): number {
    return this.rows > 0 ? this.data.get(name)![this.rows - 1] : NaN;
  }

  /** Keeps samples [0, start), then appends `count` rows from `columns`. */
  apply(start: number, count: number, columns: Record<SampleColumn, Float64Array>): void {
    const keep = Math.min(this.rows, Math.max(0, start));
    if (keep === this.rows && count === 0) return;
    const needed = keep + count;
    for (const name of SAMPLE_COLUMNS) {
      let col = this.data.get(name)!;
      if (needed > col.length) {
        const grown = new Float64Array(Math.max(needed, col.length * 2));
        grown.set(col.subarray(0, keep));
        col = grown;
        this.data.set(name, col);
      }
      if (count > 0) col.set(columns[name].subarray(0, count), keep);
    }
    this.rows = needed;
    this.ver++;
  }

  /** Forgets every sample. */
  clear(): void {
    this.rows = 0;
    this.ver++;
  }

  /** Index of the sample nearest to `timeSec` (rounded; clamped to the stored range; -1 if empty). */
  indexAt(timeSec: number): number {
    if (this.rows === 0) return -1;
    const i = Math.round(timeSec / this.sampleIntervalSec);
    return Math.min(this.rows - 1, Math.max(0, i));
  }
}
