/**
 * The guided tour's notes on a chart (web/story/chapters.ts, ChartNote): a dashed line at a
 * simulated time and a label under the top of the plot, "10 s: 500K" once the run has reached
 * that time (the value read from the samples as the legends read them), else the label alone.
 * Each is drawn as `<g class="note" data-time data-value>` so tests can read what is marked
 * where; a label that would run into an earlier one or into a limit's label ("OOM 6.0M") drops a
 * row.
 */
import { select } from "d3-selection";
import type { SampleColumn } from "../../src-sim/scenario/columns";
import { valueAt, type SampleSource } from "../runtime/moment";
import type { ChartNote } from "../story/chapters";
import { labelWidthPx } from "./momentMarks";
import type { Palette } from "./palette";

/** One note ready to draw. */
export interface PlacedNote {
  atSec: number;
  x: number;
  text: string;
  /** The value read at the note's time (NaN before the run gets there, or without a column). */
  value: number;
  anchor: "start" | "end";
  /** Baseline of the label, px. */
  y: number;
}

/** A rectangle already taken by other text on the chart, px. */
export interface TakenBox {
  left: number;
  right: number;
  top: number;
  bottom: number;
}

/** The box of a label of `text` with its baseline at `y`, anchored at `x` (11 px text). */
export function labelBox(text: string, x: number, y: number, anchor: "start" | "end"): TakenBox {
  const w = labelWidthPx(text);
  const left = anchor === "start" ? x : x - w;
  return { left, right: left + w, top: y - 10, bottom: y + 3 };
}

function overlaps(a: TakenBox, b: TakenBox): boolean {
  return a.left < b.right + GAP_PX && b.left < a.right + GAP_PX && a.top < b.bottom && b.top < a.bottom;
}

/** Air between a line and its label, px. */
const GAP_PX = 5;

/** The label of a note: "10 s: 500K" where the value is known, else "10 s". */
export function noteText(note: ChartNote, value: number, format: (v: number) => string): string {
  return Number.isFinite(value) ? `${note.label}: ${format(value)}` : note.label;
}

/** The value of a note's column at its time, NaN before the samples reach it. */
export function noteValue(series: SampleSource, note: ChartNote): number {
  if (!note.column) return NaN;
  const index = Math.round(note.atSec / series.sampleIntervalSec);
  return valueAt(series, note.column as SampleColumn, index);
}

/**
 * The notes inside [leftPx, rightPx], in time order, each on the first row (from `firstRowY`
 * down) where its label meets neither an earlier note's nor a box of `taken`.
 */
export function placeNotes(
  notes: readonly ChartNote[],
  series: SampleSource,
  xOf: (timeSec: number) => number,
  format: (v: number) => string,
  leftPx: number,
  rightPx: number,
  firstRowY = 0,
  taken: readonly TakenBox[] = [],
): PlacedNote[] {
  const boxes = [...taken];
  const out: PlacedNote[] = [];
  for (const note of [...notes].sort((a, b) => a.atSec - b.atSec)) {
    const x = Math.round(xOf(note.atSec)) + 0.5;
    if (x < leftPx || x > rightPx) continue;
    const value = noteValue(series, note);
    const text = noteText(note, value, format);
    const anchor = x + GAP_PX + labelWidthPx(text) <= rightPx ? "start" : "end";
    const at = anchor === "start" ? x + GAP_PX : x - GAP_PX;
    let y = firstRowY;
    // Bounded: each taken box can push a label down at most one row.
    for (let i = 0; i <= boxes.length; i++) {
      const box = labelBox(text, at, y, anchor);
      if (!boxes.some((b) => overlaps(box, b))) break;
      y += NOTE_ROW_PX;
    }
    boxes.push(labelBox(text, at, y, anchor));
    out.push({ atSec: note.atSec, x, text, value, anchor, y });
  }
  return out;
}

/** Height of a label row, px. */
export const NOTE_ROW_PX = 14;

/** Replaces the notes in `<g class="notes">` of `svg`: lines over [topPx, bottomPx]. */
export function renderNotes(
  svg: SVGSVGElement,
  notes: readonly PlacedNote[],
  palette: Palette,
  topPx: number,
  bottomPx: number,
): void {
  const g = select(svg).select<SVGGElement>("g.notes");
  const rows = g.selectAll<SVGGElement, PlacedNote>("g.note").data(notes);
  rows.exit().remove();
  const entered = rows.enter().append("g").attr("class", "note");
  entered.append("line").attr("stroke-dasharray", "3 3");
  entered.append("text");
  const all = entered.merge(rows);
  all
    .attr("data-time", (n) => String(n.atSec))
    .attr("data-value", (n) => (Number.isFinite(n.value) ? String(n.value) : ""))
    .attr("transform", (n) => `translate(${n.x},0)`);
  all.select("line").attr("y1", topPx).attr("y2", bottomPx).attr("stroke", palette["c-text"]);
  all
    .select("text")
    .attr("x", (n) => (n.anchor === "start" ? GAP_PX : -GAP_PX))
    .attr("y", (n) => n.y)
    .attr("text-anchor", (n) => n.anchor)
    .attr("fill", palette["c-text"])
    .text((n) => n.text);
}

/** How the chart's accessible name lists the notes: "Tour marks: 10 s: 500K; 60 s." ("" for none). */
export function notesSummary(notes: readonly PlacedNote[]): string {
  return notes.length ? `Tour marks: ${notes.map((n) => n.text).join("; ")}.` : "";
}
