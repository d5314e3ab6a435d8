/**
 * The run's timeline of changes: a mark on the scrubber's time axis for each change (a button
 * that moves the run there), the list under the transport to inspect and remove them, the choice of where the
 * next edit applies (from the current moment, recorded; or to the whole run, not recorded), and
 * the notice when an edit replaced changes recorded later.
 */
import { useId } from "react";
import type { ScenarioChange } from "../../src-sim/scenario/changes";
import { PARAM_BY_KEY } from "../../src-sim/scenario/params";
import { formatClock, formatParam } from "../format/numbers";
import { useApp } from "./context";

/** "Consumer rate → 80K events/s": what a change sets, in the page's words. */
export function describeChange(c: ScenarioChange): string {
  const param = PARAM_BY_KEY[c.key];
  const value = typeof c.value === "number" && param.kind === "number" ? formatParam(c.value, param.unit) : c.value;
  return `${param.label} → ${value}`;
}

/** A mark on the scrubber's time axis for each change; a mark moves the run to its change. */
export function ChangeMarks() {
  const changes = useApp((s) => s.changes);
  const duration = useApp((s) => s.base.duration);
  const seek = useApp((s) => s.seek);
  if (changes.length === 0) return null;
  return (
    <div className="changes-track" data-count={changes.length}>
      {changes.map((c, i) => (
        <button
          key={`${c.atSec}-${c.key}-${i}`}
          type="button"
          className="change-mark"
          style={{ left: `${Math.min(100, (c.atSec / duration) * 100)}%` }}
          title={`${formatClock(c.atSec)}: ${describeChange(c)}`}
          aria-label={`Go to the change at ${formatClock(c.atSec)}: ${describeChange(c)}`}
          onClick={() => seek(c.atSec)}
        />
      ))}
    </div>
  );
}

/** The change timeline (see the file comment). */
export function ChangeTimeline() {
  const changes = useApp((s) => s.changes);
  const mode = useApp((s) => s.changeMode);
  const setMode = useApp((s) => s.setChangeMode);
  const remove = useApp((s) => s.removeChange);
  const seek = useApp((s) => s.seek);
  const notice = useApp((s) => s.historyNotice);
  const durationSec = useApp((s) => s.base.duration);
  const dismiss = useApp((s) => s.dismissHistoryNotice);
  const name = useId();
  const titleId = useId();
  return (
    <div className="changes" role="group" aria-labelledby={titleId}>
      <div className="changes-head">
        <span className="changes-title" id={titleId}>
          Changes {changes.length > 0 && <span className="changes-count">({changes.length})</span>}
        </span>
        <div className="change-mode" role="radiogroup" aria-label="An edit applies">
          <label title="Recorded on the timeline at the current moment; a link replays it there">
            <input type="radio" name={name} checked={mode === "record"} onChange={() => setMode("record")} />
            From now on
          </label>
          <label title="Changes the starting scenario; nothing is recorded">
            <input type="radio" name={name} checked={mode === "whole"} onChange={() => setMode("whole")} />
            Whole run
          </label>
        </div>
      </div>
      {changes.length > 0 ? (
        <ol className="changes-list">
          {changes.map((c, i) => (
            <li key={`${c.atSec}-${c.key}-${i}`} data-at={c.atSec} data-key={c.key} data-value={String(c.value)}>
              <button type="button" className="change-at" onClick={() => seek(c.atSec)} title="Go to this moment">
                {formatClock(c.atSec)}
              </button>
              <span className="change-what">{describeChange(c)}</span>
              <button
                type="button"
                className="btn btn-ghost change-remove"
                onClick={() => remove(i)}
                aria-label={`Remove the change at ${formatClock(c.atSec)}: ${describeChange(c)}`}
              >
                Remove
              </button>
            </li>
          ))}
        </ol>
      ) : (
        <p className="changes-empty">
          {mode === "record"
            ? "None yet. Move a control while the run is past 0 s and the change is recorded here, and in the link."
            : "Edits now change the whole run from 0 s; nothing is recorded."}
        </p>
      )}
      {changes.some((c) => c.atSec >= durationSec) && (
        // A run played to its end, then edited "from now on": the change lands where nothing follows.
        <p className="changes-notice changes-end">
          <span>
            A change at {formatClock(durationSec)}, the end of the run, changes nothing you can see: go back to an
            earlier moment first, or choose Whole run.
          </span>
        </p>
      )}
      {notice && (
        <p className="changes-notice" role="status">
          <span>{notice}</span>
          <button type="button" className="btn btn-ghost" onClick={dismiss}>
            Dismiss
          </button>
        </p>
      )}
    </div>
  );
}
