/**
 * The guided tour's notes on a chart (web/story/chapters.ts, ChartNote): a dashed line at a
 * simulated time and a label under the top of the plot, "10 s: 500K" once the run has reached
 * that time (the value read from the samples as the legends read them), else the label alone.
 * Each is drawn as `<g class="note" data-time data-value>` so tests can read what is marked
 * where; labels that would run into the one before drop a row.
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
  /** Label row, 0 the first under the top of the plot. */
  row: number;
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

/** The notes inside [leftPx, rightPx], in time order, each on the first row its label fits. */
export function placeNotes(
  notes: readonly ChartNote[],
  series: SampleSource,
  xOf: (timeSec: number) => number,
  format: (v: number) => string,
  leftPx: number,
  rightPx: number,
): PlacedNote[] {
  const rowEnds: number[] = [];
  const out: PlacedNote[] = [];
  for (const note of [...notes].sort((a, b) => a.atSec - b.atSec)) {
    const x = Math.round(xOf(note.atSec)) + 0.5;
    if (x < leftPx || x > rightPx) continue;
    const value = noteValue(series, note);
    const text = noteText(note, value, format);
    const w = labelWidthPx(text);
    const anchor = x + GAP_PX + w <= rightPx ? "start" : "end";
    const left = anchor === "start" ? x + GAP_PX : x - GAP_PX - w;
    let row = rowEnds.findIndex((end) => left >= end + GAP_PX);
    if (row < 0) row = rowEnds.length;
    rowEnds[row] = left + w;
    out.push({ atSec: note.atSec, x, text, value, anchor, row });
  }
  return out;
}

/** Height of a label row, px. */
export const NOTE_ROW_PX = 14;

/** Replaces the notes in `<g class="notes">` of `svg`: lines over [topPx, bottomPx], labels from `labelTopPx`. */
export function renderNotes(
  svg: SVGSVGElement,
  notes: readonly PlacedNote[],
  palette: Palette,
  topPx: number,
  bottomPx: number,
  labelTopPx: number,
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
    .attr("y", (n) => labelTopPx + 24 + n.row * NOTE_ROW_PX)
    .attr("text-anchor", (n) => n.anchor)
    .attr("fill", palette["c-text"])
    .text((n) => n.text);
}

/** How the chart's accessible name lists the notes: "Tour marks: 10 s: 500K; 60 s." ("" for none). */
export function notesSummary(notes: readonly PlacedNote[]): string {
  return notes.length ? `Tour marks: ${notes.map((n) => n.text).join("; ")}.` : "";
}
