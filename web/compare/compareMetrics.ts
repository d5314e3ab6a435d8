/**
 * What a comparison's charts show: one sample column each, drawn once per lane on the same axes
 * (or one small chart per lane on shared axes), with the limit that matters and the lanes' crashes.
 * Lanes are told apart by colour, by dash and by a letter at the end of each line.
 */
import type { SampleColumn } from "../../src-sim/engine/types";
import type { Scenario } from "../../src-sim/scenario/params";
import { headsForOom } from "../charts/chartSpecs";
import type { ColorVar } from "../charts/palette";
import { formatBytes, formatCount, formatDuration, formatRate } from "../format/numbers";

/** One comparison chart. */
export interface CompareMetric {
  id: string;
  title: string;
  /** Accessible name of the plot (the lanes and their crashes are appended). */
  ariaLabel: string;
  column: SampleColumn;
  format: (v: number) => string;
  /** Plot height, CSS px (overlay; small multiples take {@link MULTIPLE_HEIGHT_PX}). */
  height: number;
  /** A horizontal limit shared by every lane (the memory limit), kept in view when a lane heads for it. */
  limit?: (lanes: readonly Scenario[]) => { value: number; label: string; inView: boolean } | null;
  /** Whether the lanes' out-of-memory crashes are marked. */
  marksOom: boolean;
  /** Offers the linear/log toggle (the single run's queue scale, shared by these charts). */
  scalable?: boolean;
}

/** Plot height of one small multiple, CSS px. */
export const MULTIPLE_HEIGHT_PX = 90;

/** The charts of a comparison, top to bottom. */
export const COMPARE_METRICS: readonly CompareMetric[] = [
  {
    id: "queue",
    title: "Queue depth",
    ariaLabel: "Queue depth over time in events, one line per lane",
    column: "queued",
    format: formatCount,
    height: 160,
    marksOom: true,
    scalable: true,
  },
  {
    id: "memory",
    title: "Memory",
    ariaLabel: "Consumer memory over time in bytes, one line per lane, against the memory limit",
    column: "memoryBytes",
    format: formatBytes,
    height: 120,
    limit: (lanes) =>
      lanes.length === 0 ? null : { value: lanes[0].memory, label: "limit", inView: lanes.some((s) => headsForOom(s)) },
    marksOom: true,
    scalable: true,
  },
  {
    id: "latency",
    title: "p99 latency",
    ariaLabel: "99th-percentile latency of finished events over time in seconds, one line per lane",
    column: "latencyP99",
    format: formatDuration,
    height: 120,
    marksOom: false,
  },
  {
    id: "throughput",
    title: "Delivered throughput",
    ariaLabel: "Events consumed per second over time, one line per lane",
    column: "consumedRate",
    format: formatRate,
    height: 120,
    marksOom: false,
  },
];

/** How a lane is drawn: its colour, its dash and the dash's name (for the legend's words). */
export interface LaneStyle {
  color: ColorVar;
  dash: number[] | undefined;
  dashName: string;
}

/** The lanes' styles, in lane order: four colours apart in both themes, and four dashes. */
export const LANE_STYLES: readonly LaneStyle[] = [
  { color: "c-lane-a", dash: undefined, dashName: "solid" },
  { color: "c-lane-b", dash: [7, 3], dashName: "dashed" },
  { color: "c-lane-c", dash: [2, 2.5], dashName: "dotted" },
  { color: "c-lane-d", dash: [9, 3, 2, 3], dashName: "dash-dot" },
];
