/**
 * Plain words for the event log's entries: the event lane's hover details and its accessible
 * summary. Numbers go through the human formatters. Typed as a total map over EventKind, so a
 * new kind in the engine fails the type check here until it has words.
 */
import type { EventKind } from "../../src-sim/engine/types";
import { formatBinaryBytes, formatClock, formatCount, formatDuration } from "../format/numbers";

/** A short name per event kind. */
export const EVENT_NAMES: Record<EventKind, string> = {
  "pause": "Pause signal",
  "resume": "Resume signal",
  "drop-start": "Drops begin",
  "drop-stop": "Drops end",
  "oom": "Out of memory",
  "restart": "Consumer restart",
  "queue-full": "Queue full",
  "producer-oom": "Producer out of memory",
  "blocked": "Producer blocked",
  "unblocked": "Producer released",
  "zero-window": "Zero window",
  "window-update": "Window update",
  "probe": "Window probe",
  "eviction": "Consumer evicted",
  "rebalance": "Rebalance",
  "retention-loss": "Retention loss",
  "request": "request(n)",
  "overflow-error": "Overflow error",
  "offset-reset": "Offset reset",
};

/**
 * What each kind of mark means, in general (no figures): the event lane's legend explains its
 * marks with these, reachable from the keyboard, where the hover details need a pointer.
 */
export const EVENT_EXPLANATIONS: Record<EventKind, string> = {
  "pause": "The queue reached the high watermark; the consumer asks the producer to pause.",
  "resume": "The queue fell to the low watermark; the consumer asks the producer to resume.",
  "drop-start": "Events start being dropped: a full queue, an evicted head, or a producer that discards.",
  "drop-stop": "Drops stop; the details say how many events the burst dropped.",
  "oom": "The consumer ran out of memory and died; every event it held is lost.",
  "restart": "The consumer process started again after a crash, with an empty queue.",
  "queue-full": "The queue reached its capacity (MAX).",
  "producer-oom": "The producer's own buffer ran out of memory; every event it held is lost.",
  "blocked": "The queue is full, so the producer's put() blocks.",
  "unblocked": "A slot freed up; the blocked producer runs again.",
  "zero-window": "The receiver's buffer is full and it advertises a zero window: the sender must stop.",
  "window-update": "The reader freed buffer space and the receiver opens its window again.",
  "probe": "The sender's persist timer probes the closed window, waiting longer after each probe.",
  "eviction": "The consumer went longer than max.poll.interval between polls and was evicted from the group.",
  "rebalance": "The group rebalanced; consumption resumes at the committed offset, so later records come again.",
  "retention-loss": "Retention deleted records nobody had read.",
  "request": "The subscriber called request(n) to ask the publisher for more items.",
  "overflow-error": "The bounded overflow buffer was full and the stream failed with an error.",
  "offset-reset":
    "The group had no committed offset, so auto.offset.reset chose where to start: the log end (latest) or its start (earliest).",
};

/** What an event's value means, as a phrase, per kind. */
const DETAILS: Record<EventKind, (value: number) => string> = {
  "pause": (v) => `the queue reached the high watermark (${formatCount(v)}); the consumer asks the producer to pause.`,
  "resume": (v) => `the queue fell to the low watermark (${formatCount(v)}); the consumer asks the producer to resume.`,
  "drop-start": () => "events start being dropped.",
  "drop-stop": (v) => `drops stop; ${formatCount(v)} events were dropped in this burst.`,
  "oom": (v) => `the consumer ran out of memory and died; ${formatCount(v)} events it held were lost.`,
  "restart": () => "the consumer started again with an empty queue.",
  "queue-full": (v) => `the queue is full (capacity ${formatCount(v)}).`,
  "producer-oom": (v) => `the producer's own buffer ran out of memory; ${formatCount(v)} events were lost.`,
  "blocked": () => "the queue is full and the producer is blocked.",
  "unblocked": () => "there is room in the queue; the producer runs again.",
  "zero-window": () => "the receiver advertises a zero window: the sender must stop.",
  "window-update": (v) => `the receiver opens its window to ${formatBinaryBytes(v)}.`,
  "probe": (v) =>
    v > 0
      ? `the sender's persist timer probes the closed window (next probe ${formatDuration(v)} after its answer).`
      : "the sender's persist timer finds the window open and sends data.",
  "eviction": (v) => `the consumer went ${formatDuration(v)} between polls and was evicted from the group.`,
  "rebalance": (v) =>
    v < 0
      ? "the group rebalanced; it has no committed offset, so auto.offset.reset decides where it resumes."
      : `the group rebalanced; consumption resumes at committed offset ${formatCount(v)}.`,
  "retention-loss": (v) => `retention deleted ${formatCount(v)} records nobody had read.`,
  "request": (v) => `the subscriber requests ${formatCount(v)} more items.`,
  "overflow-error": () => "the overflow buffer is full and the stream fails.",
  "offset-reset": (v) =>
    `with no committed offset, auto.offset.reset starts the consumer at offset ${formatCount(v)}; records before it are skipped.`,
};

/** One sentence about an event at `timeSec` with its kind-dependent `value`. */
export function describeEvent(kind: EventKind, timeSec: number, value: number): string {
  return `${EVENT_NAMES[kind]} at ${formatClock(timeSec)}: ${DETAILS[kind](value)}`;
}
