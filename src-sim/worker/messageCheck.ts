/**
 * Checks what arrives from the worker before the page uses it. Messages cross a thread (or, in a
 * sandboxed embed, a MessageChannel) as structured clones, so their shape is only a promise: a
 * mismatched build, a bug or a tampered worker could send anything. The page reads a message only
 * through {@link readFromWorker}, which never throws and says what was wrong, so a bad frame
 * becomes one clear message on the page instead of an uncaught TypeError deep in a store.
 */
import { SAMPLE_COLUMNS } from "../engine/types";
import type { ZoomFrameMessage, FrameMessage, FromWorker } from "./protocol";

/** What {@link readFromWorker} made of a message. */
export type ReadMessage =
  | { ok: true; message: FromWorker }
  /** A message type this page does not know (a sign of life, but nothing to act on). */
  | { ok: true; message: null }
  | { ok: false; problem: string };

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;
const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** The first problem of a frame's event columns, or null (lanes frames reuse it: laneMessageCheck.ts). */
export function eventColumnsProblem(ev: unknown): string | null {
  if (!isObj(ev) || !isCount(ev.count)) return "events are missing";
  if (!(ev.timeSec instanceof Float64Array) || ev.timeSec.length !== ev.count) return "events.timeSec is malformed";
  if (!(ev.kind instanceof Uint8Array) || ev.kind.length !== ev.count) return "events.kind is malformed";
  if (!(ev.value instanceof Float64Array) || ev.value.length !== ev.count) return "events.value is malformed";
  return null;
}

/** The first problem of a frame's fields, or null when it has the shape the page relies on. */
function frameProblem(m: Obj): string | null {
  if (!isCount(m.frameId)) return "frameId is not a whole number";
  if (!isFiniteNumber(m.sampleIntervalSec) || m.sampleIntervalSec <= 0) return "sampleIntervalSec is not positive";
  if (!isCount(m.samplesStart)) return "samplesStart is not a whole number";
  if (!isCount(m.sampleCount)) return "sampleCount is not a whole number";
  if (!isObj(m.columns)) return "columns are missing";
  for (const name of SAMPLE_COLUMNS) {
    const col = m.columns[name];
    if (!(col instanceof Float64Array)) return `column ${name} is not a Float64Array`;
    if (col.length !== m.sampleCount) return `column ${name} holds ${col.length} values, not ${m.sampleCount}`;
  }
  if (!isCount(m.eventsStart)) return "eventsStart is not a whole number";
  const eventsProblem = eventColumnsProblem(m.events);
  if (eventsProblem) return eventsProblem;
  if (!(m.eventTotals instanceof Float64Array)) return "eventTotals is not a Float64Array";
  if (!isObj(m.live) || !isFiniteNumber(m.live.timeSec)) return "live.timeSec is not a number";
  if (typeof m.playing !== "boolean" || typeof m.ended !== "boolean") return "playing or ended is not true/false";
  if (m.speed !== "max" && !(isFiniteNumber(m.speed) && m.speed > 0)) return "speed is neither positive nor max";
  if (!isObj(m.scenario) || typeof m.scenario.strategy !== "string") return "scenario is missing";
  if (!isObj(m.base) || typeof m.base.strategy !== "string") return "base scenario is missing";
  if (!Array.isArray(m.changes) || !m.changes.every((c) => isObj(c) && typeof c.key === "string")) {
    return "changes is not a list of changes";
  }
  if (!Array.isArray(m.strategies) || m.strategies.length === 0 || !m.strategies.every((s) => typeof s === "string")) {
    return "strategies is not a list of names";
  }
  return null;
}

/** The first problem of a zoomed window's frame, or null when the page can draw it. */
function zoomFrameProblem(m: Obj): string | null {
  if (!isCount(m.requestId)) return "requestId is not a whole number";
  if (!isFiniteNumber(m.fromSec) || !isFiniteNumber(m.toSec) || !isFiniteNumber(m.startSec))
    return "window is not numbers";
  if (!isFiniteNumber(m.sampleIntervalSec) || m.sampleIntervalSec <= 0) return "sampleIntervalSec is not positive";
  if (!isCount(m.sampleCount)) return "sampleCount is not a whole number";
  if (!isObj(m.columns)) return "columns are missing";
  for (const name of SAMPLE_COLUMNS) {
    const col = m.columns[name];
    if (!(col instanceof Float64Array) || col.length !== m.sampleCount) return `column ${name} is malformed`;
  }
  return eventColumnsProblem(m.events) ?? ladderProblem(m.ladder);
}

/** The first problem of a zoomed frame's TCP ladder (null, or columns of one length), or null. */
function ladderProblem(l: unknown): string | null {
  if (l === null) return null;
  if (!isObj(l) || !isCount(l.count) || !isCount(l.total) || l.count > l.total) return "ladder is malformed";
  if (!isFiniteNumber(l.fromSec) || !isFiniteNumber(l.toSec)) return "ladder's span is not numbers";
  if (!(l.kind instanceof Uint8Array) || l.kind.length !== l.count) return "ladder.kind is malformed";
  for (const name of ["sentSec", "arrivesSec", "seq", "lenBytes", "windowBytes", "nextProbeSec"]) {
    const col = l[name];
    if (!(col instanceof Float64Array) || col.length !== l.count) return `ladder.${name} is malformed`;
  }
  return null;
}

/**
 * Reads one message from the worker (an event's `data`). Never throws: a message the page could
 * not use safely comes back as `{ ok: false, problem }`, in words for the page's error banner.
 */
export function readFromWorker(data: unknown): ReadMessage {
  if (!isObj(data) || typeof data.type !== "string") return { ok: false, problem: "a message without a type" };
  switch (data.type) {
    case "frame": {
      const problem = frameProblem(data);
      return problem
        ? { ok: false, problem: `a frame whose ${problem}` }
        : { ok: true, message: data as unknown as FrameMessage };
    }
    case "zoomFrame": {
      const problem = zoomFrameProblem(data);
      return problem
        ? { ok: false, problem: `a zoomed frame whose ${problem}` }
        : { ok: true, message: data as unknown as ZoomFrameMessage };
    }
    case "error":
      return { ok: true, message: { type: "error", message: typeof data.message === "string" ? data.message : "" } };
    case "progress":
      return isFiniteNumber(data.timeSec) && isFiniteNumber(data.targetSec)
        ? { ok: true, message: { type: "progress", timeSec: data.timeSec, targetSec: data.targetSec } }
        : { ok: false, problem: "a progress report without times" };
    case "pong":
      return isFiniteNumber(data.id)
        ? { ok: true, message: { type: "pong", id: data.id } }
        : { ok: false, problem: "a pong without an id" };
    default:
      return { ok: true, message: null };
  }
}
