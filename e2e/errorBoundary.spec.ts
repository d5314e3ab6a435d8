/**
 * One broken view never blanks the page (issue 12, item 5), in the built page: the memory chart's
 * canvas is made to fail (its 2D context throws while drawing), as a broken canvas or a bug in
 * one renderer would. That chart shows a compact message with "Try again"; the other charts, the
 * readouts and the controls keep working; once the fault is gone, "Try again" brings it back.
 */
import { expect, test, type Page } from "@playwright/test";
import { SCREENSHOT_DIR, axeViolations, open, waitForSimTime } from "./support";

/** Makes every canvas draw inside the memory chart throw while window.__breakMemoryChart is set. */
async function breakMemoryChart(page: Page) {
  await page.addInitScript(() => {
    const w = window as unknown as { __breakMemoryChart: boolean };
    w.__breakMemoryChart = true;
    const proto = CanvasRenderingContext2D.prototype;
    const clearRect = proto.clearRect;
    proto.clearRect = function (this: CanvasRenderingContext2D, ...args: Parameters<typeof clearRect>) {
      if (w.__breakMemoryChart && this.canvas.closest('[data-chart="memory"]')) {
        throw new Error("The canvas could not be drawn on.");
      }
      return clearRect.apply(this, args);
    };
  });
}

const fallback = (page: Page) => page.getByRole("alert").filter({ hasText: "The memory chart could not be shown." });

test("a chart that fails to draw shows its message; everything else runs; Try again brings it back", async ({
  page,
}) => {
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(String(e)));
  await breakMemoryChart(page);
  await open(page, "?t=30");
  await expect(fallback(page)).toContainText("The canvas could not be drawn on.");
  await expect(page.locator('[data-chart="memory"]')).toHaveCount(0);
  await expect(page.locator('[data-chart="queue"]')).toBeVisible();
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await waitForSimTime(page, 31);
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  await page.evaluate(() => ((window as unknown as { __breakMemoryChart: boolean }).__breakMemoryChart = false));
  await fallback(page).getByRole("button", { name: "Try again" }).click();
  await expect(fallback(page)).toHaveCount(0);
  await expect(page.locator('[data-chart="memory"]')).toBeVisible();
  // Nothing escaped to the page as an uncaught error (React logs the caught one to the console).
  expect(pageErrors).toEqual([]);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the view's fallback passes axe and is screenshotted (${colorScheme})`, async ({ page }) => {
    await breakMemoryChart(page);
    await page.emulateMedia({ colorScheme });
    for (const vp of [
      { name: "desktop", width: 1280, height: 800 },
      { name: "phone", width: 390, height: 844 },
    ]) {
      await page.setViewportSize(vp);
      await open(page, "?t=30");
      await expect(fallback(page)).toBeVisible();
      await fallback(page).scrollIntoViewIfNeeded();
      await page.screenshot({ path: `${SCREENSHOT_DIR}/view-error-${vp.name}-${colorScheme}.png` });
    }
    expect(await axeViolations(page)).toEqual([]);
  });
}
