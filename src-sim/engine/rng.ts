/**
 * A seeded random generator with explicit state (xoshiro128**), and the distributions the
 * engine draws from. No global randomness: the same seed gives the same stream on every engine.
 */
import { detCosTurns, detExp, detLog } from "../scenario/detMath";

/** Generator state: four 32-bit words. Copy it to checkpoint a run. */
export type RngState = Uint32Array;

/** SplitMix32 step, used only to spread a 32-bit seed over the four state words. */
function splitmix32(x: number): number {
  x = (x + 0x9e3779b9) | 0;
  let z = x;
  z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
  z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
  return (z ^ (z >>> 16)) >>> 0;
}

/** Creates the generator state for a seed (any number; its low 32 bits are used). */
export function seedRng(seed: number): RngState {
  const s = new Uint32Array(4);
  let x = seed >>> 0;
  for (let i = 0; i < 4; i++) {
    x = splitmix32(x + i * 0x6d2b79f5);
    s[i] = x;
  }
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1; // the all-zero state is a fixed point
  return s;
}

/**
 * A run's independent random streams, one per random process, all derived from the scenario's
 * seed. Each process draws only from its own stream, in the order its events happen, so the k-th
 * inter-arrival gap and the k-th service time of a seed are the same whatever else the run does:
 * lanes that differ only in their strategy see the same arrivals and service times.
 */
export interface RunStreams {
  /** The producer's gaps (Poisson arrivals). */
  arrivals: RngState;
  /** Service times (exponential service), one per event entering service (a Kafka batch: one). */
  service: RngState;
}

/** Index of the arrivals stream in {@link seedStream}. */
export const ARRIVAL_STREAM = 0;
/** Index of the service stream in {@link seedStream}. */
export const SERVICE_STREAM = 1;

/**
 * The generator state of stream `stream` of a seed. The first two words are bijective functions
 * of the seed and of the stream index, so no two (seed, stream) pairs share a state; a few
 * draws are discarded so that the streams of one seed start decorrelated.
 */
export function seedStream(seed: number, stream: number): RngState {
  const s = new Uint32Array(4);
  s[0] = splitmix32(seed >>> 0);
  s[1] = splitmix32((stream + 0x51ed270b) >>> 0);
  s[2] = splitmix32((s[0] ^ Math.imul(s[1], 0x85ebca6b)) >>> 0);
  s[3] = splitmix32((s[2] + s[1]) >>> 0);
  if ((s[0] | s[1] | s[2] | s[3]) === 0) s[0] = 1;
  for (let i = 0; i < 8; i++) nextU32(s);
  return s;
}

/** The streams of a run with this seed. */
export function seedStreams(seed: number): RunStreams {
  return { arrivals: seedStream(seed, ARRIVAL_STREAM), service: seedStream(seed, SERVICE_STREAM) };
}

/** Restarts `streams` in place at `seed` (a change of seed: every holder of a stream sees it). */
export function reseedStreams(streams: RunStreams, seed: number): void {
  streams.arrivals.set(seedStream(seed, ARRIVAL_STREAM));
  streams.service.set(seedStream(seed, SERVICE_STREAM));
}

/** A deep copy of `streams` (for checkpoints). */
export function cloneStreams(streams: RunStreams): RunStreams {
  return { arrivals: streams.arrivals.slice(), service: streams.service.slice() };
}

/** Next 32-bit unsigned integer; advances `s` in place. */
export function nextU32(s: RngState): number {
  const result = Math.imul(rotl(Math.imul(s[1], 5), 7), 9) >>> 0;
  const t = s[1] << 9;
  s[2] ^= s[0];
  s[3] ^= s[1];
  s[1] ^= s[2];
  s[0] ^= s[3];
  s[2] ^= t;
  s[3] = rotl(s[3], 11);
  return result;
}

function rotl(x: number, k: number): number {
  return (x << k) | (x >>> (32 - k));
}

/** Uniform double in [0, 1) with 53 random bits. */
export function nextUniform(s: RngState): number {
  const hi = nextU32(s) >>> 5; // 27 bits
  const lo = nextU32(s) >>> 6; // 26 bits
  return (hi * 67108864 + lo) / 9007199254740992;
}

