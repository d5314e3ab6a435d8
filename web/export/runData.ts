/**
 * The current run as the shared export module (src-sim/export.ts) wants it: the page's sample
 * columns as a batch, its event log as events, and the source (the scenario's link at the
 * current moment). The page holds the samples from 0 up to the moment shown, so that is what an
 * export contains.
 */
import type { ScenarioChange } from "../../src-sim/scenario/changes";
import type { SampleBatch, SampleColumn, SimEvent } from "../../src-sim/engine/types";
import { SAMPLE_COLUMNS } from "../../src-sim/engine/types";
import type { ExportSource } from "../../src-sim/export";
import type { Scenario } from "../../src-sim/scenario/params";
import type { EventStore } from "../runtime/eventStore";
import type { SeriesStore } from "../runtime/seriesStore";
import { roundMoment, scenarioLink } from "../runtime/urlSync";

/** The stored samples as a batch (views of the store's columns; read before the next frame). */
export function seriesBatch(series: SeriesStore): SampleBatch {
  const columns = Object.fromEntries(SAMPLE_COLUMNS.map((c) => [c, series.column(c)])) as Record<
    SampleColumn,
    Float64Array
  >;
  return { start: 0, count: series.length, columns };
}

/** The stored events, in log order. */
export function loggedEvents(events: EventStore): SimEvent[] {
  const out: SimEvent[] = [];
  for (let i = 0; i < events.length; i++) {
    const e = events.get(i);
    out.push({ timeSec: e.timeSec, kind: e.kind, value: e.value });
  }
  return out;
}

/** Where an export comes from: the scenario's link (its start and changes) at `timeSec` (s). */
export function exportSource(
  location: Pick<Location, "origin" | "pathname">,
  scenario: Scenario,
  timeSec: number,
  sampleIntervalSec: number,
  changes: readonly ScenarioChange[] = [],
): ExportSource {
  return {
    url: scenarioLink(location, scenario, timeSec, {}, changes),
    scenario: { ...scenario, t: Math.min(scenario.duration, roundMoment(timeSec)) },
    changes: changes.map((c) => ({ ...c })),
    sampleIntervalSec,
  };
}
