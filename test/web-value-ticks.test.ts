/** Value-axis ticks never repeat a label, at any domain (web/charts/valueTicks.ts, timeAxis.ts). */
import { describe, expect, it } from "vitest";
import { LATENCY_CHART, MEMORY_CHART, QUEUE_CHART, TCP_CHART } from "../web/charts/chartSpecs";
import { valueScale, yTickValues } from "../web/charts/timeAxis";
import { binaryTicks, linearTicks, tickOptions } from "../web/charts/valueTicks";
import { linearDomain } from "../web/charts/yDomain";
import { formatBytes, formatDuration } from "../web/format/numbers";

const distinct = (labels: string[]) => new Set(labels).size === labels.length;

describe("linearTicks", () => {
  it("an empty memory chart reads 0 B, 1 B, not 1 B, 1 B, 0 B", () => {
    const ticks = linearTicks(0, 1, 4, tickOptions(MEMORY_CHART));
    expect(ticks.map(formatBytes)).toEqual(["0 B", "1 B"]);
  });

  it("a latency axis to 4 ms never says 2 ms twice", () => {
    const ticks = linearTicks(0, 0.004, 6, tickOptions(LATENCY_CHART));
    const labels = ticks.map(formatDuration);
    expect(distinct(labels)).toBe(true);
    expect(labels.length).toBeGreaterThanOrEqual(3);
  });

  it("a queue axis holds whole events only", () => {
    expect(linearTicks(0, 3, 6, tickOptions(QUEUE_CHART))).toEqual([0, 1, 2, 3]);
  });

  it.each([
    [MEMORY_CHART, [1, 3, 10, 47, 1000, 5e5, 6.5e9]],
    [LATENCY_CHART, [1e-3, 2e-3, 4.5e-3, 0.012, 0.3, 1.2, 60, 400]],
    [QUEUE_CHART, [1, 2, 5, 12, 99, 1200, 6.5e6]],
    [TCP_CHART, [1, 900, 3000, 70_000, 300_000, 5e6]],
  ])("%s: labels are distinct for every domain and height", (spec, tops) => {
    for (const top of tops) {
      for (const height of [80, 120, 180, 400]) {
        const domain = linearDomain(top, spec.minTop ?? 1);
        const y = valueScale("linear", domain, height);
        const ticks = yTickValues(y, "linear", height, tickOptions(spec));
        const labels = ticks.map(spec.format);
        expect(distinct(labels), `${spec.id} top ${top} height ${height}: ${labels.join(", ")}`).toBe(true);
        expect(ticks.length).toBeGreaterThanOrEqual(2);
      }
    }
  });
});

describe("binaryTicks", () => {
  it("ticks a TCP buffer axis on 64 KiB steps", () => {
    expect(binaryTicks(0, 300_000, 5)).toEqual([0, 65_536, 131_072, 196_608, 262_144]);
  });
  it("falls back to decimal ticks below 1 KiB", () => {
    expect(binaryTicks(0, 500, 5)).toEqual([0, 100, 200, 300, 400, 500]);
  });
});