/*
 * Exponential variates by Marsaglia and Tsang's ziggurat (2000): 256 strips under the density,
 * so about 99% of draws cost one 32-bit integer, a table look-up and a multiply, and no
 * logarithm (the engine's hottest path draws one per arrival and per service). The low 8 bits of
 * the integer pick the strip and the high 24 bits the point within it, so the two never share
 * bits. Edges and the tail fall back to the exact rejection steps.
 */
const ZIG_SCALE = 16777216; // 2^24: the 24 bits of position within a strip
const ZIG_K = new Uint32Array(256);
const ZIG_W = new Float64Array(256);
const ZIG_F = new Float64Array(256);
/** Right edge of the base strip (Marsaglia and Tsang's r for 256 strips). */
const ZIG_R = 7.697117470131487;
{
  const v = 3.949659822581572e-3; // area of each strip
  let de = ZIG_R;
  let te = de;
  const q = v / detExp(-de);
  ZIG_K[0] = Math.floor((de / q) * ZIG_SCALE);
  ZIG_K[1] = 0;
  ZIG_W[0] = q / ZIG_SCALE;
  ZIG_W[255] = de / ZIG_SCALE;
  ZIG_F[0] = 1;
  ZIG_F[255] = detExp(-de);
  for (let i = 254; i >= 1; i--) {
    de = -detLog(v / de + detExp(-de));
    ZIG_K[i + 1] = Math.floor((de / te) * ZIG_SCALE);
    te = de;
    ZIG_F[i] = detExp(-de);
    ZIG_W[i] = de / ZIG_SCALE;
  }
}

/**
 * The rest of a standard exponential variate (mean 1) whose first 32-bit draw `u` missed the
 * ziggurat's fast test (about 1.2% of draws): the wedge or tail test, then new draws until one
 * is accepted.
 */
function exponentialAfterMiss(s: RngState, first: number): number {
  let u = first;
  for (;;) {
    const i = u & 255;
    const j = u >>> 8;
    if (j < ZIG_K[i]) return j * ZIG_W[i];
    if (i === 0) return ZIG_R - detLog(1 - nextUniform(s)); // the tail beyond r, memoryless
    const x = j * ZIG_W[i];
    if (ZIG_F[i] + nextUniform(s) * (ZIG_F[i - 1] - ZIG_F[i]) < detExp(-x)) return x;
    u = nextU32(s);
  }
}

/**
 * Exponential variate with the given rate (mean 1 / ratePerSec), s. The ziggurat's fast test
 * is written out here, so that this small function is inlined into the engine's hot loops (no
 * call and no boxed number per draw); the rare rest is {@link exponentialAfterMiss}.
 */
export function nextExponential(s: RngState, ratePerSec: number): number {
  const u = nextU32(s);
  const i = u & 255;
  const j = u >>> 8;
  return (j < ZIG_K[i] ? j * ZIG_W[i] : exponentialAfterMiss(s, u)) / ratePerSec;
}

/** Draws an {@link ExponentialBatch} takes at its first fill; each later fill doubles, up to the most. */
const BATCH_FIRST = 16;
/** The most draws an {@link ExponentialBatch} takes ahead. */
const BATCH_MOST = 512;

/**
 * Exponential draws taken ahead in batches, for a per-event loop: the loop reads its gaps from
 * {@link gaps} (a typed array: no call and no boxed number per draw, which keeps the loop's own
 * calls within V8's inlining budget), calling {@link fill} when it has used them all. When the
 * loop stops, {@link settle} puts the stream back exactly where the draws it used left it (the
 * state after every draw is kept), so the run goes on with the very numbers it would have drawn
 * one at a time: same stream, same order, same arithmetic as {@link nextExponential}.
 * Fills start small and double, so a loop that stops after a few events wastes little.
 */
export class ExponentialBatch {
  /** The batch's variates, s; valid up to the count the last {@link fill} returned. */
  readonly gaps = new Float64Array(BATCH_MOST);
  /** The stream's state before the last batch ({@link settle} draws again from there). */
  private readonly before = new Uint32Array(4);
  private rng: RngState = new Uint32Array(4);
  private ratePerSec = 1;
  private nextSize = BATCH_FIRST;
  private filled = 0;
  /**
   * Draws of the last batch the loop has used, kept here by a loop that stops for a moment and
   * goes on with the same batch (0 after {@link begin}; the loop's own business otherwise).
   */
  used = 0;

