/**
 * Latency statistics over a window of finished events: count, exact mean and max, and p50/p99
 * from a log-linear histogram whose buckets are at most 0.8% wide (so a percentile is within
 * 0.8% of the truth).
 *
 * Events finished in bulk arrive as linear segments (n events whose latencies go evenly from
 * `first` to `last`); a segment is spread over the buckets it spans in proportion to overlap.
 */

/*
 * Buckets follow the float64 layout (as HdrHistogram does): each power of two is split into
 * SUB_BUCKETS equal parts, read straight from the exponent and the top mantissa bits. That costs
 * no logarithm per event, and every bucket is at most 1/SUB_BUCKETS (0.8%) of its value wide.
 */
const SUB_BITS = 7;
const SUB_BUCKETS = 1 << SUB_BITS;
/** Smallest octave with its own buckets: 2^-24 s (about 60 ns); anything below is bucket 0. */
const MIN_EXPONENT = -24;
/** Largest octave: 2^24 s (194 days); anything above lands in the last bucket. */
const MAX_EXPONENT = 24;
const BUCKETS = (MAX_EXPONENT - MIN_EXPONENT) * SUB_BUCKETS + 1;
const BIASED_MIN = MIN_EXPONENT + 1023;

const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
/** Index of the high word of a float64 in `u32` (1 on little-endian machines). */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;

function bucketOf(latencySec: number): number {
  if (!(latencySec > 0)) return 0;
  f64[0] = latencySec;
  const hi = u32[HI];
  const exponent = (hi >>> 20) & 0x7ff;
  if (exponent < BIASED_MIN) return 0;
  const b = (exponent - BIASED_MIN) * SUB_BUCKETS + ((hi >>> (20 - SUB_BITS)) & (SUB_BUCKETS - 1)) + 1;
  return b < BUCKETS ? b : BUCKETS - 1;
}

/** Lower edge of every bucket, s (one more entry: the upper edge of the last). */
const BUCKET_LOW = new Float64Array(BUCKETS + 1);
for (let b = 1; b <= BUCKETS; b++) {
  const i = b - 1;
  BUCKET_LOW[b] = Math.pow(2, MIN_EXPONENT + Math.floor(i / SUB_BUCKETS)) * (1 + (i % SUB_BUCKETS) / SUB_BUCKETS);
}

/** Lower edge of bucket b, s. */
function bucketLow(b: number): number {
  return BUCKET_LOW[b];
}

/**
 * Writes into `out` the edges [out[0], out[1]) of the bucket `latencySec` falls in: every
 * latency between them lands in the same bucket. NaN for the two open-ended buckets (below
 * 2^-24 s, beyond 2^24 s), which a caller must not batch.
 */
export function bucketEdges(latencySec: number, out: Float64Array): void {
  const b = bucketOf(latencySec);
  if (b === 0 || b === BUCKETS - 1) {
    out[0] = NaN;
    out[1] = NaN;
    return;
  }
  out[0] = BUCKET_LOW[b];
  out[1] = BUCKET_LOW[b + 1];
}

/** A resettable latency histogram; allocation happens once, at construction. */
export class LatencyHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  private lo = BUCKETS;
  private hi = -1;
  /** Events recorded. */
  count = 0;
  /**
   * Sum of latencies, s (for the exact mean). Declared with -0 and set to 0 in the constructor:
   * V8 takes a field's representation from its first value, and a field born a small integer
   * that later holds a fraction changes the class's hidden shape during the first run, which
   * throws away the compiled hot loops that read a histogram (once per process, but V8 may then
   * leave them in slower code for a long while).
   */
  sumSec = -0;
  /** Largest latency recorded, s (-Infinity when empty). */
  maxSec = -Infinity;

  constructor() {
    this.sumSec = 0;
  }

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

  /**
   * Records `n` events of one latency, s, without adding them to {@link sumSec}: for a loop that
   * sums its latencies itself in event order (the same sum, bit for bit, as `n` calls of
   * {@link add}) and sets `sumSec` at its end. The counts are whole numbers, so adding `n` at
   * once is the same as adding 1 `n` times.
   */
  addCopiesUnsummed(latencySec: number, n: number): void {
    const b = bucketOf(latencySec);
    this.counts[b] += n;
    this.touch(b);
    this.count += n;
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
