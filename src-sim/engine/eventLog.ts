/**
 * The log of notable events (pause, resume, drops, OOM ...), stored columnar and bounded.
 *
 * Two limits keep it small whatever the run does, while the counts stay exact:
 * - A flapping watermark (HIGH = LOW) can signal tens of thousands of times a second, so the log
 *   keeps at most {@link MAX_ENTRIES_PER_WINDOW} entries per window of simulated time; the rest
 *   are only counted.
 * - A crash loop (`restart=0.01`) crashes and restarts millions of times a day, so each kind keeps
 *   its first {@link KEEP_PER_KIND} entries and its most recent ones (at least KEEP_PER_KIND, at
 *   most twice that: {@link RetainedEvents}); the ones between are only counted. A kept OOM or
 *   restart is never dropped by the window limit, only by this one.
 *
 * `total(kind)` counts every event of a kind, stored or not, so "12,345 more not drawn" is exact;
 * the run's summary keeps its own exact counters (signals, OOMs) regardless.
 */
import { EVENT_KINDS, type EventKind, type SimEvent } from "./types";

/** Entries kept per window before further ones are only counted. */
export const MAX_ENTRIES_PER_WINDOW = 64;

/**
 * Entries of each kind kept at the start of a run, and at least kept at its end. The event lane
 * is at most about 1,200 px wide and draws one tick per kind per pixel column, so 500 at each
 * end show how a pattern starts and what it is doing now at full detail; the middle of a
 * million-event crash loop would be one solid bar anyway (the state band below the ticks still
 * shows it from the samples). Memory: at most 18 kinds x 1,500 entries x 33 bytes, under 1 MB
 * per log in the worst case, usually a few kilobytes; a checkpoint copies it.
 */
export const KEEP_PER_KIND = 500;

const KIND_COUNT = EVENT_KINDS.length;

/** Index of each kind in {@link EVENT_KINDS} (the `kind` column's code). */
export const KIND_INDEX: Readonly<Record<EventKind, number>> = Object.fromEntries(
  EVENT_KINDS.map((k, i) => [k, i]),
) as Record<EventKind, number>;

/**
 * Event entries in columns (time, kind code, value, sequence number), in the order they were
 * added, keeping per kind the first {@link KEEP_PER_KIND} and the latest ones: when a kind holds
 * 3 x KEEP_PER_KIND entries, the oldest KEEP_PER_KIND after its first ones are removed. The
 * result depends only on the entries added, so the engine and the page (which is fed the
 * engine's entries) apply the same rule. Amortised O(1) per entry: a compaction passes over at
 * most 18 x 3 x KEEP_PER_KIND entries once per KEEP_PER_KIND additions of a kind.
 */
export class RetainedEvents {
  /** Simulated time of each entry, s (the first `length` are valid). */
  timeSec = new Float64Array(64);
  /** Index into EVENT_KINDS of each entry. */
  kind = new Uint8Array(64);
  /** Kind-dependent value of each entry (see EVENT_KINDS). */
  value = new Float64Array(64);
  /** Position of each entry in the sequence of entries offered (dropped ones included). */
  seq = new Float64Array(64);
  /** Entries held. */
  length = 0;
  private held = new Int32Array(KIND_COUNT);
  /** Entries removed by the per-kind limit, per kind. */
  private removed = new Float64Array(KIND_COUNT);

  /** Appends an entry of kind code `k`, then applies the per-kind limit. */
  push(seq: number, timeSec: number, k: number, value: number): void {
    if (this.length === this.timeSec.length) this.grow(this.length * 2);
    const i = this.length++;
    this.timeSec[i] = timeSec;
    this.kind[i] = k;
    this.value[i] = value;
    this.seq[i] = seq;
    if (++this.held[k] >= 3 * KEEP_PER_KIND) this.compact(k);
  }

  /** Entries of kind code `k` held. */
  heldOf(k: number): number {
    return this.held[k];
  }

  /** Entries of kind code `k` removed by the per-kind limit so far. */
  removedOf(k: number): number {
    return this.removed[k];
  }

  /** Index of the first entry whose sequence number is >= `seq` (binary search). */
  indexOfSeq(seq: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.seq[mid] < seq) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Forgets every entry. */
  clear(): void {
    this.length = 0;
    this.held.fill(0);
    this.removed.fill(0);
  }

  /** A deep copy (for checkpoints), sized to what it holds. */
  clone(): RetainedEvents {
    const c = new RetainedEvents();
    c.timeSec = this.timeSec.slice(0, Math.max(64, this.length));
    c.kind = this.kind.slice(0, Math.max(64, this.length));
    c.value = this.value.slice(0, Math.max(64, this.length));
    c.seq = this.seq.slice(0, Math.max(64, this.length));
    c.length = this.length;
    c.held = this.held.slice();
    c.removed = this.removed.slice();
    return c;
  }

