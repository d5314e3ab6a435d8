/**
 * Screenshots to look at, not to diff: TCP with Linux's receive autotuning (the default, reader
 * bound) and with SO_RCVBUF (window bound), desktop and phone, light and dark, paused at 15 s.
 * Saved under the screenshot folder (git-ignored).
 */
import { expect, test } from "@playwright/test";
import { SCREENSHOT_DIR, VIEWPORTS, open, simTime, watchConsole } from "./support";

const CASES = [
  { name: "tcp-default", query: "?strategy=tcp&duration=20&t=15", figure: "limited by the reader" },
  {
    name: "tcp-so-rcvbuf",
    query: "?strategy=tcp&duration=20&rcvBufAuto=off&t=15",
    figure: "limited by the receive window",
  },
] as const;

for (const c of CASES) {
  for (const vp of VIEWPORTS) {
    for (const colorScheme of ["light", "dark"] as const) {
      test(`screenshot: ${c.name}, ${vp.name}, ${colorScheme}`, async ({ page }) => {
        test.setTimeout(90_000);
        const errors = watchConsole(page);
        await page.setViewportSize({ width: vp.width, height: vp.height });
        await page.emulateMedia({ colorScheme });
        await open(page, c.query);
        await expect.poll(() => simTime(page), { timeout: 60_000 }).toBeCloseTo(15, 5);
        await expect(page.locator(".explainer")).toContainText(c.figure);
        await expect(page.locator(".explainer")).toContainText("What this model leaves out");
        await page.screenshot({ path: `${SCREENSHOT_DIR}/${c.name}-${vp.name}-${colorScheme}.png` });
        await page.screenshot({
          path: `${SCREENSHOT_DIR}/${c.name}-${vp.name}-${colorScheme}-full.png`,
          fullPage: true,
        });
        await page.locator(".explainer").screenshot({
          path: `${SCREENSHOT_DIR}/${c.name}-${vp.name}-${colorScheme}-explainer.png`,
        });
        expect(errors).toEqual([]);
      });
    }
  }
}
