/**
 * The data of the TCP and Kafka mechanism views (issue 15, item 2), from the model's own columns
 * over whole preset runs: the time-sequence graph keeps SND.UNA <= SND.NXT <= SND.UNA + window at
 * every sample, and the partition-log strip keeps log start <= committed <= position <= log end,
 * each figure the column's value at that sample.
 */
import { describe, expect, it } from "vitest";
import { createSimulation } from "../src-sim/models/index";
import type { SampleColumn } from "../src-sim/scenario/columns";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { PRESETS } from "../src-sim/scenario/presets";
import type { SampleSource } from "../web/runtime/moment";
import { kafkaStripAt, kafkaStripText } from "../web/explain/mechanisms/kafkaData";
import { tcpFactsAt, tcpFactsText, timeSequenceData } from "../web/explain/mechanisms/tcpData";

/** A whole run of `scenario` as the page's series store would hold it. */
function runOf(scenario: Scenario): SampleSource {
  const sim = createSimulation(scenario);
  sim.advanceTo(scenario.duration);
  const batch = sim.readSamples(0);
  return {
    length: batch.count,
    sampleIntervalSec: sim.sampleIntervalSec,
    column: (name: SampleColumn) => batch.columns[name],
  };
}

const presetsOf = (strategy: "tcp" | "kafka") =>
  PRESETS.filter((p) => p.params.strategy === strategy).map((p) => {
    expect(p.changes ?? []).toEqual([]);
    return { id: p.id, scenario: { ...DEFAULT_SCENARIO, ...p.params } as Scenario };
  });

describe("the TCP time-sequence graph's data", () => {
  const presets = presetsOf("tcp");
  it("covers the TCP presets", () => expect(presets.length).toBeGreaterThanOrEqual(4));

  for (const { id, scenario } of presets) {
    it(`${id}: SND.UNA <= SND.NXT <= SND.UNA + window at every sample, as the columns say`, () => {
      const run = runOf(scenario);
      const seq = timeSequenceData(run, 0, scenario.duration, Infinity);
      expect(seq.timeSec.length).toBe(run.length);
      const bad: number[] = [];
      for (let i = 0; i < seq.timeSec.length; i++) {
        if (!(seq.una[i] <= seq.nxt[i] && seq.nxt[i] <= seq.edge[i])) bad.push(seq.timeSec[i]);
      }
      expect(bad).toEqual([]);
      // The lines are the columns: SND.NXT moved, and the edge is SND.UNA + tcpWindowBytes.
      const last = run.length - 1;
      expect(seq.nxt[last]).toBe(run.column("tcpSndNxt")[last]);
      expect(seq.nxt[last]).toBeGreaterThan(0);
      expect(seq.edge[last]).toBe(run.column("tcpSndUna")[last] + run.column("tcpWindowBytes")[last]);
      // The facts at a moment read the same columns.
      const mid = Math.floor(run.length / 2);
      const facts = tcpFactsAt(run, mid)!;
      expect(facts.inFlightBytes).toBe(run.column("tcpInFlightBytes")[mid]);
      expect(facts.usableBytes).toBe(facts.edge - facts.nxt);
      expect(tcpFactsText(facts)).toContain("SND.UNA");
    });
  }
});

describe("the Kafka partition-log strip's data", () => {
  const presets = presetsOf("kafka");
  it("covers the Kafka presets", () => expect(presets.length).toBeGreaterThanOrEqual(4));

  for (const { id, scenario } of presets) {
    it(`${id}: log start <= committed <= position <= log end at every sample, each the column's value`, () => {
      const run = runOf(scenario);
      const bad: string[] = [];
      let batches = 0;
      for (let i = 0; i < run.length; i++) {
        const s = kafkaStripAt(run, scenario, i)!;
        expect(s).not.toBeNull();
        if (!(s.logStart <= s.committed && s.committed <= s.position && s.position <= s.logEnd)) {
          bad.push(`${s.timeSec}: ${s.logStart} ${s.committed} ${s.position} ${s.logEnd}`);
        }
        if (!(s.batchStart <= s.batchNext && s.batchNext <= s.batchEnd && s.batchEnd <= s.position)) {
          bad.push(`${s.timeSec}: batch ${s.batchStart} ${s.batchNext} ${s.batchEnd} past position ${s.position}`);
        }
        if (s.batchEnd > s.batchStart) batches++;
        if (
          s.logStart !== run.column("kafkaLogStart")[i] ||
          s.committed !== run.column("kafkaCommitted")[i] ||
          s.position !== run.column("kafkaPosition")[i] ||
          s.logEnd !== run.column("kafkaLogEnd")[i] ||
          s.lagRecords !== s.logEnd - s.committed
        ) {
          bad.push(`${s.timeSec}: not the columns`);
        }
      }
      expect(bad.slice(0, 5)).toEqual([]);
      if (scenario.handoff === "inline") expect(batches).toBeGreaterThan(0);
      const end = kafkaStripAt(run, scenario, run.length - 1)!;
      expect(end.logEnd).toBeGreaterThan(0);
      expect(kafkaStripText(end)).toContain(`log end`);
    });
  }
});
