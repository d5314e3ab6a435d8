/**
 * The pipeline page's stage editor (issue 14): the source's rate, arrivals and reaction to "stop",
 * and for each stage its queue strategy and that strategy's keys, as the codec lists them
 * (stageEdits.ts); add a stage (up to five) and remove one (down to one). Each edit goes to
 * `onEdit` as the pipeline its link reopens; what was repaired is said under the editor. Numbers
 * are typed in their unit ("60K", "500 MB", "250 ms") and taken on Enter or when the box loses
 * the focus; Escape puts the value back.
 */
import { UNIT_TEXT } from "../components/NumberControl";
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { encodeScenario } from "../../src-sim/scenario/codec";
import { MAX_STAGES, stageName, stageScenario, type Pipeline } from "../../src-sim/scenario/pipeline";
import type { Param, ParamKey } from "../../src-sim/scenario/params";
import { formatParamValue } from "../format/paramFormat";
import { formatTyped } from "../format/parse";
import {
  addStage,
  editorLabel,
  MIN_STAGES,
  removeStage,
  setSourceValue,
  setStageStrategy,
  setStageValue,
  sourceCanBeStopped,
  sourceFields,
  stageFields,
  stageStrategyChoices,
  type EditResult,
} from "./stageEdits";

/** One key of the source or a stage: a typed number in its unit, or a select of its names. */
function Field({
  param,
  value,
  label,
  onCommit,
}: {
  param: Param;
  value: number | string;
  label: string;
  onCommit: (text: string) => void;
}) {
  const id = useId();
  const [draft, setDraft] = useState<string | null>(null);
  const describe = (
    <span id={`${id}-desc`} className="visually-hidden">
      {param.description}
    </span>
  );
  if (param.kind === "enum")
    return (
      <div className="pl-field">
        <label htmlFor={id}>{label}</label>
        <select
          id={id}
          value={String(value)}
          aria-describedby={`${id}-desc`}
          onChange={(e) => onCommit(e.target.value)}
        >
          {param.values.map((v) => (
            <option key={v} value={v}>
              {v}
            </option>
          ))}
        </select>
        {describe}
      </div>
    );
  const commit = () => {
    if (draft === null) return;
    setDraft(null);
    onCommit(draft);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") commit();
    else if (e.key === "Escape") setDraft(null);
  };
  return (
    <div className="pl-field">
      <label htmlFor={id}>{label}</label>
      <span className="pl-field-box">
        <input
          id={id}
          type="text"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          aria-describedby={`${id}-desc`}
          value={draft ?? formatTyped(value as number)}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={onKeyDown}
        />
        <span className="pl-field-unit" aria-hidden="true">
          {draft === null ? formatParamValue(param, value as number) : UNIT_TEXT[param.unit]}
        </span>
      </span>
      {describe}
    </div>
  );
}

