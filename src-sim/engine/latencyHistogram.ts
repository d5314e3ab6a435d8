/**
 * Latency statistics over a window of finished events: count, exact mean and max, and p50/p99
 * from a log histogram whose buckets are 1% wide (so a percentile is within 1% of the truth).
 *
 * Events finished in bulk arrive as linear segments (n events whose latencies go evenly from
 * `first` to `last`); a segment is spread over the buckets it spans in proportion to overlap.
 */

/** Smallest latency with its own bucket, s; anything below falls in bucket 0. */
const MIN_LATENCY_SEC = 1e-7;
/** Bucket growth factor: each bucket is 1% wider than the previous one. */
const GROWTH = 1.01;
const LOG_GROWTH = Math.log(GROWTH);
/** Enough buckets to reach about 1e7 s (115 days). */
const BUCKETS = Math.ceil(Math.log(1e7 / MIN_LATENCY_SEC) / LOG_GROWTH) + 1;

function bucketOf(latencySec: number): number {
  if (!(latencySec > MIN_LATENCY_SEC)) return 0;
  const b = Math.floor(Math.log(latencySec / MIN_LATENCY_SEC) / LOG_GROWTH) + 1;
  return b < BUCKETS ? b : BUCKETS - 1;
}

/** Lower edge of bucket b, s. */
function bucketLow(b: number): number {
  return b === 0 ? 0 : MIN_LATENCY_SEC * Math.pow(GROWTH, b - 1);
}

/** A resettable latency histogram; allocation happens once, at construction. */
export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private lo = BUCKETS;
  private hi = -1;
  /** Events recorded. */
  count = 0;
  /** Sum of latencies, s (for the exact mean). */
  sumSec = 0;
  /** Largest latency recorded, s (-Infinity when empty). */
  maxSec = -Infinity;

  /** Forgets everything; touches only the buckets that were used. */
  reset(): void {
    if (this.hi >= this.lo) this.counts.fill(0, this.lo, this.hi + 1);
    this.lo = BUCKETS;
    this.hi = -1;
    this.count = 0;
    this.sumSec = 0;
    this.maxSec = -Infinity;
  }

  /** A deep copy (for checkpoints). */
  clone(): LatencyHistogram {
    const h = new LatencyHistogram();
    h.counts.set(this.counts);
    h.lo = this.lo;
    h.hi = this.hi;
    h.count = this.count;
    h.sumSec = this.sumSec;
    h.maxSec = this.maxSec;
    return h;
  }

  private touch(b: number): void {
    if (b < this.lo) this.lo = b;
    if (b > this.hi) this.hi = b;
  }

  /** Records one event's latency, s. */
  add(latencySec: number): void {
    const b = bucketOf(latencySec);
    this.counts[b] += 1;
    this.touch(b);
    this.count += 1;
    this.sumSec += latencySec;
    if (latencySec > this.maxSec) this.maxSec = latencySec;
  }

  /** Records `n` events whose latencies run evenly from `firstSec` to `lastSec`. */
  addSegment(n: number, firstSec: number, lastSec: number): void {
    if (n <= 0) return;
    if (n === 1) {
      this.add(firstSec);
      return;
    }
    const lo = Math.min(firstSec, lastSec);
    const hi = Math.max(firstSec, lastSec);
    this.count += n;
    this.sumSec += (n * (firstSec + lastSec)) / 2;
    if (hi > this.maxSec) this.maxSec = hi;
    const b0 = bucketOf(lo);
    const b1 = bucketOf(hi);
    this.touch(b0);
    this.touch(b1);
    if (b0 === b1 || hi - lo <= 0) {
      this.counts[b0] += n;
      return;
    }
    // Spread n over [lo, hi] in proportion to each bucket's overlap (events are evenly spaced).
    const span = hi - lo;
    let given = 0;
    for (let b = b0; b <= b1; b++) {
      const from = Math.max(lo, bucketLow(b));
      const to = b === b1 ? hi : Math.min(hi, bucketLow(b + 1));
      const share = b === b1 ? n - given : (n * (to - from)) / span;
      this.counts[b] += share;
      given += share;
    }
  }

  /** Merges another histogram into this one. */
  addAll(other: LatencyHistogram): void {
    if (other.count === 0) return;
    for (let b = other.lo; b <= other.hi; b++) this.counts[b] += other.counts[b];
    this.touch(other.lo);
    this.touch(other.hi);
    this.count += other.count;
    this.sumSec += other.sumSec;
    if (other.maxSec > this.maxSec) this.maxSec = other.maxSec;
  }

  /** Mean latency, s; NaN when empty. */
  mean(): number {
    return this.count > 0 ? this.sumSec / this.count : NaN;
  }

  /** Largest latency, s; NaN when empty. */
  max(): number {
    return this.count > 0 ? this.maxSec : NaN;
  }

  /**
   * The q-quantile (0 < q < 1), s, interpolated inside its bucket and never above the max;
   * NaN when empty.
   */
  quantile(q: number): number {
    if (this.count === 0) return NaN;
    const target = q * this.count;
    let seen = 0;
    for (let b = this.lo; b <= this.hi; b++) {
      const c = this.counts[b];
      if (c > 0 && seen + c >= target) {
        const low = bucketLow(b);
        const high = bucketLow(b + 1);
        const within = (target - seen) / c;
        return Math.min(this.maxSec, low + within * (high - low));
      }
      seen += c;
    }
    return this.maxSec;
  }
}
