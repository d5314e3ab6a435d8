/**
 * Checks a comparison's frames before the page uses them, as messageCheck.ts checks a single
 * run's: never throws, and says what was wrong. Other messages (error, progress, pong) are the
 * single run's and go through readFromWorker.
 */
import { SAMPLE_COLUMNS } from "../engine/types";
import { RUN_FIGURES } from "../sweep/figures";
import type { LanesFrameMessage } from "./laneProtocol";
import { eventColumnsProblem, readFromWorker, type ReadMessage } from "./messageCheck";

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 0;
const isFiniteNumber = (v: unknown): v is number => typeof v === "number" && Number.isFinite(v);

/** The first problem of one lane's part of a frame, or null. */
function laneProblem(m: Obj): string | null {
  if (!isCount(m.samplesStart) || !isCount(m.sampleCount)) return "samplesStart or sampleCount is not a whole number";
  if (!isObj(m.columns)) return "columns are missing";
  for (const name of SAMPLE_COLUMNS) {
    const col = m.columns[name];
    if (!(col instanceof Float64Array) || col.length !== m.sampleCount) return `column ${name} is malformed`;
  }
  if (!isCount(m.eventsStart)) return "eventsStart is not a whole number";
  const eventsProblem = eventColumnsProblem(m.events);
  if (eventsProblem) return eventsProblem;
  if (!(m.eventTotals instanceof Float64Array)) return "eventTotals is not a Float64Array";
  if (!isObj(m.live) || !isFiniteNumber(m.live.timeSec)) return "live.timeSec is not a number";
  if (!isObj(m.scenario) || typeof m.scenario.strategy !== "string") return "scenario is missing";
  if (!isObj(m.figures)) return "figures are missing";
  for (const f of RUN_FIGURES) {
    const v = m.figures[f.name];
    if (v !== null && typeof v !== "number") return `figure ${f.name} is not a number`;
  }
  return null;
}

/** The first problem of a lanes frame, or null. */
function lanesFrameProblem(m: Obj): string | null {
  if (!isCount(m.frameId)) return "frameId is not a whole number";
  if (!isFiniteNumber(m.sampleIntervalSec) || m.sampleIntervalSec <= 0) return "sampleIntervalSec is not positive";
  if (!isFiniteNumber(m.timeSec)) return "timeSec is not a number";
  if (typeof m.playing !== "boolean" || typeof m.ended !== "boolean") return "playing or ended is not true/false";
  if (m.speed !== "max" && !(isFiniteNumber(m.speed) && m.speed > 0)) return "speed is neither positive nor max";
  if (!Array.isArray(m.lanes) || m.lanes.length < 1) return "lanes are missing";
  for (const [i, lane] of m.lanes.entries()) {
    const problem = isObj(lane) ? laneProblem(lane) : "is not an object";
    if (problem) return `lane ${i + 1}'s ${problem}`;
  }
  return null;
}

/** What {@link readFromLanesWorker} made of a message. */
export type ReadLanesMessage = ReadMessage | { ok: true; message: LanesFrameMessage };

/** Reads one message from a comparison's worker. Never throws. */
export function readFromLanesWorker(data: unknown): ReadLanesMessage {
  if (isObj(data) && data.type === "lanesFrame") {
    const problem = lanesFrameProblem(data);
    return problem
      ? { ok: false, problem: `a comparison frame whose ${problem}` }
      : { ok: true, message: data as unknown as LanesFrameMessage };
  }
  return readFromWorker(data);
}
