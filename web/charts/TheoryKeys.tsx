/**
 * The keys of a chart's theory lines, in its head: one button per line with its short label and
 * a swatch of its colour; hovering or focusing it (Tab) shows the formula with the scenario's
 * numbers, which is also the button's description for screen readers. Nothing while the theory
 * lines are off or none applies.
 */
import { useId } from "react";
import { useApp } from "../components/context";
import type { TimeChartSpec } from "./chartSpecs";
import { theoryLines } from "./theoryLines";

/** The theory keys of one chart. */
export function TheoryKeys({ spec }: { spec: TimeChartSpec }) {
  const on = useApp((s) => s.theoryLines);
  const scenario = useApp((s) => s.scenario);
  const id = useId();
  if (!on) return null;
  const lines = theoryLines(spec.id, scenario);
  if (lines.length === 0) return null;
  return (
    <span className="theory-keys" data-chart={spec.id}>
      {lines.map((l, i) => (
        <span className="theory-key-wrap" key={l.id}>
          <button
            type="button"
            className="theory-key"
            data-id={l.id}
            aria-describedby={`${id}-${i}`}
            style={{ "--swatch": `var(--${l.color})` } as React.CSSProperties}
          >
            <i className="swatch dashed" aria-hidden="true" />
            {l.label}
          </button>
          <span role="tooltip" id={`${id}-${i}`} className="theory-tip">
            {l.formula}
          </span>
        </span>
      ))}
    </span>
  );
}

/** The "Theory lines" checkbox above the charts. */
export function TheoryToggle() {
  const on = useApp((s) => s.theoryLines);
  const set = useApp((s) => s.setTheoryLines);
  return (
    <label className="theory-toggle">
      <input type="checkbox" checked={on} onChange={(e) => set(e.target.checked)} />
      Theory lines
    </label>
  );
}