  /** Draws in the last batch (0 after {@link begin}). */
  get drawn(): number {
    return this.filled;
  }

  /** Starts drawing from `rng` at `ratePerSec`, taking nothing yet. */
  begin(rng: RngState, ratePerSec: number): void {
    this.rng = rng;
    this.ratePerSec = ratePerSec;
    this.nextSize = BATCH_FIRST;
    this.filled = 0;
    this.used = 0;
  }

  /**
   * Takes the next batch of draws into {@link gaps}; returns how many. The draws are
   * {@link nextExponential}'s, written out with the generator's four words in variables (they
   * live in a typed array between draws otherwise: four loads and four stores a draw); the
   * words are int32 here, uint32 there, the same bits for every operation used.
   */
  fill(): number {
    const rng = this.rng;
    const gaps = this.gaps;
    const rate = this.ratePerSec;
    const n = this.nextSize;
    this.before.set(rng);
    let s0 = rng[0] | 0;
    let s1 = rng[1] | 0;
    let s2 = rng[2] | 0;
    let s3 = rng[3] | 0;
    for (let k = 0; k < n; k++) {
      // nextU32
      const x = Math.imul(s1, 5);
      const u = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      // nextExponential: the ziggurat's fast test, else the rest on the stream itself.
      const i = u & 255;
      const j = u >>> 8;
      if (j < ZIG_K[i]) {
        gaps[k] = (j * ZIG_W[i]) / rate;
      } else {
        rng[0] = s0;
        rng[1] = s1;
        rng[2] = s2;
        rng[3] = s3;
        gaps[k] = exponentialAfterMiss(rng, u) / rate;
        s0 = rng[0] | 0;
        s1 = rng[1] | 0;
        s2 = rng[2] | 0;
        s3 = rng[3] | 0;
      }
    }
    rng[0] = s0;
    rng[1] = s1;
    rng[2] = s2;
    rng[3] = s3;
    this.filled = n;
    if (n < BATCH_MOST) this.nextSize = n * 2;
    return n;
  }

  /**
   * Leaves the stream as if only the first `used` draws of the last batch had been taken: back
   * to the state before the batch, then those draws again (once per stop of a loop, so cheaper
   * than keeping the state after every draw).
   */
  settle(used: number): void {
    if (used >= this.filled) return;
    const rng = this.rng;
    rng.set(this.before);
    for (let k = 0; k < used; k++) nextExponential(rng, this.ratePerSec);
    this.filled = used;
  }
}

/** Standard normal variate (Box-Muller; one of the pair is discarded to keep state simple). */
export function nextNormal(s: RngState): number {
  const u1 = 1 - nextUniform(s);
  const u2 = nextUniform(s);
  return Math.sqrt(-2 * detLog(u1)) * detCosTurns(u2);
}

const LOG_FACT_TABLE: number[] = [0];
for (let i = 1; i < 256; i++) LOG_FACT_TABLE[i] = LOG_FACT_TABLE[i - 1] + detLog(i);

/** log(k!) exactly from a table for small k, Stirling's series beyond. */
function logFactorial(k: number): number {
  if (k < 256) return LOG_FACT_TABLE[k];
  const x = k + 1;
  return (x - 0.5) * detLog(x) - x + 0.5 * detLog(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
}

/**
 * Poisson variate with the given mean. Inversion by sequential search for small means;
 * Hörmann's PTRS transformed rejection (exact) for means of 10 and more; beyond 1e7 the normal
 * approximation (relative error far below the counts' own noise).
 */
export function nextPoisson(s: RngState, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < 10) {
    let k = 0;
    let p = detExp(-mean);
    let cdf = p;
    const u = nextUniform(s);
    while (u > cdf && k < 1000) {
      k++;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }
  if (mean > 1e7) {
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * nextNormal(s)));
  }
  const slam = Math.sqrt(mean);
  const loglam = detLog(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invalpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = nextUniform(s) - 0.5;
    const v = nextUniform(s);
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (detLog(v) + detLog(invalpha) - detLog(a / (us * us) + b) <= -mean + k * loglam - logFactorial(k)) {
      return k;
    }
  }
}
