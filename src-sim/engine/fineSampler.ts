/**
 * Fine samples of a window of a run, read without changing the run.
 *
 * The engine advances its model on the run's own sample grid (random bulk stretches are cut at
 * those instants, and only there), so a run sampled at 1 ms by moving the clock in 1 ms steps
 * would be another run. A fine sampler instead watches the same run: the model reports each of
 * its steps (one event, or one bulk stretch) and the sampler writes a row for every fine instant
 * the step passed. A fine instant between two events reads the state after the earlier one
 * (events strictly before the instant, as every sample does); one inside a bulk stretch reads the
 * stretch's straight line between its ends, which is how the model itself spread the stretch's
 * events (evenly, to within one event). Rates are the fine interval's means; the latency columns
 * are those of the run's sample interval that holds the fine instant.
 *
 * One exception: a stretch of whole Reactive request cycles is not a straight line (demand is a
 * sawtooth inside it), so that model takes its events one at a time while read finely
 * (RunContext.stepsWatched). The events, counts and levels are the same; latencies are then recorded
 * per event instead of as the stretch's segments. The worker reads windows on a detached replay,
 * so the run the page shows never changes.
 */
import { COL } from "./columnStore";
import { Envelope } from "./envelope";
import { COLUMN_SPECS, SAMPLE_COLUMNS, type SampleColumn } from "../scenario/columns";
import type { SampleBatch } from "./types";

/** Columns read at an instant that move between the ends of a bulk stretch. */
const MOVING: readonly { index: number; round: boolean }[] = COLUMN_SPECS.filter(
  (c) => c.kind === "level" || c.kind === "cumulative",
).map((c) => ({ index: COL[c.name], round: c.unit !== "s" }));
const RATES: readonly [number, number][] = [
  [COL.producedRate, COL.produced],
  [COL.consumedRate, COL.consumed],
  [COL.droppedRate, COL.dropped],
];
const LATENCIES: readonly number[] = [COL.latencyP50, COL.latencyP99, COL.latencyMax, COL.latencyMean];
const WIDTH = SAMPLE_COLUMNS.length;

/** What a fine sampler covers: fine instants `fromSec` <= t <= `toSec`, `perSample` per run sample. */
export interface FineWindow {
  fromSec: number;
  toSec: number;
  /** Fine samples per sample of the run (an integer >= 1): the fine interval divides the run's. */
  perSample: number;
}

/** Records fine samples of one window; the engine feeds it (see Simulation.sampleFinely). */
export class FineSampler {
  /** Fine interval, s. */
  readonly intervalSec: number;
  private readonly n: number;
  private next: number;
  private readonly last: number;
  private readonly first: number;
  private prev = new Float64Array(WIDTH);
  private prevSec = 0;
  private readonly env = new Envelope();
  private readonly rows: Float64Array[] = [];
  /** Rows whose latency columns wait for the end of their run sample's interval. */
  private openFrom = 0;

  constructor(
    span: FineWindow,
    private readonly runIntervalSec: number,
    start: Float64Array,
    startSec: number,
  ) {
    this.n = Math.max(1, Math.round(span.perSample));
    this.intervalSec = runIntervalSec / this.n;
    this.first = Math.ceil(span.fromSec / this.intervalSec - 1e-9);
    this.last = Math.floor(span.toSec / this.intervalSec + 1e-9);
    // One warm-up row before the window starts its first row's interval; it is not returned.
    this.next = Math.max(0, Math.max(this.first - 1, Math.floor(startSec / this.intervalSec + 1e-9) + 1));
    this.prev.set(start);
    this.prevSec = startSec;
    this.env.reset(start);
  }

  /** The instant of fine index `j`, on the run's own grid wherever the two coincide. */
  private instant(j: number): number {
    const k = Math.floor(j / this.n);
    const r = j - k * this.n;
    return r === 0 ? k * this.runIntervalSec : k * this.runIntervalSec + r * this.intervalSec;
  }

  /** Whether fine instants are still to come. */
  get done(): boolean {
    return this.next > this.last;
  }

  /**
   * The model made a step and stands at `nowSec` in the state `row`: writes the fine instants
   * up to `nowSec` (the events at `nowSec` itself are after them). `bulk`: the step was a stretch
   * whose state moved evenly from the previous row to this one.
   */
  step(row: Float64Array, nowSec: number, bulk: boolean): void {
    this.stepTo(row, nowSec, bulk, false);
  }

  /**
   * The run reached one of its own sample instants, `nowSec`, with no event there yet: an
   * instant at `nowSec` reads this state (the run's sample does too), earlier ones the last step's.
   */
  reachSample(row: Float64Array, nowSec: number): void {
    this.stepTo(row, nowSec, false, true);
  }

  private stepTo(row: Float64Array, nowSec: number, bulk: boolean, sampleInstant: boolean): void {
    while (this.next <= this.last) {
      const t = this.instant(this.next);
      if (t > nowSec) break;
      const out = sampleInstant && t === nowSec ? row.slice() : this.prev.slice();
      if (bulk && nowSec > this.prevSec) {
        const f = (t - this.prevSec) / (nowSec - this.prevSec);
        for (const { index, round } of MOVING) {
          const v = this.prev[index] + (row[index] - this.prev[index]) * f;
          out[index] = round ? Math.round(v) : v;
        }
      }
      this.emit(out, t);
    }
    this.env.noteAll(row);
    this.prev.set(row);
    this.prevSec = nowSec;
  }

  /** The run recorded a sample (`row`): its latency figures hold for the fine rows inside it. */
  closeRunInterval(row: Float64Array): void {
    for (let i = this.openFrom; i < this.rows.length; i++) {
      for (const c of LATENCIES) this.rows[i][c] = row[c];
    }
    this.openFrom = this.rows.length;
  }

  private emit(out: Float64Array, t: number): void {
    out[COL.timeSec] = t;
    this.env.closeInterval(out);
    const before = this.rows.length > 0 ? this.rows[this.rows.length - 1] : null;
    for (const [rate, count] of RATES) out[rate] = before ? (out[count] - before[count]) / this.intervalSec : NaN;
    for (const c of LATENCIES) out[c] = NaN;
    this.rows.push(out);
    this.next++;
  }

  /** The fine samples of the window (the warm-up row left out), as columns. */
  result(): SampleBatch {
    const rows = this.rows.filter((r) => r[COL.timeSec] >= this.instant(this.first) - 1e-12);
    const columns = {} as Record<SampleColumn, Float64Array>;
    SAMPLE_COLUMNS.forEach((name, i) => {
      const col = new Float64Array(rows.length);
      for (let k = 0; k < rows.length; k++) col[k] = rows[k][i];
      columns[name] = col;
    });
    return { start: this.first, count: rows.length, columns };
  }
}
