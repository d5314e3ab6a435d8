/**
 * The per-interval envelope of the level columns: the least and greatest value each took since
 * the last sample. The engine notes the state after every step of the model (one event, or one
 * bulk stretch whose extremes are at its ends) and at each sample; a model whose bulk stretch
 * swings inside (whole request cycles in closed form) notes the range it swept itself.
 */
import { COL } from "./columnStore";
import { envelopeOf, LEVEL_COLUMNS, type LevelColumn } from "../scenario/columns";

const LEVEL_INDICES: readonly number[] = LEVEL_COLUMNS.map((c) => COL[c]);
const MIN_INDICES: readonly number[] = LEVEL_COLUMNS.map((c) => COL[envelopeOf(c).min]);
const MAX_INDICES: readonly number[] = LEVEL_COLUMNS.map((c) => COL[envelopeOf(c).max]);
const SLOT: Readonly<Record<string, number>> = Object.fromEntries(LEVEL_COLUMNS.map((c, i) => [c, i]));

/** Least and greatest value of every level column since the last {@link Envelope.reset}. */
export class Envelope {
  private lo = new Float64Array(LEVEL_INDICES.length).fill(NaN);
  private hi = new Float64Array(LEVEL_INDICES.length).fill(NaN);
  /** Slots {@link note} reads: the level columns the model in force writes (the rest stay NaN). */
  private active: Int32Array = new Int32Array(LEVEL_INDICES.map((_, i) => i));
  /** Row index of each slot in {@link active}. */
  private activeColumns: Int32Array = new Int32Array(LEVEL_INDICES);

  /**
   * Restricts {@link note} to these level columns: those the model in force writes, which are
   * never NaN (the rest stay NaN until the next sample).
   */
  watch(columns: readonly string[]): void {
    this.active = new Int32Array(columns.filter((c) => c in SLOT).map((c) => SLOT[c]));
    this.activeColumns = this.active.map((i) => LEVEL_INDICES[i]);
  }

  /** A deep copy (for checkpoints). */
  clone(): Envelope {
    const c = new Envelope();
    c.lo.set(this.lo);
    c.hi.set(this.hi);
    c.active = this.active;
    c.activeColumns = this.activeColumns;
    return c;
  }

  /** Starts a new interval at the state in `row` (a full sample row). */
  reset(row: Float64Array): void {
    for (let i = 0; i < LEVEL_INDICES.length; i++) {
      const v = row[LEVEL_INDICES[i]];
      this.lo[i] = v;
      this.hi[i] = v;
    }
  }

  /**
   * Widens the envelope to the values in `row` of the columns watched (see {@link watch}); a
   * number replaces NaN. Called after every step of the model: kept lean.
   */
  note(row: Float64Array): void {
    const lo = this.lo;
    const hi = this.hi;
    const active = this.active;
    const columns = this.activeColumns;
    for (let k = 0; k < active.length; k++) {
      const i = active[k];
      const v = row[columns[k]];
      if (!(v >= lo[i])) lo[i] = v;
      if (!(v <= hi[i])) hi[i] = v;
    }
  }

  /** Widens the envelope to every level value in `row` that is a number (a full sample row). */
  noteAll(row: Float64Array): void {
    for (let i = 0; i < LEVEL_INDICES.length; i++) {
      const v = row[LEVEL_INDICES[i]];
      if (v !== v) continue;
      if (!(v >= this.lo[i])) this.lo[i] = v;
      if (!(v <= this.hi[i])) this.hi[i] = v;
    }
  }

  /** Widens one column's envelope to [loValue, hiValue] (a range a bulk stretch swept inside). */
  noteRange(column: LevelColumn, loValue: number, hiValue: number): void {
    const i = SLOT[column];
    if (loValue < this.lo[i] || this.lo[i] !== this.lo[i]) this.lo[i] = loValue;
    if (hiValue > this.hi[i] || this.hi[i] !== this.hi[i]) this.hi[i] = hiValue;
  }

  /**
   * Closes the interval at a sample: widens the envelope to every level value in the full sample
   * row `row` that is a number, writes it into the row's `xMin` and `xMax` columns, and starts the
   * next interval at the row's values: {@link noteAll}, the write, then {@link reset}, in one pass
   * (it runs once per sample, often before V8 has compiled it).
   */
  closeInterval(row: Float64Array): void {
    const lo = this.lo;
    const hi = this.hi;
    for (let i = 0; i < LEVEL_INDICES.length; i++) {
      const v = row[LEVEL_INDICES[i]];
      let l = lo[i];
      let h = hi[i];
      if (v === v) {
        if (!(v >= l)) l = v;
        if (!(v <= h)) h = v;
      }
      row[MIN_INDICES[i]] = l;
      row[MAX_INDICES[i]] = h;
      lo[i] = v;
      hi[i] = v;
    }
  }
}
