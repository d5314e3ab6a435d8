/**
 * The Reactive Streams view's facts: the subscriber's outstanding demand (requested minus
 * delivered) against the items delivered and not yet processed, each request(n) over the window
 * the charts show, and a hot publisher's overflow buffer. Pure: read from the samples (rsDemand,
 * rsRequests, rsBuffer, queued, inService) and the event log (`request`, value n).
 */
import type { Scenario } from "../../../src-sim/scenario/params";
import { formatClock, formatCount } from "../../format/numbers";
import {
  counted,
  eventsIn,
  levelTrace,
  sampleAtOrBefore,
  sampleRange,
  type LevelTrace,
  type ViewWindow,
  valueNear,
  type WindowEvent,
} from "./viewWindow";

/** Most request(n) marks drawn; past it the view says how many it left out. */
export const MAX_REQUEST_MARKS = 400;

/** What the demand view shows. */
export interface ReactiveFacts {
  fromSec: number;
  toSec: number;
  momentSec: number;
  prefetch: number;
  hot: boolean;
  overflow: Scenario["overflow"];
  /** Outstanding demand over the window, items. */
  demand: LevelTrace;
  /** Delivered and not yet processed (the prefetch queue and the item in service), items. */
  delivered: LevelTrace;
  /** The overflow buffer, items (zero for a cold publisher). */
  buffer: LevelTrace;
  /** request(n) calls logged in the window (value n), at most MAX_REQUEST_MARKS. */
  requests: WindowEvent[];
  /** request(n) calls in the window by the counter (exact; the log keeps a sample of them). */
  requestCount: number;
  /** At the moment shown. */
  demandNow: number;
  deliveredNow: number;
  bufferNow: number;
  requestsSoFar: number;
  /** Least demand over the window (never below 0 in a correct run; Infinity with no samples). */
  demandMin: number;
  /** Greatest overflow buffer over the window. */
  bufferMax: number;
}

/** The facts of a window at the moment `momentSec`. */
export function reactiveFacts(w: ViewWindow, s: Scenario, momentSec: number): ReactiveFacts {
  const { series } = w;
  const demand = series.column("rsDemand");
  const dMin = series.column("rsDemandMin");
  const dMax = series.column("rsDemandMax");
  const queued = series.column("queued");
  const inService = series.column("inService");
  const buffer = series.column("rsBuffer");
  const bMin = series.column("rsBufferMin");
  const bMax = series.column("rsBufferMax");
  // `queued` holds the prefetch queue and the overflow buffer (src-sim/models/reactive/model.ts).
  const deliveredAt = (i: number) => Math.max(0, queued[i] - buffer[i]) + inService[i];
  const { first, end } = sampleRange(series, w.fromSec, w.toSec);
  const demandTrace = levelTrace(
    series,
    first,
    end,
    (i) => demand[i],
    (i) => dMin[i],
    (i) => dMax[i],
  );
  const bufferTrace = levelTrace(
    series,
    first,
    end,
    (i) => buffer[i],
    (i) => bMin[i],
    (i) => bMax[i],
  );
  const logged = eventsIn(w.events, "request", w.fromSec, w.toSec);
  const at = sampleAtOrBefore(series, momentSec);
  return {
    fromSec: w.fromSec,
    toSec: w.toSec,
    momentSec,
    prefetch: s.prefetch,
    hot: s.publisher === "hot",
    overflow: s.overflow,
    demand: demandTrace,
    delivered: levelTrace(series, first, end, deliveredAt),
    buffer: bufferTrace,
    requests: logged.slice(0, MAX_REQUEST_MARKS),
    requestCount: counted(w, "rsRequests", logged.length),
    demandNow: at >= 0 ? demand[at] : NaN,
    deliveredNow: at >= 0 ? deliveredAt(at) : NaN,
    bufferNow: at >= 0 ? buffer[at] : NaN,
    requestsSoFar: valueNear(w, "rsRequests", momentSec),
    demandMin: Math.min(...demandTrace.min.filter(Number.isFinite)),
    bufferMax: Math.max(0, ...bufferTrace.max.filter(Number.isFinite)),
  };
}

/** The facts as labelled figures (the view's list under the picture). */
export function reactiveFigures(f: ReactiveFacts): Array<{ label: string; value: string }> {
  const ns = new Set(f.requests.map((r) => r.value));
  const nText = ns.size === 1 ? `, n = ${formatCount([...ns][0])}` : ns.size > 1 ? ", n varies" : "";
  const rows = [
    { label: "Outstanding demand", value: `${formatCount(f.demandNow)} of prefetch ${formatCount(f.prefetch)}` },
    { label: "Delivered, not yet processed", value: formatCount(f.deliveredNow) },
    {
      label: "request(n) in view",
      value: `${formatCount(f.requestCount)} calls${nText}; ${formatCount(f.requestsSoFar)} so far`,
    },
  ];
  rows.push({
    label: "Overflow buffer",
    value: f.hot
      ? `${formatCount(f.bufferNow)} now, at most ${formatCount(f.bufferMax)} in view (hot publisher, ${f.overflow})`
      : "none: a cold publisher emits only against demand",
  });
  return rows;
}

/** The view's accessible name: its name, then the same facts as the list, as sentences. */
export function reactiveText(f: ReactiveFacts): string {
  const head = `Reactive Streams demand at ${formatClock(f.momentSec)}, showing ${formatClock(f.fromSec)} to ${formatClock(f.toSec)}.`;
  return [head, ...reactiveFigures(f).map((r) => `${r.label}: ${r.value}.`)].join(" ");
}