  /** Removes the entries of kind `k` after its first KEEP_PER_KIND, up to 2 x KEEP_PER_KIND. */
  private compact(k: number): void {
    let seen = 0;
    let w = 0;
    for (let r = 0; r < this.length; r++) {
      if (this.kind[r] === k) {
        seen++;
        if (seen > KEEP_PER_KIND && seen <= 2 * KEEP_PER_KIND) continue;
      }
      if (w !== r) {
        this.timeSec[w] = this.timeSec[r];
        this.kind[w] = this.kind[r];
        this.value[w] = this.value[r];
        this.seq[w] = this.seq[r];
      }
      w++;
    }
    this.length = w;
    this.held[k] -= KEEP_PER_KIND;
    this.removed[k] += KEEP_PER_KIND;
  }

  private grow(size: number): void {
    const grown = <T extends Float64Array | Uint8Array>(from: T, to: T): T => {
      to.set(from.subarray(0, this.length) as never);
      return to;
    };
    this.timeSec = grown(this.timeSec, new Float64Array(size));
    this.kind = grown(this.kind, new Uint8Array(size));
    this.value = grown(this.value, new Float64Array(size));
    this.seq = grown(this.seq, new Float64Array(size));
  }
}

/** The engine's append-only, bounded event log (see the file comment). */
export class EventLog {
  private entries = new RetainedEvents();
  private windowStartSec = -Infinity;
  private windowEntries = 0;
  /** Entries that passed the window limit so far: the next entry's sequence number. */
  private accepted = 0;
  private totals = new Float64Array(KIND_COUNT);
  /** Entries not stored because their window was full (or counted in bulk by {@link countOnly}). */
  omitted = 0;

  constructor(private readonly windowSec: number) {}

  /** Number of entries held now. */
  get length(): number {
    return this.entries.length;
  }

  /**
   * Entries that passed the window limit so far, held or since removed by the per-kind limit;
   * the sequence number the next one will get. Equal to `length` until a kind passes
   * 3 x KEEP_PER_KIND entries.
   */
  get logged(): number {
    return this.accepted;
  }

  /** Records an event at `timeSec` unless its window is full; counts it either way. */
  add(timeSec: number, kind: EventKind, value = 0): void {
    const k = KIND_INDEX[kind];
    this.totals[k]++;
    if (timeSec >= this.windowStartSec + this.windowSec) {
      this.windowStartSec = Math.floor(timeSec / this.windowSec) * this.windowSec;
      this.windowEntries = 0;
    }
    // OOM, restart and a stream's overflow error are rare and always matter: never omitted here.
    if (
      this.windowEntries >= MAX_ENTRIES_PER_WINDOW &&
      kind !== "oom" &&
      kind !== "restart" &&
      kind !== "overflow-error"
    ) {
      this.omitted++;
      return;
    }
    this.windowEntries++;
    this.entries.push(this.accepted++, timeSec, k, value);
  }

  /** Counts `n` events of each of `kinds` that are not stored (a bulk stretch's signals). */
  countOnly(kinds: readonly EventKind[], n: number): void {
    for (const kind of kinds) this.totals[KIND_INDEX[kind]] += n;
    this.omitted += kinds.length * n;
  }

  /** Every event of `kind` so far, stored or not. */
  total(kind: EventKind): number {
    return this.totals[KIND_INDEX[kind]];
  }

  /** {@link total} of every kind, indexed like EVENT_KINDS (a fresh array). */
  totalsByKind(): Float64Array {
    return this.totals.slice();
  }

  /** Held entries whose sequence number is `fromSeq` or later and below `toSeq`, in log order. */
  read(fromSeq = 0, toSeq = Infinity): SimEvent[] {
    const e = this.entries;
    const out: SimEvent[] = [];
    for (let i = e.indexOfSeq(Math.max(0, fromSeq)); i < e.length && e.seq[i] < toSeq; i++) {
      out.push({ timeSec: e.timeSec[i], kind: EVENT_KINDS[e.kind[i]], value: e.value[i] });
    }
    return out;
  }

  /** A deep copy (for checkpoints). */
  clone(): EventLog {
    const log = new EventLog(this.windowSec);
    log.entries = this.entries.clone();
    log.windowStartSec = this.windowStartSec;
    log.windowEntries = this.windowEntries;
    log.accepted = this.accepted;
    log.totals = this.totals.slice();
    log.omitted = this.omitted;
    return log;
  }
}
