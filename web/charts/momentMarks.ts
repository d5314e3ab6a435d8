/**
 * Key moments on the time charts: the out-of-memory crash on the depth and memory charts (what
 * was lost, and when), evictions and rebalances on Kafka's lag, zero windows on TCP's window, a
 * stream's overflow error on the demand chart. Each is a vertical line at the event's time with a
 * short label; the list per chart is the chart spec's `moments`. Pure: the renderer draws what
 * {@link placeMoments} returns, and the chart's accessible name lists {@link momentsSummary}.
 */
import { EVENT_KINDS, type EventKind } from "../../src-sim/engine/types";
import { EVENT_NAMES } from "../content/eventText";
import { formatClock, formatCount } from "../format/numbers";
import type { ColorVar } from "./palette";

/** The events a chart reads marks from (EventStore has them). */
export interface MomentSource {
  readonly length: number;
  readonly timeSec: Float64Array;
  /** Index into EVENT_KINDS of each event. */
  readonly kind: Uint8Array;
  readonly value: Float64Array;
}

/** One mark to draw. */
export interface PlacedMoment {
  timeSec: number;
  kind: EventKind;
  /** Horizontal position, px. */
  x: number;
  /** The label drawn beside the line, or null where neighbours leave no room for it. */
  label: string | null;
  /** Which side of the line the label goes. */
  anchor: "start" | "end";
  /** Events in the episode this mark stands for (1 for a single event). */
  count: number;
}

/** Colour of each marked kind's line and label. */
export const MOMENT_COLOR: Partial<Record<EventKind, ColorVar>> = {
  "oom": "c-oom",
  "producer-oom": "c-upstream",
  "zero-window": "c-blocked",
  "eviction": "c-oom",
  "rebalance": "c-signal",
  "retention-loss": "c-dropped",
  "overflow-error": "c-oom",
};

/**
 * The short label of a mark: "OOM at 120.0 s · 6.0M lost", "evicted", "zero window". A crash
 * says when and what it took with it: it is the moment the lesson is about, and rare.
 */
export function momentLabel(kind: EventKind, value: number, timeSec: number): string {
  switch (kind) {
    case "oom":
      return `OOM at ${formatClock(timeSec)} · ${formatCount(value)} lost`;
    case "producer-oom":
      return `producer OOM at ${formatClock(timeSec)} · ${formatCount(value)} lost`;
    case "retention-loss":
      return `retention · ${formatCount(value)} lost`;
    case "eviction":
      return "evicted";
    case "zero-window":
      return "zero window";
    default:
      return EVENT_NAMES[kind].toLowerCase();
  }
}

/** The label without the time, for narrow charts: "OOM · 6.0M lost". */
export function shortMomentLabel(kind: EventKind, value: number): string {
  if (kind === "oom") return `OOM · ${formatCount(value)} lost`;
  if (kind === "producer-oom") return `producer OOM · ${formatCount(value)} lost`;
  return momentLabel(kind, value, 0);
}

/** Rough width of a label at the charts' 11 px bold text, px (no DOM to measure with). */
export function labelWidthPx(text: string): number {
  return text.length * 7;
}

/**
 * Events of one kind closer together than this on screen form one mark, px: a zero window that
 * closes again every second of a slow reader is one episode, drawn once and labelled with its
 * count ("zero window ×60"), not sixty lines that hide the data.
 */
export const GROUP_GAP_PX = 12;
/** Air between a line and its label, and between labels, px. */
const LABEL_GAP_PX = 6;

/**
 * The marks of `kinds` among `events`, at `xOf(time)`, inside [leftPx, rightPx]: one per episode
 * (see {@link GROUP_GAP_PX}), labelled where the label does not run into the previous one. A
 * label goes right of its line, or left of it near the right edge.
 */
export function placeMoments(
  events: MomentSource,
  kinds: readonly EventKind[],
  xOf: (timeSec: number) => number,
  leftPx: number,
  rightPx: number,
): PlacedMoment[] {
  if (kinds.length === 0) return [];
  const wanted = new Set(kinds.map((k) => EVENT_KINDS.indexOf(k)));
  const found: Array<{ t: number; k: number; v: number }> = [];
  for (let i = 0; i < events.length; i++) {
    if (wanted.has(events.kind[i])) found.push({ t: events.timeSec[i], k: events.kind[i], v: events.value[i] });
  }
  // The log is nearly, not exactly, in time order.
  found.sort((a, b) => a.t - b.t);
  const episodes: Array<{ t: number; k: number; v: number; count: number; lastX: number }> = [];
  const open = new Map<number, (typeof episodes)[number]>();
  for (const e of found) {
    const x = xOf(e.t);
    const ep = open.get(e.k);
    if (ep && x - ep.lastX < GROUP_GAP_PX) {
      ep.count++;
      ep.lastX = x;
      continue;
    }
    const next = { ...e, count: 1, lastX: x };
    open.set(e.k, next);
    episodes.push(next);
  }
  const out: PlacedMoment[] = [];
  let labelEnd = -Infinity;
  for (const e of episodes) {
    const x = Math.round(xOf(e.t)) + 0.5;
    if (x < leftPx || x > rightPx) continue;
    const kind = EVENT_KINDS[e.k];
    const count = e.count > 1 ? ` ×${e.count.toLocaleString("en-US")}` : "";
    // The full label where it fits, else the short one (a phone-width chart), else none.
    let placed: { text: string; anchor: "start" | "end"; left: number } | null = null;
    for (const label of [momentLabel(kind, e.v, e.t), shortMomentLabel(kind, e.v)]) {
      const text = label + count;
      const w = labelWidthPx(text);
      const anchor = x + LABEL_GAP_PX + w <= rightPx ? "start" : "end";
      const left = anchor === "start" ? x + LABEL_GAP_PX : x - LABEL_GAP_PX - w;
      if (left >= labelEnd + LABEL_GAP_PX && left >= leftPx) {
        placed = { text, anchor, left };
        break;
      }
    }
    if (placed) labelEnd = placed.left + labelWidthPx(placed.text);
    out.push({
      timeSec: e.t,
      kind,
      x,
      label: placed?.text ?? null,
      anchor: placed?.anchor ?? "start",
      count: e.count,
    });
  }
  return out;
}

/** ", 6.0M events lost" for the kinds whose value counts a loss; "" otherwise. */
function lostText(kind: EventKind, value: number): string {
  return kind === "oom" || kind === "producer-oom" || kind === "retention-loss"
    ? `, ${formatCount(value)} events lost`
    : "";
}

/** How the chart's accessible name lists its marks: "Marked: Out of memory at 120.0 s, 6.0M events lost." */
export function momentsSummary(events: MomentSource, kinds: readonly EventKind[], max = 5): string {
  if (kinds.length === 0) return "";
  const wanted = new Set(kinds.map((k) => EVENT_KINDS.indexOf(k)));
  const parts: string[] = [];
  let total = 0;
  for (let i = 0; i < events.length; i++) {
    if (!wanted.has(events.kind[i])) continue;
    total++;
    if (parts.length < max)
      parts.push(
        `${EVENT_NAMES[EVENT_KINDS[events.kind[i]]]} at ${formatClock(events.timeSec[i])}${lostText(EVENT_KINDS[events.kind[i]], events.value[i])}`,
      );
  }
  if (total === 0) return "";
  const more = total > max ? ` and ${(total - max).toLocaleString("en-US")} more` : "";
  return `Marked: ${parts.join("; ")}${more}.`;
}
