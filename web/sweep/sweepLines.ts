/**
 * The lines of a sweep's charts: one per strategy, and per value of the variants' parameter when
 * the sweep has one, in the order the tasks run them; each with an id that matches its rows.
 */
import { PARAM_BY_KEY } from "../../src-sim/scenario/params";
import type { Strategy } from "../../src-sim/scenario/strategies";
import type { SweepRequest } from "../../src-sim/sweep/link";
import type { SweepRow } from "../../src-sim/sweep/run";
import { strategyLabel } from "./sweepFormat";

/** One line of a sweep's charts. */
export interface SweepLine {
  /** Matches {@link lineId} of its rows. */
  id: string;
  /** Legend text: the strategy, then the variant ("Unbounded queue, Service: exponential"). */
  label: string;
}

/** The id of the line a row belongs to. */
export function lineId(row: Pick<SweepRow, "strategy" | "variant">): string {
  return row.variant === null ? row.strategy : `${row.strategy}/${row.variant}`;
}

/** The lines of `request` (strategies empty: `ownStrategy`, the base scenario's). */
export function sweepLines(request: SweepRequest, ownStrategy: Strategy): SweepLine[] {
  const strategies = request.strategies.length > 0 ? request.strategies : [ownStrategy];
  const variants = request.variants;
  const lines: SweepLine[] = [];
  for (const strategy of strategies) {
    if (!variants) {
      lines.push({ id: strategy, label: strategyLabel(strategy) });
      continue;
    }
    const name = PARAM_BY_KEY[variants.key].label;
    for (const value of variants.values) {
      // With one strategy the variant alone tells the lines apart.
      const label = strategies.length === 1 ? `${name}: ${value}` : `${strategyLabel(strategy)}, ${name}: ${value}`;
      lines.push({ id: lineId({ strategy, variant: value }), label });
    }
  }
  return lines;
}
