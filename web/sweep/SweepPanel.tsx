/**
 * "Sweep a parameter": pick one numeric parameter, a range and a number of points, the
 * strategies to run at every point and the figures to plot; Run sweep runs every point in Web
 * Workers (one per core) while the live simulation stays as it is. The curves fill in as runs
 * finish, with a progress bar, a running count and Cancel; a point (or a row of the table) opens
 * that exact run; the results download as CSV; the sweep is part of the page's link.
 */
import { useCallback, useEffect, useId, useMemo, useState } from "react";
import { sameChanges } from "../../src-sim/scenario/changes";
import { clampParam } from "../../src-sim/scenario/codec";
import { PARAMS, PARAM_BY_KEY, type NumberParam, type ParamKey, type Scale } from "../../src-sim/scenario/params";
import { sameSimulation } from "../../src-sim/scenario/sameSimulation";
import { STRATEGIES, type Strategy } from "../../src-sim/scenario/strategies";
import { MAX_SWEEP_POINTS, parseSweep } from "../../src-sim/sweep/definition";
import { RUN_FIGURES, type FigureName } from "../../src-sim/sweep/figures";
import { DEFAULT_SWEEP_FIGURES, VARIANT_PARAMS, type SweepRequest } from "../../src-sim/sweep/link";
import { SWEEP_PRESETS } from "../../src-sim/sweep/presets";
import { sweepCsv, type SweepRow } from "../../src-sim/sweep/run";
import { useApp } from "../components/context";
import { downloadText } from "../export/download";
import { formatParamValue } from "../format/paramFormat";
import { formatTyped, parseHumanNumber } from "../format/parse";
import { useSweep, useSweepStore } from "./context";
import { SeriesSwatch, SweepChart } from "./SweepChart";
import { sweepLines, type SweepLine } from "./sweepLines";
import { formatFigure, formatSwept, strategyLabel } from "./sweepFormat";
import type { SweepStore } from "./sweepStore";

/** Keys that describe the run rather than the system: not offered for sweeping. */
const NOT_SWEPT: readonly string[] = ["seed", "t", "duration"];

/** Numeric parameters a sweep may vary, in the table's order. */
export const SWEEPABLE: readonly NumberParam[] = PARAMS.filter(
  (p): p is NumberParam => p.kind === "number" && !NOT_SWEPT.includes(p.key),
);

/** The form's fields, as typed. */
interface Draft {
  key: ParamKey;
  from: string;
  to: string;
  points: string;
  scale: Scale;
  strategies: Strategy[];
  figures: FigureName[];
  /** Lines by the values of this choice parameter too ("" for none), and the values ticked. */
  variantKey: string;
  variantValues: string[];
}

function draftOf(request: SweepRequest | null, strategy: Strategy): Draft {
  if (request === null) {
    return {
      key: "consumer",
      from: formatTyped(20_000),
      to: formatTyped(200_000),
      points: "20",
      scale: "linear",
      strategies: [strategy],
      figures: [...DEFAULT_SWEEP_FIGURES],
      variantKey: "",
      variantValues: [],
    };
  }
  const d = request.definition;
  return {
    key: d.key,
    from: formatTyped(d.from),
    to: formatTyped(d.to),
    points: String(d.points),
    scale: d.scale,
    strategies: request.strategies.length > 0 ? [...request.strategies] : [strategy],
    figures: [...request.figures],
    variantKey: request.variants?.key ?? "",
    variantValues: request.variants ? [...request.variants.values] : [],
  };
}

/** The request the form describes, or the sentence saying what to fix. */
function requestOf(draft: Draft): SweepRequest | { error: string } {
  const param = PARAM_BY_KEY[draft.key] as NumberParam;
  const from = parseHumanNumber(draft.from, param.unit);
  const to = parseHumanNumber(draft.to, param.unit);
  if (!Number.isFinite(from) || !Number.isFinite(to)) return { error: "From and To must be numbers." };
  const parsed = parseSweep(`${draft.key}=${from}:${to}:${draft.points.trim()}:${draft.scale}`);
  if ("error" in parsed) return { error: parsed.error.replace(/^--sweep[^:]*:\s*/, "") };
  if (draft.strategies.length === 0) return { error: "Pick at least one strategy." };
  if (draft.figures.length === 0) return { error: "Pick at least one figure to plot." };
  const strategies = STRATEGIES.filter((s) => draft.strategies.includes(s));
  const figures = RUN_FIGURES.map((f) => f.name).filter((f) => draft.figures.includes(f));
  const variantParam = VARIANT_PARAMS.find((p) => p.key === draft.variantKey);
  const variantValues = variantParam ? variantParam.values.filter((v) => draft.variantValues.includes(v)) : [];
  if (variantParam && variantValues.length === 0) return { error: `Pick at least one value of ${variantParam.label}.` };
  const variants = variantParam ? { key: variantParam.key, values: variantValues } : null;
  return { definition: parsed, strategies, figures, variants };
}