/** The editor: a button that opens it, then the source's and each stage's controls. */
export function StageEditor({ pipeline, onEdit }: { pipeline: Pipeline; onEdit: (next: Pipeline) => void }) {
  const [open, setOpen] = useState(false);
  const [notes, setNotes] = useState<string[]>([]);
  // After a stage is added or removed its button may be gone or disabled: the focus moves to that
  // place's stage (its strategy), so a keyboard user stays where they were.
  const [focusStage, setFocusStage] = useState<number | null>(null);
  const panel = useRef<HTMLDivElement>(null);
  const panelId = useId();
  useEffect(() => {
    if (focusStage === null) return;
    panel.current?.querySelector<HTMLSelectElement>(`fieldset[data-stage="${focusStage + 1}"] select`)?.focus();
    setFocusStage(null);
  }, [focusStage, pipeline]);
  const apply = (r: EditResult) => {
    setNotes(r.notes);
    if (r.pipeline !== pipeline) onEdit(r.pipeline);
  };
  const n = pipeline.stages.length;
  const choices = stageStrategyChoices();
  const single = n === 1 ? `./?${encodeScenario(stageScenario(pipeline.shared, pipeline.stages[0]))}` : null;
  const stoppable = sourceCanBeStopped(pipeline);
  return (
    <section className="pl-section pl-editor" aria-labelledby="pl-editor-title">
      <div className="pl-editor-head">
        <h2 id="pl-editor-title">Stages</h2>
        <button
          type="button"
          className="btn"
          aria-expanded={open}
          aria-controls={panelId}
          onClick={() => setOpen(!open)}
        >
          {open ? "Close the editor" : "Edit the chain"}
        </button>
      </div>
      <div id={panelId} hidden={!open} ref={panel}>
        {open && (
          <>
            <p className="pl-note">
              An edit changes the whole run: the chain starts again at 0 s and is replayed to the moment shown, and the
              address follows. Type numbers in their unit (60K, 500 MB, 250 ms); Enter takes them.
            </p>
            <div className="pl-editor-grid">
              <fieldset className="pl-edit-card">
                <legend>Source</legend>
                {sourceFields(pipeline)
                  .filter((f) => f.param.key !== "onPause" || stoppable)
                  .map((f) => (
                    <Field
                      key={f.param.key}
                      param={f.param}
                      value={f.value}
                      label={editorLabel(f.param.key)}
                      onCommit={(text) => apply(setSourceValue(pipeline, f.param.key, text))}
                    />
                  ))}
              </fieldset>
              {pipeline.stages.map((stage, k) => (
                <fieldset key={k} className="pl-edit-card" data-stage={k + 1}>
                  <legend>{stageName(k)}</legend>
                  <StrategyField
                    value={stage.strategy}
                    choices={choices}
                    onCommit={(s) => apply(setStageStrategy(pipeline, k, s))}
                  />
                  {stageFields(pipeline, k).map((f) => (
                    <Field
                      key={`${stage.strategy}-${f.param.key}`}
                      param={f.param}
                      value={f.value}
                      label={editorLabel(f.param.key as ParamKey)}
                      onCommit={(text) => apply(setStageValue(pipeline, k, f.param.key, text))}
                    />
                  ))}
                  <button
                    type="button"
                    className="btn pl-edit-remove"
                    disabled={n <= MIN_STAGES}
                    onClick={() => {
                      apply(removeStage(pipeline, k));
                      setFocusStage(Math.min(k, n - 2));
                    }}
                  >
                    Remove {stageName(k)}
                  </button>
                </fieldset>
              ))}
            </div>
            <div className="pl-editor-foot">
              <button
                type="button"
                className="btn btn-primary"
                disabled={n >= MAX_STAGES}
                onClick={() => {
                  apply(addStage(pipeline));
                  if (n + 1 >= MAX_STAGES) setFocusStage(n);
                }}
              >
                Add a stage
              </button>
              <span className="pl-note">
                {n >= MAX_STAGES
                  ? `A pipeline has at most ${MAX_STAGES} stages.`
                  : `A copy of ${stageName(n - 1)} goes before the sink (${n} of ${MAX_STAGES}).`}
              </span>
            </div>
            {single && (
              <p className="pl-note">
                One stage is the playground&apos;s single run, bit for bit;{" "}
                <a href={single}>open it in the playground</a> for its theory card, event log and timeline of changes.
              </p>
            )}
          </>
        )}
        <div className="pl-edit-notes" role="status" aria-live="polite">
          {open && notes.length > 0 && (
            <ul>
              {notes.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}

/** A stage's queue strategy. */
function StrategyField({
  value,
  choices,
  onCommit,
}: {
  value: string;
  choices: Array<{ value: string; label: string }>;
  onCommit: (strategy: string) => void;
}) {
  const id = useId();
  return (
    <div className="pl-field">
      <label htmlFor={id}>Queue strategy</label>
      <select id={id} value={value} onChange={(e) => onCommit(e.target.value)}>
        {choices.map((c) => (
          <option key={c.value} value={c.value}>
            {c.label}
          </option>
        ))}
      </select>
    </div>
  );
}
