/**
 * Screenshots to look at, not to diff: the preset gallery, the bad-link banner, the export menu
 * and the embed view, at 1280x800 (desktop) and 390x844 (phone), light and dark. Saved under
 * e2e/screenshots/ (git-ignored).
 */
import { expect, test, type Page } from "@playwright/test";
import { SCREENSHOT_DIR, VIEWPORTS, open, simTime, watchConsole } from "./support";

async function atMoment(page: Page, timeSec: number) {
  await expect.poll(() => simTime(page)).toBeCloseTo(timeSec, 5);
}

for (const vp of VIEWPORTS) {
  for (const colorScheme of ["light", "dark"] as const) {
    const shot = (page: Page, what: string, fullPage = false) =>
      page.screenshot({ path: `${SCREENSHOT_DIR}/${what}-${vp.name}-${colorScheme}.png`, fullPage });

    test.describe(`${vp.name}, ${colorScheme}`, () => {
      test.beforeEach(async ({ page }) => {
        await page.setViewportSize({ width: vp.width, height: vp.height });
        await page.emulateMedia({ colorScheme });
      });

      test(`screenshot: the preset gallery (${vp.name}, ${colorScheme})`, async ({ page }) => {
        const errors = watchConsole(page);
        await open(page, "?strategy=watermark&t=30");
        await atMoment(page, 30);
        await page.getByRole("button", { name: "Presets", exact: true }).click();
        await expect(page.getByRole("heading", { name: "Presets", exact: true })).toBeFocused();
        await shot(page, "gallery");
        expect(errors).toEqual([]);
      });

      test(`screenshot: the bad-link banner (${vp.name}, ${colorScheme})`, async ({ page }) => {
        await open(page, "?v=99&producer=-5&strategy=lifo&colour=%3Cscript%3Ealert(1)%3C%2Fscript%3E&t=40");
        await atMoment(page, 40);
        await expect(page.getByRole("alert")).toBeVisible();
        await shot(page, "banner");
      });

      test(`screenshot: the export menu (${vp.name}, ${colorScheme})`, async ({ page }) => {
        await open(page, "?strategy=watermark&t=30");
        await atMoment(page, 30);
        await page.getByRole("button", { name: "Export", exact: true }).click();
        await expect(page.getByLabel("HTML to paste into your page")).toBeVisible();
        await shot(page, "export-menu");
      });

      test(`screenshot: the embed view (${vp.name}, ${colorScheme})`, async ({ page }) => {
        await open(page, "?strategy=watermark&signalDelay=0.05&t=60&embed=1&hide=memory");
        await atMoment(page, 60);
        await shot(page, "embed");
        await page.getByText("Parameters", { exact: true }).click();
        await shot(page, "embed-open", true);
      });
    });
  }
}

test("screenshot: Copy link's fallback field (desktop)", async ({ page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(Navigator.prototype, "clipboard", { get: () => undefined });
    document.execCommand = () => false;
  });
  await page.setViewportSize({ width: 1280, height: 800 });
  await open(page, "?t=60");
  await atMoment(page, 60);
  await page.getByRole("button", { name: "Copy link", exact: true }).click();
  await expect(page.getByLabel(/copy the link by hand/)).toBeFocused();
  await page.screenshot({ path: `${SCREENSHOT_DIR}/copy-fallback-desktop-light.png` });
});
