/**
 * How sweep figures and swept values read on the page: in each figure's unit, short enough for
 * an axis tick and a table cell.
 */
import { PARAM_BY_KEY, type NumberParam, type ParamKey } from "../../src-sim/scenario/params";
import { STRATEGY_TABLE, type Strategy } from "../../src-sim/scenario/strategies";
import { RUN_FIGURES, type FigureName, type FigureSpec } from "../../src-sim/sweep/figures";
import { formatBytes, formatCount, formatDuration, formatRate } from "../format/numbers";
import { formatParamValue } from "../format/paramFormat";

/** A figure's row of the table in src-sim/sweep/figures.ts. */
export function figureSpec(name: FigureName): FigureSpec {
  return RUN_FIGURES.find((f) => f.name === name) as FigureSpec;
}

/** A figure's value in its unit ("none" where it does not exist, as a run without OOM). */
export function formatFigure(name: FigureName, value: number | null): string {
  if (value === null) return "none";
  switch (figureSpec(name).unit) {
    case "events/s":
      return formatRate(value);
    case "events":
      return formatCount(value);
    case "bytes":
      return formatBytes(value);
    case "s":
      return formatDuration(value);
    case "%":
      return `${value.toFixed(value < 10 ? 1 : 0)}%`;
    default:
      return formatCount(value);
  }
}

/** A swept parameter's value as its control shows it ("80K/s", "10K events"). */
export function formatSwept(key: ParamKey, value: number): string {
  return formatParamValue(PARAM_BY_KEY[key] as NumberParam, value);
}

/** A strategy's short name for legends. */
export function strategyLabel(strategy: Strategy): string {
  return STRATEGY_TABLE[strategy].label;
}
