/** A parameter whose value is one of a list of names: a labelled select. */
import { useId } from "react";
import type { EnumParam } from "../../src-sim/scenario/params";
import { useApp } from "./context";

/** Props of {@link EnumControl}. */
export interface EnumControlProps {
  param: EnumParam;
  /** Display names per value (the value itself when absent). */
  names?: Readonly<Record<string, string>>;
  /** Values shown but not selectable (mechanisms that have not landed). */
  unavailable?: ReadonlySet<string>;
}

/** A select for one enum parameter of the scenario table. */
export function EnumControl({ param, names, unavailable }: EnumControlProps) {
  const value = useApp((s) => s.scenario[param.key] as string);
  const setParam = useApp((s) => s.setParam);
  const id = useId();
  return (
    <div className="param param-enum" title={param.description}>
      <label htmlFor={id}>{param.label}</label>
      <select
        id={id}
        value={value}
        aria-describedby={`${id}-desc`}
        onChange={(e) => setParam(param.key, e.target.value)}
      >
        {param.values.map((v) => (
          <option key={v} value={v} disabled={unavailable?.has(v) && v !== value}>
            {(names?.[v] ?? v) + (unavailable?.has(v) ? " (coming soon)" : "")}
          </option>
        ))}
      </select>
      <p id={`${id}-desc`} className="visually-hidden">
        {param.description}
      </p>
    </div>
  );
}
