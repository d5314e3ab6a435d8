/**
 * Screenshots to look at, not to diff: the story at 1280x800 (desktop) and 390x844 (phone), in
 * light and dark, paused at a moment chosen by the link (t=), plus a watermark run with the
 * crosshair shown. Saved under e2e/screenshots/ (git-ignored).
 */
import { expect, test } from "@playwright/test";
import { SCREENSHOT_DIR, VIEWPORTS, open, simTime, watchConsole } from "./support";

for (const vp of VIEWPORTS) {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`screenshot: the story at 100 s, ${vp.name}, ${colorScheme}`, async ({ page }) => {
      const errors = watchConsole(page);
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await page.emulateMedia({ colorScheme });
      await open(page, "?t=100");
      await expect.poll(() => simTime(page)).toBeCloseTo(100, 5);
      await expect(page.getByLabel("Queue depth", { exact: true })).toHaveText("5.0M");
      await expect(page.locator("html")).toHaveAttribute("data-theme", colorScheme);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/story-${vp.name}-${colorScheme}.png` });
      await page.screenshot({ path: `${SCREENSHOT_DIR}/story-${vp.name}-${colorScheme}-full.png`, fullPage: true });
      expect(errors).toEqual([]);
    });
  }
}

test("screenshot: watermarks with the crosshair, desktop", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, "?strategy=watermark&signalDelay=0.05&t=60");
  await expect.poll(() => simTime(page)).toBeCloseTo(60, 5);
  const plot = page.getByRole("img", { name: /^Queue depth over time/ });
  // The mechanism view sits above the charts: bring the plot on screen before hovering it.
  await plot.scrollIntoViewIfNeeded();
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.2, box.y + box.height / 2);
  await expect(page.locator('[data-chart="queue"] .legend-time')).toHaveText(/^at /);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/watermark-desktop-light.png` });
});

test("screenshot: the event lane's hover details after the crash", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 1300 });
  await open(page, "?t=150&restart=10");
  await expect.poll(() => simTime(page)).toBeCloseTo(150, 5);
  const lane = page.getByRole("img", { name: /^Event lane/ });
  // The lane sits below the zoom bar and the change timeline: bring it into view first.
  await lane.scrollIntoViewIfNeeded();
  const box = (await lane.boundingBox())!;
  // The Consumer row (third), just right of the crash at 120 s of 180 s.
  const x = box.x + 56 + (box.width - 70) * (120.3 / 180);
  await page.mouse.move(x, box.y + 10 + 18 * 2 + 9);
  await expect(page.locator(".tooltip")).toContainText("Out of memory");
  await page.screenshot({
    path: `${SCREENSHOT_DIR}/event-lane-hover.png`,
    clip: { x: box.x - 20, y: box.y - 60, width: box.width + 40, height: box.height + 80 },
  });
});

/** The key moments of issue 10: each case paused at the moment that shows it. */
const MOMENTS = [
  { name: "story-125s", query: "?t=125", t: 125 },
  { name: "flapping", query: "?strategy=watermark&low=8000&t=30", t: 30 },
  { name: "tcp-slow-reader", query: "?strategy=tcp&consumer=1&duration=120&t=60", t: 60 },
  {
    name: "kafka-eviction",
    query: "?strategy=kafka&producer=20&consumer=10&maxPollInterval=30&duration=300&t=200",
    t: 200,
  },
] as const;

for (const m of MOMENTS) {
  for (const vp of VIEWPORTS) {
    for (const colorScheme of ["light", "dark"] as const) {
      test(`screenshot: ${m.name}, ${vp.name}, ${colorScheme}`, async ({ page }) => {
        const errors = watchConsole(page);
        await page.setViewportSize({ width: vp.width, height: vp.height });
        await page.emulateMedia({ colorScheme });
        await open(page, m.query);
        await expect.poll(() => simTime(page)).toBeCloseTo(m.t, 5);
        // Drawn: the queue legend shows the cards' sample.
        const sample = await page.locator("section.readouts").getAttribute("data-sample");
        await expect(page.locator('[data-chart="queue"] .legend')).toHaveAttribute("data-sample", sample!);
        await page.screenshot({ path: `${SCREENSHOT_DIR}/${m.name}-${vp.name}-${colorScheme}.png` });
        await page
          .locator(".charts")
          .screenshot({ path: `${SCREENSHOT_DIR}/${m.name}-${vp.name}-${colorScheme}-charts.png` });
        expect(errors).toEqual([]);
      });
    }
  }
}