const toggle = <T,>(list: readonly T[], item: T): T[] =>
  list.includes(item) ? list.filter((x) => x !== item) : [...list, item];

/** The sweep section (nothing where the page has no sweep store, as in an embed). */
export function SweepPanel() {
  const store = useSweepStore();
  return store ? <SweepSection store={store} /> : null;
}

function SweepSection({ store }: { store: SweepStore }) {
  const id = useId();
  const request = useSweep(store, (s) => s.request);
  const status = useSweep(store, (s) => s.status);
  const rows = useSweep(store, (s) => s.rows);
  const total = useSweep(store, (s) => s.total);
  const message = useSweep(store, (s) => s.message);
  const sweptBase = useSweep(store, (s) => s.base);
  const scenario = useApp((s) => s.base);
  const changes = useApp((s) => s.changes);
  const available = useApp((s) => s.availableStrategies);
  const openScenario = useApp((s) => s.openScenario);
  const [draft, setDraft] = useState<Draft>(() => draftOf(request, scenario.strategy));
  const [formError, setFormError] = useState<string | null>(null);
  const [open, setOpen] = useState(request !== null);

  // A sweep from the link runs once the page is up (what its sharer saw).
  useEffect(() => {
    const s = store.getState();
    if (s.request !== null && s.status === "idle" && s.base === null) s.run(s.request, scenario, changes);
    // Only at mount: later runs are the user's.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const param = PARAM_BY_KEY[draft.key] as NumberParam;
  const stale =
    sweptBase !== null && (!sameSimulation(sweptBase.scenario, scenario) || !sameChanges(sweptBase.changes, changes));
  const shown = status === "idle" ? null : request;
  const ownStrategy = sweptBase?.scenario.strategy ?? scenario.strategy;
  const lines = useMemo(() => (shown ? sweepLines(shown, ownStrategy) : []), [shown, ownStrategy]);

  const start = () => {
    const r = requestOf(draft);
    if ("error" in r) {
      setFormError(r.error);
      return;
    }
    setFormError(null);
    store.getState().run(r, scenario, changes);
  };
  const openRow = useCallback(
    (row: SweepRow) => {
      if (!shown || !sweptBase) return;
      const next = { ...sweptBase.scenario, strategy: row.strategy, [shown.definition.key]: row.value };
      if (shown.variants && row.variant !== null) (next as Record<string, unknown>)[shown.variants.key] = row.variant;
      openScenario({ ...next, t: next.duration }, "push", [], sweptBase.changes);
      window.scrollTo({ top: 0 });
    },
    [shown, sweptBase, openScenario],
  );
  const download = () => {
    if (!shown || !sweptBase) return;
    const csv = sweepCsv(shown.definition, sweptBase.scenario, rows, shown.variants);
    downloadText(csv, `sweep-${shown.definition.key}.csv`, "text/csv");
  };
  const sweptLabel = shown ? PARAM_BY_KEY[shown.definition.key].label : "";
  const done = rows.length;

  return (
    <section className="sweep" aria-labelledby={`${id}-title`}>
      <details open={open} onToggle={(e) => setOpen((e.target as HTMLDetailsElement).open)}>
        <summary>
          <h2 id={`${id}-title`}>Sweep a parameter</h2>
          <span className="sweep-summary-hint">
            Run the scenario once per value of one parameter and plot what changes: p99 latency against load, losses
            against buffer size.
          </span>
        </summary>
        <nav className="sweep-presets" aria-label="Sweeps for decisions">
          <span className="sweep-presets-lead">Sweeps for decisions:</span>
          <ul>
            {SWEEP_PRESETS.map((p) => (
              <li key={p.id}>
                <a href={`?${p.query}`} title={p.lesson} data-preset={p.id}>
                  {p.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <form
          className="sweep-form"
          onSubmit={(e) => {
            e.preventDefault();
            start();
          }}
        >
          <div className="sweep-fields">
            <div className="sweep-field">
              <label htmlFor={`${id}-parameter`}>Parameter</label>
              <select
                id={`${id}-parameter`}
                value={draft.key}
                onChange={(e) => {
                  const next = PARAM_BY_KEY[e.target.value as ParamKey] as NumberParam;
                  const lo = next.scale === "log" && next.min === 0 ? (next.logFloor ?? 1) : next.min;
                  setDraft({
                    ...draft,
                    key: next.key,
                    from: formatTyped(clampParam(next, Math.max(lo, next.default / 4))),
                    to: formatTyped(clampParam(next, Math.max(next.default * 4, lo * 10))),
                    scale: next.scale === "log" ? "log" : "linear",
                  });
                }}
              >
                {SWEEPABLE.map((p) => (
                  <option key={p.key} value={p.key}>
                    {p.label}
                  </option>
                ))}
              </select>
            </div>
            <div className="sweep-field">
              <label htmlFor={`${id}-from`}>From</label>
              <input
                id={`${id}-from`}
                type="text"
                inputMode="decimal"
                value={draft.from}
                onChange={(e) => setDraft({ ...draft, from: e.target.value })}
                aria-describedby={`${id}-range`}
              />
            </div>
            <div className="sweep-field">
              <label htmlFor={`${id}-to`}>To</label>
              <input
                id={`${id}-to`}
                type="text"
                inputMode="decimal"
                value={draft.to}
                onChange={(e) => setDraft({ ...draft, to: e.target.value })}
                aria-describedby={`${id}-range`}
              />
            </div>
            <div className="sweep-field sweep-field-narrow">
              <label htmlFor={`${id}-points`}>Points</label>
              <input
                id={`${id}-points`}
                type="number"
                min={2}
                max={MAX_SWEEP_POINTS}
                value={draft.points}
                onChange={(e) => setDraft({ ...draft, points: e.target.value })}
              />
            </div>
            <div className="sweep-field">
              <label htmlFor={`${id}-spacing`}>Spacing</label>
              <select
                id={`${id}-spacing`}
                value={draft.scale}
                onChange={(e) => setDraft({ ...draft, scale: e.target.value as Scale })}
              >
                <option value="linear">Even (linear)</option>
                <option value="log">By a factor (log)</option>
              </select>
            </div>
          </div>
          <p className="sweep-range" id={`${id}-range`}>
            {param.label} goes from {formatParamValue(param, param.min)} to {formatParamValue(param, param.max)}; values
            outside are clamped. Up to {MAX_SWEEP_POINTS} points.
          </p>
          <fieldset className="sweep-choices">
            <legend>Strategies at every point</legend>
            {STRATEGIES.filter((s) => available.includes(s)).map((s) => (
              <label key={s} className="sweep-check">
                <input
                  type="checkbox"
                  checked={draft.strategies.includes(s)}
                  onChange={() => setDraft({ ...draft, strategies: toggle(draft.strategies, s) })}
                />
                {strategyLabel(s)}
              </label>
            ))}
          </fieldset>
          <fieldset className="sweep-choices">
            <legend>Lines also by</legend>
            <select
              id={`${id}-variant`}
              aria-label="Lines also by"
              className="sweep-select"
              value={draft.variantKey}
              onChange={(e) => {
                const p = VARIANT_PARAMS.find((x) => x.key === e.target.value);
                setDraft({ ...draft, variantKey: p?.key ?? "", variantValues: p ? [...p.values] : [] });
              }}
            >
              <option value="">Strategy only</option>
              {VARIANT_PARAMS.map((p) => (
                <option key={p.key} value={p.key}>
                  {p.label}
                </option>
              ))}
            </select>
            {VARIANT_PARAMS.find((p) => p.key === draft.variantKey)?.values.map((v) => (
              <label key={v} className="sweep-check">
                <input
                  type="checkbox"
                  checked={draft.variantValues.includes(v)}
                  onChange={() => setDraft({ ...draft, variantValues: toggle(draft.variantValues, v) })}
                />
                {v}
              </label>
            ))}
          </fieldset>
          <fieldset className="sweep-choices">
            <legend>Figures to plot</legend>
            {RUN_FIGURES.map((f) => (
              <label key={f.name} className="sweep-check" title={f.description}>
                <input
                  type="checkbox"
                  // "Plot ...": the readouts own the bare names ("p99 latency", "Dropped", "Lost").
                  aria-label={`Plot ${f.label}`}
                  checked={draft.figures.includes(f.name)}
                  onChange={() => setDraft({ ...draft, figures: toggle(draft.figures, f.name) })}
                />
                {f.label}
              </label>
            ))}
          </fieldset>
          <div className="sweep-actions">
            {status === "running" ? (
              // Distinct keys: the click that cancels must not land on a submit button React reused.
              <button key="cancel" type="button" className="btn" onClick={() => store.getState().cancel()}>
                Cancel sweep
              </button>
            ) : (
              <button key="run" type="submit" className="btn btn-primary">
                Run sweep
              </button>
            )}
            {status !== "idle" && (
              <>
                <progress
                  className="sweep-progress"
                  max={Math.max(1, total)}
                  value={done}
                  aria-label="Sweep progress"
                />
                <span className="sweep-count">
                  {done} of {total} runs
                </span>
              </>
            )}
            {shown && done > 0 && (
              <button type="button" className="btn" onClick={download}>
                Download CSV
              </button>
            )}
            {request !== null && status !== "running" && (
              <button type="button" className="btn btn-ghost" onClick={() => store.getState().clear()}>
                Clear sweep
              </button>
            )}
          </div>
          {formError && (
            <p className="sweep-error" role="alert">
              {formError}
            </p>
          )}
          <p className="visually-hidden" role="status" aria-live="polite">
            {status === "done"
              ? `Sweep finished: ${total} runs.`
              : status === "cancelled"
                ? `Sweep cancelled after ${done} of ${total} runs.`
                : status === "failed"
                  ? "The sweep stopped on an error."
                  : status === "running"
                    ? "Sweep running."
                    : ""}
          </p>
          {status === "failed" && message && (
            <p className="sweep-error" role="alert">
              {message}
            </p>
          )}
          {status === "cancelled" && (
            <p className="sweep-note">
              Cancelled after {done} of {total} runs; the points shown are complete runs. Run sweep starts it again.
            </p>
          )}
          {stale && status !== "running" && (
            <p className="sweep-note">
              These results are for the scenario as it was when the sweep ran; the scenario has changed since. Run sweep
              to redo them.
            </p>
          )}
        </form>
        {shown && sweptBase && (
          <SweepResults request={shown} rows={rows} lines={lines} sweptLabel={sweptLabel} onOpen={openRow} />
        )}
      </details>
    </section>
  );
}

function SweepResults({
  request,
  rows,
  lines,
  sweptLabel,
  onOpen,
}: {
  request: SweepRequest;
  rows: readonly SweepRow[];
  lines: readonly SweepLine[];
  sweptLabel: string;
  onOpen: (row: SweepRow) => void;
}) {
  const d = request.definition;
  const [tableOpen, setTableOpen] = useState(false);
  const byPoint = useMemo(() => {
    const points = new Map<number, SweepRow[]>();
    for (const r of rows) points.set(r.value, [...(points.get(r.value) ?? []), r]);
    return [...points.entries()].sort((a, b) => a[0] - b[0]);
  }, [rows]);
  return (
    <div className="sweep-results">
      <ul className="sweep-legend" aria-label="Lines">
        {lines.map((line, i) => (
          <li key={line.id}>
            <SeriesSwatch index={i} />
            {line.label}
          </li>
        ))}
      </ul>
      <div className="sweep-charts">
        {request.figures.map((f) => (
          <SweepChart
            key={f}
            figure={f}
            sweptKey={d.key}
            sweptLabel={sweptLabel}
            scale={d.scale}
            fromValue={d.from}
            toValue={d.to}
            lines={lines}
            rows={rows}
            onOpen={onOpen}
          />
        ))}
      </div>
      <details className="sweep-table-box" onToggle={(e) => setTableOpen((e.target as HTMLDetailsElement).open)}>
        <summary>Results as a table ({rows.length} runs)</summary>
        {/* Built only while open: hundreds of rows need not follow every batch of a running sweep. */}
        {tableOpen && (
          <div className="sweep-table-scroll">
            <table className="sweep-table">
              <thead>
                <tr>
                  <th scope="col">{sweptLabel}</th>
                  <th scope="col">Strategy</th>
                  {request.variants && <th scope="col">{PARAM_BY_KEY[request.variants.key].label}</th>}
                  {request.figures.map((f) => (
                    <th key={f} scope="col">
                      {RUN_FIGURES.find((x) => x.name === f)?.label}
                    </th>
                  ))}
                  <th scope="col">
                    <span className="visually-hidden">Open</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {byPoint.flatMap(([value, point]) =>
                  point.map((r) => (
                    <tr key={r.index}>
                      <td>{formatSwept(d.key, value)}</td>
                      <td>{strategyLabel(r.strategy)}</td>
                      {request.variants && <td>{r.variant}</td>}
                      {request.figures.map((f) => (
                        <td key={f}>{formatFigure(f, r.figures[f])}</td>
                      ))}
                      <td>
                        <button type="button" className="btn btn-ghost btn-small" onClick={() => onOpen(r)}>
                          Open run
                        </button>
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        )}
      </details>
    </div>
  );
}
