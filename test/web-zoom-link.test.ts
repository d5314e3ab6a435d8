/**
 * The zoom's link value (`zoom=FROM:TO`): precise enough to reopen the same window to within a
 * fraction of a pixel, without the microsecond digits a drag produces.
 */
import { describe, expect, it } from "vitest";
import { MIN_ZOOM_SEC, parseZoomValue, zoomValue } from "../web/runtime/zoomStore";

describe("zoomValue", () => {
  it("writes a dragged window with digits to a thousandth of its span, not to the microsecond", () => {
    expect(zoomValue({ fromSec: 29.512345678, toSec: 30.487654321 })).toBe("29.512:30.488");
    expect(zoomValue({ fromSec: 12.3456789, toSec: 97.6543219 })).toBe("12.3:97.7");
    expect(zoomValue({ fromSec: 5.0012345, toSec: 5.0112345 })).toBe("5.00123:5.01123");
  });

  it("reopens every window within a thousandth of its span, never empty or reversed", () => {
    for (const span of [MIN_ZOOM_SEC, 0.0037, 0.05, 0.9, 7.3, 61, 3600]) {
      for (const from of [0, 0.123456789, 29.987654321, 1234.56789]) {
        const w = { fromSec: from, toSec: from + span };
        const back = parseZoomValue(zoomValue(w))!;
        expect(back.toSec).toBeGreaterThan(back.fromSec);
        expect(Math.abs(back.fromSec - w.fromSec)).toBeLessThanOrEqual(span / 1000);
        expect(Math.abs(back.toSec - w.toSec)).toBeLessThanOrEqual(span / 1000);
      }
    }
  });
});
