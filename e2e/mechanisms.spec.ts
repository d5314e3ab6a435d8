/**
 * Each flow-control mechanism has its own chart and its own events on the page: open the preset
 * that teaches it at a moment where the lesson has happened, and find both.
 */
import { expect, test } from "@playwright/test";
import { presetById } from "../src-sim/scenario/presets";
import { open, simTime, watchConsole } from "./support";

const CASES = [
  {
    id: "tcp-slow-reader",
    t: 30,
    chart: /TCP receive window/,
    events: /Zero window.*Window probe|Window probe.*Zero window/,
  },
  {
    id: "kafka-eviction",
    t: 200,
    chart: /Kafka consumer lag over time, in records/,
    events: /Consumer evicted.*Rebalance/,
  },
  { id: "reactive-cold", t: 5, chart: /Reactive Streams outstanding demand/, events: /request\(n\)/ },
] as const;

for (const c of CASES) {
  test(`${c.id}: the mechanism's chart and its events are on the page`, async ({ page }) => {
    const errors = watchConsole(page);
    const preset = presetById(c.id)!;
    await open(page, `?${preset.query}&t=${c.t}`);
    await expect.poll(() => simTime(page)).toBeCloseTo(c.t, 5);
    await expect(page.getByRole("img", { name: c.chart })).toBeVisible();
    await expect(page.getByRole("img", { name: /Event lane/ })).toHaveAttribute("aria-label", c.events);
    // The other mechanisms' charts are not shown.
    for (const other of CASES.filter((o) => o.id !== c.id)) {
      await expect(page.getByRole("img", { name: other.chart })).toHaveCount(0);
    }
    expect(errors).toEqual([]);
  });
}
