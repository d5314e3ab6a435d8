/**
 * One numeric parameter: its label and human value, a slider (log where the table says so) and a
 * box to type an exact value ("100K", "6 GB", "250 ms" all work). The box is the accessible
 * control (a spinbutton whose arrow keys move one slider notch); the slider is a pointer
 * shortcut kept out of the tab order, so each label names exactly one control.
 */
import { useId, useState, type KeyboardEvent } from "react";
import { clampParam } from "../../src-sim/scenario/codec";
import type { NumberParam } from "../../src-sim/scenario/params";
import { formatParamValue } from "../format/paramFormat";
import { formatTyped, parseHumanNumber } from "../format/parse";
import { useApp } from "./context";
import { SLIDER_STEPS, fromPosition, toPosition } from "./sliderScale";

/** Slider positions one arrow press moves (coarse enough to change a 2-digit value). */
const NOTCH = 5;

/** Units as printed after the box (the pipeline's stage editor prints them the same way). */
export const UNIT_TEXT: Record<NumberParam["unit"], string> = {
  "events/s": "events/s",
  "bytes": "bytes",
  "bits/s": "bits/s",
  "events": "events",
  "s": "s",
  "-": "",
};

/** A slider plus a typed number for one parameter of the scenario table. */
export function NumberControl({ param, slider = true }: { param: NumberParam; slider?: boolean }) {
  const value = useApp((s) => s.scenario[param.key] as number);
  const setParam = useApp((s) => s.setParam);
  const [draft, setDraft] = useState<string | null>(null);
  const id = useId();
  const human = formatParamValue(param, value);
  const position = toPosition(param, value);

  const commit = () => {
    if (draft === null) return;
    const typed = parseHumanNumber(draft, param.unit);
    setDraft(null);
    if (Number.isFinite(typed)) setParam(param.key, clampParam(param, typed));
  };
  const nudge = (notches: number) => {
    setDraft(null);
    setParam(param.key, fromPosition(param, Math.min(SLIDER_STEPS, Math.max(0, position + notches * NOTCH))));
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter") commit();
    else if (e.key === "Escape") setDraft(null);
    else if (e.key === "ArrowUp" || e.key === "ArrowDown") {
      e.preventDefault();
      nudge((e.key === "ArrowUp" ? 1 : -1) * (e.shiftKey ? 10 : 1));
    } else return;
    // Keys the box handled must not reach the page's shortcuts.
    e.stopPropagation();
  };

  return (
    <div className="param" title={param.description}>
      <div className="param-head">
        <label htmlFor={id}>{param.label}</label>
        <span className="param-human" aria-hidden="true">
          {human}
        </span>
      </div>
      <div className="param-inputs">
        {slider && (
          <input
            type="range"
            className="param-slider"
            min={0}
            max={SLIDER_STEPS}
            step={NOTCH}
            value={position}
            tabIndex={-1}
            aria-hidden="true"
            onChange={(e) => setParam(param.key, fromPosition(param, Number(e.target.value)))}
          />
        )}
        <input
          id={id}
          type="text"
          role="spinbutton"
          inputMode="decimal"
          autoComplete="off"
          spellCheck={false}
          className="param-box"
          aria-valuemin={param.min}
          aria-valuemax={param.max}
          aria-valuenow={value}
          aria-valuetext={human}
          aria-describedby={`${id}-desc`}
          value={draft ?? formatTyped(value)}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={onKeyDown}
        />
        <span className="param-unit" aria-hidden="true">
          {UNIT_TEXT[param.unit]}
        </span>
      </div>
      <p id={`${id}-desc`} className="visually-hidden">
        {param.description}
      </p>
    </div>
  );
}
