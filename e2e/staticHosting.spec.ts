/**
 * The built folder works from any static host and from a sub-path: dist/ is served by a plain
 * file server (no rewrites, no SPA fallback) under /some/sub/path/, and the page, its assets and
 * the simulation worker all load from there. Any request outside the sub-path fails the test,
 * so an absolute asset URL cannot slip in.
 */
import { createReadStream, existsSync, statSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize } from "node:path";
import { expect, test } from "@playwright/test";
import { readout, readoutValue, simTime, watchConsole } from "./support";

const DIST = "dist";
const BASE = "/some/sub/path/";
const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript",
  ".css": "text/css",
  ".svg": "image/svg+xml",
  ".json": "application/json",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain",
};

let server: Server;
let origin = "";
const outside: string[] = [];

test.beforeAll(async () => {
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    if (!path.startsWith(BASE)) {
      outside.push(path);
      res.writeHead(404).end();
      return;
    }
    let file = normalize(join(DIST, path.slice(BASE.length)));
    if (!file.startsWith(DIST)) {
      res.writeHead(403).end();
      return;
    }
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, "index.html");
    if (!existsSync(file)) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

test("dist/ served under a sub-path: page, assets and worker load; links, presets and history stay there", async ({
  page,
}) => {
  const errors = watchConsole(page);
  const failed: string[] = [];
  page.on("response", (r) => {
    if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`);
  });
  await page.goto(`${origin}${BASE}?t=60`);
  // A readout at 60 s means the worker (a separate module file) loaded and ran.
  await expect.poll(() => simTime(page)).toBeCloseTo(60, 5);
  await expect(readout(page, "Queue depth")).toHaveText("3.0M");

  await page.getByRole("link", { name: "Bounded queue that blocks" }).click();
  await expect.poll(() => new URL(page.url()).pathname + new URL(page.url()).search).toBe(`${BASE}?strategy=block`);
  await page.reload();
  await expect(page.getByLabel("Strategy", { exact: true })).toHaveValue("block");
  await page.goBack();
  await expect(page.getByLabel("Strategy", { exact: true })).toHaveValue("unbounded");
  await expect.poll(() => readoutValue(page, "Queue depth")).toBe(3_000_000);

  const preset = await page.getByRole("link", { name: "Watermarks at 80% / 20%" }).getAttribute("href");
  expect(preset).toBe(`${BASE}?strategy=watermark`);
  expect(failed).toEqual([]);
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
});

test("the same folder opened as /some/sub/path/index.html works too", async ({ page }) => {
  const errors = watchConsole(page);
  await page.goto(`${origin}${BASE}index.html?strategy=watermark&t=30`);
  await expect.poll(() => simTime(page)).toBeCloseTo(30, 5);
  await expect(page.getByLabel("Strategy", { exact: true })).toHaveValue("watermark");
  expect(outside).toEqual([]);
  expect(errors).toEqual([]);
});
