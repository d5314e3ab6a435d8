/**
 * Where the labels of a chart's reference lines go, so that none hides another: lines with the
 * same value share one label ("HIGH = LOW 8.0K"), and a label that would overlap the one above it
 * moves under its own line, or further down. Pure: the live chart and the SVG export use it.
 */
import type { ReferenceLine } from "./chartSpecs";

/** Height a label needs, px (11 px text and a little air). */
export const LABEL_LINE_PX = 13;
/** Gap between a line and its label's baseline when the label sits above it, px. */
const ABOVE_PX = 4;
/** Baseline offset of a label hung under its line, px. */
const BELOW_PX = 12;

/** One label to draw. */
export interface PlacedReferenceLabel {
  text: string;
  /** The line (the first of those sharing the value) whose colour the label takes. */
  ref: ReferenceLine;
  /** Baseline y, px. */
  y: number;
}

/**
 * Labels for `refs` on a y scale `yOf`: one per distinct value, named "A = B value" when several
 * lines share it, placed top to bottom without overlapping, none above `topPx` (the plot's top
 * edge plus one text height keeps the first label inside the plot).
 */
export function placeReferenceLabels(
  refs: readonly ReferenceLine[],
  yOf: (value: number) => number,
  format: (value: number) => string,
  topPx: number,
): PlacedReferenceLabel[] {
  const groups = new Map<number, ReferenceLine[]>();
  for (const r of refs) {
    const g = groups.get(r.value);
    if (g) g.push(r);
    else groups.set(r.value, [r]);
  }
  const rows = [...groups.entries()]
    .map(([value, lines]) => ({
      lineY: Math.round(yOf(value)) + 0.5,
      text: `${lines.map((l) => l.label).join(" = ")} ${format(value)}`,
      ref: lines[0],
    }))
    .sort((a, b) => a.lineY - b.lineY);
  const out: PlacedReferenceLabel[] = [];
  let prev = -Infinity;
  for (const row of rows) {
    const floor = Math.max(prev + LABEL_LINE_PX, topPx + LABEL_LINE_PX - ABOVE_PX);
    let y = row.lineY - ABOVE_PX;
    if (y < floor) y = Math.max(row.lineY + BELOW_PX, floor);
    out.push({ text: row.text, ref: row.ref, y });
    prev = y;
  }
  return out;
}
