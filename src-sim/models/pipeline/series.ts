/**
 * Each stage's own columns of a pipeline run, one row per sample of the run (the engine's samples
 * describe the chain as a whole): what the pipeline view's small multiples and the command line's
 * `--csv` read. Recorded by the model at each sample (Model.afterSample), so row k is sample k.
 */

/** The columns recorded per stage, in order; in a CSV header they read `stage1Queued`, ... */
export const STAGE_COLUMNS = [
  /** Events waiting in the stage's queue. */
  "queued",
  /** The stage's memory in use, bytes (0 while it is down). */
  "memoryBytes",
  /** 0 running, 1 paused, 2 blocked (holding a finished event), 3 down. */
  "state",
  /** Events the stage has passed on so far. */
  "passed",
  /** Simulated seconds the stage has held a finished event so far (blocked or paused). */
  "stalledSeconds",
  /** Events its queue's policy has dropped so far. */
  "dropped",
  /** Events lost to its crashes so far. */
  "lost",
  /** A Kafka hop in front of the stage: its lag, log end - committed offset, records (0 for other hops). */
  "lag",
  /** A Kafka hop in front of the stage: bytes its partition holds on the broker (0 for other hops). */
  "brokerBytes",
  /** A Reactive hop in front of the stage: demand requested and not yet used, items (0 for other hops). */
  "demand",
] as const;

/** One per-stage column's name. */
export type StageColumn = (typeof STAGE_COLUMNS)[number];

/** The stage state recorded while a stage is down. */
export const STAGE_DOWN = 3;

/** A growable table of per-stage columns: `values[stage][column]` holds one number per sample. */
export class StageSeries {
  private values: Float64Array[][];
  /** Samples recorded. */
  length = 0;

  constructor(readonly stageCount: number) {
    this.values = Array.from({ length: stageCount }, () => STAGE_COLUMNS.map(() => new Float64Array(256)));
  }

  /** Makes room for one more sample. */
  private ensureRoom(): void {
    if (this.length < this.values[0][0].length) return;
    this.values = this.values.map((cols) =>
      cols.map((c) => {
        const next = new Float64Array(c.length * 2);
        next.set(c);
        return next;
      }),
    );
  }

  /** Appends one sample: `row(stage, column)` gives each value. */
  push(row: (stage: number, column: number) => number): void {
    this.ensureRoom();
    for (let s = 0; s < this.stageCount; s++)
      for (let c = 0; c < STAGE_COLUMNS.length; c++) this.values[s][c][this.length] = row(s, c);
    this.length++;
  }

  /**
   * Appends one sample from each stage's values, in {@link STAGE_COLUMNS} order (the model's
   * per-sample path: no closure, no lookup by name).
   */
  pushStage(
    stage: number,
    queued: number,
    memoryBytes: number,
    state: number,
    passed: number,
    stalledSeconds: number,
    dropped: number,
    lost: number,
    lag: number,
    brokerBytes: number,
    demand: number,
  ): void {
    if (stage === 0) this.ensureRoom();
    const v = this.values[stage];
    const i = this.length;
    v[0][i] = queued;
    v[1][i] = memoryBytes;
    v[2][i] = state;
    v[3][i] = passed;
    v[4][i] = stalledSeconds;
    v[5][i] = dropped;
    v[6][i] = lost;
    v[7][i] = lag;
    v[8][i] = brokerBytes;
    v[9][i] = demand;
    if (stage === this.stageCount - 1) this.length++;
  }

  /** One column of one stage, samples [0, length) (a copy). */
  column(stage: number, column: StageColumn): Float64Array {
    return this.values[stage][STAGE_COLUMNS.indexOf(column)].slice(0, this.length);
  }

  /** The CSV header names of every stage's columns, Stage 1 first: `stage1Queued`, ... */
  headers(): string[] {
    const out: string[] = [];
    for (let s = 0; s < this.stageCount; s++)
      for (const c of STAGE_COLUMNS) out.push(`stage${s + 1}${c[0].toUpperCase()}${c.slice(1)}`);
    return out;
  }

  /** Sample `i`'s values in {@link headers} order. */
  rowAt(i: number): number[] {
    const out: number[] = [];
    for (let s = 0; s < this.stageCount; s++)
      for (let c = 0; c < STAGE_COLUMNS.length; c++) out.push(this.values[s][c][i]);
    return out;
  }

  /** A deep copy (for checkpoints). */
  clone(): StageSeries {
    const copy = new StageSeries(this.stageCount);
    copy.values = this.values.map((cols) => cols.map((c) => c.slice()));
    copy.length = this.length;
    return copy;
  }
}
