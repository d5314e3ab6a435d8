/** Reference line labels never hide one another (the flapping preset's HIGH = LOW). */
import { describe, expect, it } from "vitest";
import type { ReferenceLine } from "../web/charts/chartSpecs";
import { LABEL_LINE_PX, placeReferenceLabels } from "../web/charts/referenceLabels";
import { formatCount } from "../web/format/numbers";

const ref = (label: string, value: number): ReferenceLine => ({ label, value, color: "c-high", alwaysInView: true });
/** A 200 px plot from y = 10 (top, 12K) to y = 210 (bottom, 0). */
const y = (v: number) => 210 - (v / 12_000) * 200;

describe("placeReferenceLabels", () => {
  it("gives lines with the same value one label naming both: HIGH = LOW 8.0K", () => {
    const placed = placeReferenceLabels(
      [ref("capacity", 10_000), ref("HIGH", 8000), ref("LOW", 8000)],
      y,
      formatCount,
      10,
    );
    expect(placed.map((p) => p.text)).toEqual(["capacity 10K", "HIGH = LOW 8.0K"]);
  });

  it("puts a label above its line when there is room", () => {
    const [p] = placeReferenceLabels([ref("HIGH", 6000)], y, formatCount, 10);
    expect(p.y).toBe(Math.round(y(6000)) + 0.5 - 4);
  });

  it("moves a label that would overlap the one above it, so no two are closer than a line of text", () => {
    const placed = placeReferenceLabels(
      [ref("capacity", 10_000), ref("HIGH", 9_900), ref("LOW", 9_800), ref("OOM", 9_700)],
      y,
      formatCount,
      10,
    );
    expect(placed).toHaveLength(4);
    for (let i = 1; i < placed.length; i++) expect(placed[i].y - placed[i - 1].y).toBeGreaterThanOrEqual(LABEL_LINE_PX);
  });

  it("keeps a label of a line at the very top inside the plot", () => {
    const [p] = placeReferenceLabels([ref("limit", 12_000)], y, formatCount, 10);
    expect(p.y).toBeGreaterThanOrEqual(10 + 9);
  });
});
