/**
 * Screenshots to look at, not to diff (issue 9): the change timeline, and each preset over time,
 * at desktop (1280x800) and phone (390x844) width, light and dark. Saved under e2e/screenshots/.
 */
import { expect, test } from "@playwright/test";
import { PRESETS } from "../src-sim/scenario/presets";
import { SCREENSHOT_DIR, VIEWPORTS, open, simTime, watchConsole } from "./support";

/** Each preset over time, at a moment that shows its lesson. */
const MOMENTS: Record<string, number> = {
  "burst-absorbed": 100,
  "burst-too-often": 120,
  "consumer-slowdown": 80,
  "scale-up": 150,
  "bigger-heap": 400,
};

for (const vp of VIEWPORTS) {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`screenshot: the change timeline, ${vp.name}, ${colorScheme}`, async ({ page }) => {
      const errors = watchConsole(page);
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await page.emulateMedia({ colorScheme });
      await open(page, "?duration=240&t=150&changes=40:consumer:40000;90:consumer:150000;120:strategy:drop-newest");
      await expect.poll(() => simTime(page)).toBeCloseTo(150, 5);
      await expect(page.locator(".change-mark")).toHaveCount(3);
      const transport = page.locator(".transport");
      await transport.scrollIntoViewIfNeeded();
      await transport.screenshot({ path: `${SCREENSHOT_DIR}/changes-${vp.name}-${colorScheme}.png` });
      await page.screenshot({ path: `${SCREENSHOT_DIR}/changes-${vp.name}-${colorScheme}-full.png`, fullPage: true });
      expect(errors).toEqual([]);
    });

    for (const preset of PRESETS.filter((p) => p.family === "timeline")) {
      test(`screenshot: preset ${preset.id}, ${vp.name}, ${colorScheme}`, async ({ page }) => {
        const errors = watchConsole(page);
        await page.setViewportSize({ width: vp.width, height: vp.height });
        await page.emulateMedia({ colorScheme });
        const t = MOMENTS[preset.id];
        await open(page, `?${preset.query}&t=${t}`);
        await expect.poll(() => simTime(page), { timeout: 20_000 }).toBeCloseTo(t, 5);
        await page.screenshot({ path: `${SCREENSHOT_DIR}/preset-${preset.id}-${vp.name}-${colorScheme}.png` });
        expect(errors).toEqual([]);
      });
    }
  }
}
