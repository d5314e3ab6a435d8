/**
 * What the event lane shows, row by row: two state bands read from sample columns (the producer
 * paused or blocked, the consumer down, drops under way) and point events from the event log.
 * Pure data and functions; the renderer draws them.
 */
import type { EventKind } from "../../src-sim/engine/types";
import { EVENT_NAMES } from "../content/eventText";
import { formatClock } from "../format/numbers";
import type { EventStore } from "../runtime/eventStore";
import type { ColorVar } from "./palette";

/** A row of the lane. */
export interface LaneRow {
  id: string;
  label: string;
  /** Event kinds drawn as ticks in this row. */
  kinds: readonly EventKind[];
}

/** Rows, top to bottom. State bands share rows with the events that explain them. */
export const LANE_ROWS: readonly LaneRow[] = [
  {
    id: "producer",
    label: "Producer",
    kinds: ["pause", "resume", "blocked", "unblocked", "zero-window", "window-update", "probe", "request"],
  },
  { id: "queue", label: "Queue", kinds: ["queue-full", "drop-start", "drop-stop", "overflow-error", "retention-loss"] },
  {
    id: "consumer",
    label: "Consumer",
    kinds: ["oom", "restart", "producer-oom", "eviction", "rebalance", "offset-reset"],
  },
];

/** Row index of each kind. */
export const ROW_OF_KIND: ReadonlyMap<EventKind, number> = new Map(
  LANE_ROWS.flatMap((row, i) => row.kinds.map((k) => [k, i] as [EventKind, number])),
);

/** Colour of each kind's tick. */
export const KIND_COLOR: Record<EventKind, ColorVar> = {
  "pause": "c-paused",
  "resume": "c-restart",
  "blocked": "c-blocked",
  "unblocked": "c-restart",
  "zero-window": "c-blocked",
  "window-update": "c-restart",
  "probe": "c-signal",
  "request": "c-signal",
  "queue-full": "c-capacity",
  "drop-start": "c-dropped",
  "drop-stop": "c-dropped",
  "overflow-error": "c-oom",
  "retention-loss": "c-dropped",
  "oom": "c-oom",
  "restart": "c-restart",
  "producer-oom": "c-upstream",
  "eviction": "c-oom",
  "rebalance": "c-signal",
  "offset-reset": "c-dropped",
};

/** Kinds that matter enough to be labelled on the lane, not only ticked. */
export const LABELLED_KINDS: ReadonlySet<EventKind> = new Set<EventKind>([
  "oom",
  "producer-oom",
  "eviction",
  "overflow-error",
]);

/**
 * The lane's accessible summary: counts of each kind that occurred and when the first crash was,
 * for example "Events: Out of memory at 120.0 s; 1,499 × Pause signal".
 */
export function summarizeEvents(events: EventStore): string {
  const parts: string[] = [];
  const oom = events.firstOf("oom");
  if (oom >= 0) parts.push(`Out of memory at ${formatClock(events.timeSec[oom])}`);
  for (const row of LANE_ROWS) {
    for (const kind of row.kinds) {
      const n = events.count(kind);
      if (n > 0 && kind !== "oom") parts.push(`${n.toLocaleString("en-US")} × ${EVENT_NAMES[kind]}`);
      else if (kind === "oom" && n > 1) parts.push(`${n} × ${EVENT_NAMES[kind]}`);
    }
  }
  return `Event lane: pause, resume, drops, crashes and other events over time. ${parts.length ? parts.join("; ") : "No events yet"}.`;
}
