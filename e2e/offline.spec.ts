/**
 * Installable and offline (issue 12, item 11), checked the way Lighthouse would, locally:
 * the manifest is valid and its icons exist in the build at their stated sizes; the preview
 * tags point at a real 1200x630 image; the service worker caches a fresh build so the page
 * opens and runs offline; a new build is announced ("A new version is available") and Reload
 * switches to it, leaving no old cache behind. Served under a sub-path, as published.
 */
import { expect, test, type Page } from "@playwright/test";
import { SCREENSHOT_DIR, axeViolations, readout, simTime, waitForSimTime, watchConsole } from "./support";
import { serveDist, type StaticServer } from "./staticServer";

test.use({ serviceWorkers: "allow" });

let site: StaticServer;

test.beforeAll(async () => {
  site = await serveDist({ base: "/tools/backpressure/" });
});

test.afterAll(() => site.close());

/** Width and height of a PNG, from its IHDR chunk. */
function pngSize(bytes: Buffer): [number, number] {
  expect(bytes.subarray(1, 4).toString("ascii")).toBe("PNG");
  return [bytes.readUInt32BE(16), bytes.readUInt32BE(20)];
}

/** Waits until the service worker is active and this page is under its control. */
async function controlled(page: Page): Promise<void> {
  await page.evaluate(() => navigator.serviceWorker.ready);
  if (!(await page.evaluate(() => !!navigator.serviceWorker.controller))) {
    await page.reload();
    await expect.poll(() => page.evaluate(() => !!navigator.serviceWorker.controller)).toBe(true);
  }
}

test("the manifest is valid and installable: names, start URL and scope, display, colours, icons at their sizes", async ({
  page,
  request,
}) => {
  await page.goto(site.url);
  const href = await page.locator('link[rel="manifest"]').getAttribute("href");
  const manifestUrl = new URL(href!, site.url).href;
  expect(manifestUrl).toBe(`${site.url}manifest.webmanifest`);
  const response = await request.get(manifestUrl);
  expect(response.headers()["content-type"]).toContain("manifest+json");
  const manifest = await response.json();
  expect(manifest.name).toBe("Backpressure Playground");
  expect(manifest.short_name.length).toBeLessThanOrEqual(12);
  expect(new URL(manifest.start_url, manifestUrl).href).toBe(site.url);
  expect(new URL(manifest.scope, manifestUrl).href).toBe(site.url);
  expect(["standalone", "fullscreen", "minimal-ui"]).toContain(manifest.display);
  expect(manifest.theme_color).toMatch(/^#[0-9a-f]{6}$/i);
  expect(manifest.background_color).toMatch(/^#[0-9a-f]{6}$/i);
  const sizes: string[] = [];
  for (const icon of manifest.icons) {
    const r = await request.get(new URL(icon.src, manifestUrl).href);
    expect(r.status(), icon.src).toBe(200);
    expect(r.headers()["content-type"]).toBe(icon.type);
    if (icon.type === "image/png") {
      const [w, h] = pngSize(await r.body());
      expect(`${w}x${h}`).toBe(icon.sizes);
      sizes.push(`${icon.sizes}${icon.purpose ? ` ${icon.purpose}` : ""}`);
    }
  }
  // Installability needs a 192 and a 512 px icon; a maskable one fills Android's shapes.
  expect(sizes).toEqual(expect.arrayContaining(["192x192", "512x512", "512x512 maskable"]));
  // Icons and preview tags of the page itself.
  for (const selector of ['link[rel="icon"]', 'link[rel="apple-touch-icon"]']) {
    const src = await page.locator(selector).getAttribute("href");
    expect((await request.get(new URL(src!, site.url).href)).status(), selector).toBe(200);
  }
  const og = await page.locator('meta[property="og:image"]').getAttribute("content");
  expect(pngSize(await (await request.get(new URL(og!, site.url).href)).body())).toEqual([1200, 630]);
  await expect(page.locator('meta[name="twitter:card"]')).toHaveAttribute("content", "summary_large_image");
  for (const p of ["og:title", "og:description", "og:image:alt"]) {
    expect(await page.locator(`meta[property="${p}"]`).getAttribute("content")).toBeTruthy();
  }
});

test("offline after one visit: the page opens, the worker starts and the run plays", async ({ page, context }) => {
  const errors = watchConsole(page);
  await page.goto(`${site.url}?t=10`);
  await controlled(page);
  const cached = await page.evaluate(async () => {
    const keys = await caches.keys();
    const cache = await caches.open(keys[0]);
    return { keys, files: (await cache.keys()).map((r) => new URL(r.url).pathname) };
  });
  expect(cached.keys).toHaveLength(1);
  expect(cached.files).toEqual(expect.arrayContaining(["/tools/backpressure/index.html"]));
  expect(cached.files.some((f) => /\/assets\/worker-[\w-]+\.js$/.test(f))).toBe(true);

  await context.setOffline(true);
  await page.goto(`${site.url}?strategy=watermark&t=20`);
  await expect.poll(() => simTime(page)).toBeCloseTo(20, 5);
  await expect(readout(page, "Queue depth")).toBeVisible();
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await waitForSimTime(page, 21);
  await context.setOffline(false);
  expect(errors).toEqual([]);
});

test("a new build is announced; Reload switches to it and the old cache is gone", async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto(`${site.url}?t=5`);
  await controlled(page);
  const before = await page.evaluate(() => caches.keys());
  // A new deployment: same files, another version in sw.js (as any change to the build gives).
  const sw = (await (await page.request.get(`${site.url}sw.js`)).text()).replace(
    /\\"version\\":\\"(\w+)\\"/,
    '\\"version\\":\\"next-build\\"',
  );
  expect(sw).toContain("next-build");
  site.overrides.set("sw.js", sw);
  try {
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());
    const banner = page.getByRole("status").filter({ hasText: "A new version is available." });
    await expect(banner).toBeVisible();
    for (const colorScheme of ["light", "dark"] as const) {
      await page.emulateMedia({ colorScheme });
      for (const vp of [
        { name: "desktop", width: 1280, height: 800 },
        { name: "phone", width: 390, height: 844 },
      ]) {
        await page.setViewportSize(vp);
        await page.screenshot({ path: `${SCREENSHOT_DIR}/update-banner-${vp.name}-${colorScheme}.png` });
      }
      expect(await axeViolations(page)).toEqual([]);
    }
    await Promise.all([page.waitForEvent("load"), banner.getByRole("button", { name: "Reload" }).click()]);
    await expect(readout(page, "Queue depth")).toBeVisible();
    await expect(page.getByText("A new version is available.")).toHaveCount(0);
    await expect.poll(() => simTime(page)).toBeCloseTo(5, 5);
    expect(await page.evaluate(() => caches.keys())).toEqual(["bp-precache-next-build"]);
    expect(before).not.toContain("bp-precache-next-build");
  } finally {
    site.overrides.delete("sw.js");
  }
  expect(errors).toEqual([]);
});

test.describe("control", () => {
  test.use({ serviceWorkers: "block" });
  test("without the service worker the same offline visit fails", async ({ page, context }) => {
    await page.goto(`${site.url}?t=10`);
    await context.setOffline(true);
    await expect(page.goto(`${site.url}?strategy=watermark&t=20`)).rejects.toThrow(/ERR_INTERNET_DISCONNECTED/);
    await context.setOffline(false);
  });
});
