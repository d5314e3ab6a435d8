/**
 * The conservation laws of a pipeline run, checked by the pipeline tests at every sample
 * (SEMANTICS.md, Accounting).
 */
import { expect } from "vitest";
import type { Simulation } from "../../src-sim/engine/simulation";
import type { PipelineModel } from "../../src-sim/models/pipeline/model";

/**
 * The conservation laws of a pipeline run now, from its model. A Kafka hop keeps a backlog on the
 * broker, loses what retention deletes unread, and delivers again after a restart what the stage
 * after had processed (duplicates, at least once); a Reactive hop never has more emitted than
 * requested.
 */
export function checkConservation(sim: Simulation, model: PipelineModel): void {
  const s = sim.summary();
  const stages = model.stageSummaries();
  const scenarios = model.stageScenarios();
  const source = model.sourceSummary();
  let held = 0;
  let backlog = 0;
  let duplicates = 0;
  for (const st of stages) {
    held += st.queued + st.inService;
    if (st.hop?.kind === "tcp") backlog += st.hop.inTransit;
    if (st.hop?.kind === "kafka") {
      backlog += st.hop.backlog;
      duplicates += st.hop.duplicates;
    }
  }
  // End to end.
  expect(s.produced + duplicates).toBe(s.consumed + held + backlog + source.buffered + s.dropped + s.lost);
  // Into Stage 1: what the source emitted went to Stage 1, or was dropped, lost or buffered at the source.
  const first = stages[0].hop;
  const intoFirst =
    first?.kind === "kafka"
      ? first.appended
      : first?.kind === "tcp"
        ? stages[0].arrived + first.inTransit
        : stages[0].arrived;
  expect(s.produced).toBe(intoFirst + source.dropped + source.lost + source.buffered);
  for (const [k, st] of stages.entries()) {
    // At every hop: what arrived was passed on, is held, was dropped or was lost.
    expect(st.arrived).toBe(st.passed + st.queued + st.inService + st.dropped + st.lost);
    const hop = st.hop;
    if (hop?.kind === "kafka") {
      // The topic: appended = delivered for the first time + backlog on the broker + lost to retention.
      expect(hop.appended).toBe(st.arrived - hop.duplicates + hop.backlog + hop.retentionLost);
      expect(hop.lagRecords).toBe(hop.appended - hop.committed);
      if (k > 0) expect(hop.appended).toBe(stages[k - 1].passed);
      expect(st.maxQueued).toBeLessThanOrEqual(scenarios[k].maxPollRecords);
    } else if (hop?.kind === "reactive") {
      expect(hop.emitted).toBeLessThanOrEqual(hop.requested);
      expect(st.maxQueued).toBeLessThanOrEqual(scenarios[k].prefetch);
      if (k > 0) expect(hop.emitted).toBe(stages[k - 1].passed);
    } else if (hop?.kind === "tcp") {
      // The connection: what was written is in the receive buffer or beyond, or still in transit.
      if (k > 0) expect(st.arrived + hop.inTransit).toBe(stages[k - 1].passed);
      expect(hop.unacked).toBeGreaterThanOrEqual(0);
      expect(hop.sendBufferBytes).toBeLessThanOrEqual(Math.max(scenarios[k].sndBuf, scenarios[k].eventBytes));
      expect(st.maxQueued).toBeLessThanOrEqual(Math.max(1, Math.floor(scenarios[k].rcvBuf / scenarios[k].eventBytes)));
    } else if (k > 0) expect(st.arrived).toBe(stages[k - 1].passed);
    if (st.strategy !== "unbounded" && hop === undefined)
      expect(st.maxQueued).toBeLessThanOrEqual(scenarios[k].capacity);
  }
  expect(stages[stages.length - 1].passed).toBe(s.consumed);
}
