/**
 * The consumer's processing side: the batch being processed (records finishing evenly spaced,
 * finished in bulk when the clock passes them) and the bookkeeping of a finished stretch: first
 * processing counts as consumed with its latency (finish - append time), re-processing as a
 * duplicate.
 */
import type { RunContext } from "../../engine/runContext";
import type { OffsetSet } from "./offsets";
import type { PartitionLog } from "./partitionLog";

/**
 * A batch: record i of [first, first + count) finishes at startSec + (i + 1) stepSec; `done` of
 * them have finished. Inactive (endSec Infinity) when the consumer is not processing.
 */
export class Batch {
  first = 0;
  count = 0;
  done = 0;
  startSec = 0;
  stepSec = 0;
  /** When the last record finishes, s; Infinity when no batch is in progress. */
  endSec = Infinity;

  /** A copy (for checkpoints). */
  clone(): Batch {
    return Object.assign(new Batch(), this);
  }

  get active(): boolean {
    return this.endSec !== Infinity;
  }

  /** Records not finished yet (0 when inactive). */
  get remaining(): number {
    return this.active ? this.count - this.done : 0;
  }

  /** Offset of the record being processed (the next to finish). */
  get current(): number {
    return this.first + this.done;
  }

  /** Starts `count` records from `first` at `startSec`, one every `stepSec`. */
  start(first: number, count: number, startSec: number, stepSec: number): void {
    this.first = first;
    this.count = count;
    this.done = 0;
    this.startSec = startSec;
    this.stepSec = stepSec;
    this.endSec = startSec + count * stepSec;
  }

  /** Ends the batch (finished, or lost with the consumer). */
  clear(): void {
    this.endSec = Infinity;
    this.count = 0;
    this.done = 0;
  }

  /** Finish time of the k-th record (1-based), s. */
  finishSec(k: number): number {
    return this.startSec + k * this.stepSec;
  }

  /** Records finished before `tSec` (or at it, if `inclusive`). */
  finishedBy(tSec: number, inclusive: boolean): number {
    const n = this.count;
    const start = this.startSec;
    const step = this.stepSec;
    let k = Math.min(n, Math.max(0, Math.floor((tSec - start) / step)));
    if (inclusive) {
      while (k > 0 && start + k * step > tSec) k--;
      while (k < n && start + (k + 1) * step <= tSec) k++;
    } else {
      while (k > 0 && start + k * step >= tSec) k--;
      while (k < n && start + (k + 1) * step < tSec) k++;
    }
    return k;
  }
}

/**
 * Offsets [a, b) finished at `firstFinishSec + (o - a) * stepSec`: those processed for the first
 * time (not in `done`) are counted consumed with their latencies, cut where the log's runs of
 * append times change; then all of [a, b) joins `done`. Returns the first-time count (the rest are
 * duplicates). `scratch` holds two numbers.
 */
export function finishRecords(
  ctx: RunContext,
  done: OffsetSet,
  log: PartitionLog,
  a: number,
  b: number,
  firstFinishSec: number,
  stepSec: number,
  scratch: Float64Array,
): number {
  let fresh = 0;
  for (let o = done.firstMissing(a, b); o >= 0; o = done.firstMissing(o, b)) {
    const stop = done.firstMember(o, b);
    fresh += stop - o;
    while (o < stop) {
      const end = log.sliceAt(o, stop, scratch);
      if (!(end > o)) throw new Error(`kafka: no append time for offset ${o}`);
      const f0 = firstFinishSec + (o - a) * stepSec;
      const f1 = firstFinishSec + (end - 1 - a) * stepSec;
      ctx.recordLatency(end - o, f0 - scratch[0], f1 - (scratch[0] + (end - 1 - o) * scratch[1]));
      o = end;
    }
  }
  done.add(a, b);
  ctx.consumed += fresh;
  return fresh;
}
