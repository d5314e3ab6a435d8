/**
 * The log of notable events (pause, resume, drops, OOM ...), stored columnar.
 *
 * A flapping watermark (HIGH = LOW) can signal tens of thousands of times a second, so the log
 * keeps at most {@link MAX_ENTRIES_PER_WINDOW} entries per window of simulated time; the rest are
 * counted in `omitted` (the run's summary counts every signal regardless).
 */
import { EVENT_KINDS, type EventKind, type SimEvent } from "./types";

/** Entries kept per window before further ones are only counted. */
export const MAX_ENTRIES_PER_WINDOW = 64;

const KIND_INDEX: Record<EventKind, number> = Object.fromEntries(EVENT_KINDS.map((k, i) => [k, i])) as Record<
  EventKind,
  number
>;

/** An append-only event log. */
export class EventLog {
  private times: number[] = [];
  private kinds: number[] = [];
  private values: number[] = [];
  private windowStartSec = -Infinity;
  private windowEntries = 0;
  /** Entries not stored because their window was full. */
  omitted = 0;

  constructor(private readonly windowSec: number) {}

  /** Number of stored entries. */
  get length(): number {
    return this.times.length;
  }

  /** Records an event at `timeSec` unless its window is full. */
  add(timeSec: number, kind: EventKind, value = 0): void {
    if (timeSec >= this.windowStartSec + this.windowSec) {
      this.windowStartSec = Math.floor(timeSec / this.windowSec) * this.windowSec;
      this.windowEntries = 0;
    }
    // OOM, restart and a stream's overflow error are rare and always matter: never omitted.
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
    this.times.push(timeSec);
    this.kinds.push(KIND_INDEX[kind]);
    this.values.push(value);
  }

  /** Entries from index `from` on, oldest first. */
  read(from = 0): SimEvent[] {
    const out: SimEvent[] = [];
    for (let i = Math.max(0, from); i < this.times.length; i++) {
      out.push({ timeSec: this.times[i], kind: EVENT_KINDS[this.kinds[i]], value: this.values[i] });
    }
    return out;
  }

  /** A deep copy (for checkpoints). */
  clone(): EventLog {
    const log = new EventLog(this.windowSec);
    log.times = this.times.slice();
    log.kinds = this.kinds.slice();
    log.values = this.values.slice();
    log.windowStartSec = this.windowStartSec;
    log.windowEntries = this.windowEntries;
    log.omitted = this.omitted;
    return log;
  }
}
