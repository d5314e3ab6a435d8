/**
 * Renders the site's raster images into public/ with the test browser (Chromium through
 * Playwright), so they are made here, from sources in the repository, and can be made again:
 *
 * - the app icons (192 and 512 px, a maskable 512 px one and a 180 px Apple touch icon) from
 *   public/icons/icon.svg and icon-maskable.svg;
 * - with `--preview URL` (a running `vite preview` of a fresh build), the link preview image
 *   public/og-image.png: a real screenshot of the page, 1200x630, at a telling moment of the story.
 *
 * Usage: npx tsx scripts/renderImages.ts [--preview http://127.0.0.1:4173/]
 */
import { existsSync, readFileSync } from "node:fs";
import { chromium } from "@playwright/test";

const executablePath = process.env.CHROMIUM_PATH || (existsSync("/usr/bin/chromium") ? "/usr/bin/chromium" : undefined);

/** The raster icons: source SVG, output file, size in px. */
const ICONS: ReadonlyArray<[svg: string, png: string, sizePx: number]> = [
  ["public/icons/icon.svg", "public/icons/icon-192.png", 192],
  ["public/icons/icon.svg", "public/icons/icon-512.png", 512],
  ["public/icons/icon-maskable.svg", "public/icons/icon-maskable-512.png", 512],
  ["public/icons/icon-maskable.svg", "public/icons/apple-touch-icon.png", 180],
];

async function main(): Promise<void> {
  const previewAt = process.argv.indexOf("--preview");
  const preview = previewAt > 0 ? process.argv[previewAt + 1] : null;
  const browser = await chromium.launch({ executablePath, args: ["--disable-gpu"] });
  try {
    const page = await browser.newPage();
    for (const [svg, png, size] of ICONS) {
      await page.setViewportSize({ width: size, height: size });
      const src = `data:image/svg+xml;base64,${readFileSync(svg).toString("base64")}`;
      await page.setContent(
        `<style>html,body{margin:0;background:transparent}img{display:block}</style>` +
          `<img src="${src}" width="${size}" height="${size}">`,
      );
      await page.locator("img").evaluate((img: HTMLImageElement) => img.decode());
      await page.screenshot({ path: png, omitBackground: true, clip: { x: 0, y: 0, width: size, height: size } });
      console.log(`${png} (${size}x${size})`);
    }
    if (preview) {
      const shot = await browser.newPage({ viewport: { width: 1200, height: 630 }, colorScheme: "light" });
      await shot.goto(new URL("?t=110", preview).href);
      // Opened at t = 110 s the page replays to that moment and pauses there.
      await shot.locator(".clock").and(shot.locator('[data-value="110"]')).waitFor();
      await shot.screenshot({ path: "public/og-image.png" });
      console.log("public/og-image.png (1200x630)");
    }
  } finally {
    await browser.close();
  }
}

await main();
