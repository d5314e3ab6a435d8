/**
 * The Content-Security-Policy of the built site (issue 12, item 10): a meta tag in index.html
 * with no 'unsafe-inline' and no 'unsafe-eval', and the page's main flows run under it without
 * a single violation (collected from `securitypolicyviolation` events in every frame, and from
 * the console, where Chromium reports each refusal).
 */
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { open, simTime, waitForSimTime, watchConsole } from "./support";

/** The policy of dist/index.html, directive -> sources. */
function builtPolicy(): Map<string, string[]> {
  const html = readFileSync("dist/index.html", "utf8");
  const meta = html.match(/<meta\s+http-equiv="Content-Security-Policy"\s+content="([^"]*)"/i);
  expect(meta, "dist/index.html has a CSP meta tag").not.toBeNull();
  return new Map(
    meta![1]
      .split(";")
      .map((d) => d.trim().split(/\s+/))
      .filter((d) => d[0])
      .map(([name, ...sources]) => [name, sources]),
  );
}

test("the built page's CSP: strict, no unsafe-inline or unsafe-eval, nothing inline to allow", () => {
  const policy = builtPolicy();
  const all = [...policy.values()].flat();
  expect(all).not.toContain("'unsafe-inline'");
  expect(all).not.toContain("'unsafe-eval'");
  expect(all.filter((s) => s.startsWith("'unsafe-"))).toEqual([]);
  expect(policy.get("default-src")).toEqual(["'self'"]);
  expect(policy.get("script-src")).toEqual(["'self'"]);
  expect(policy.get("style-src")).toEqual(["'self'"]);
  expect(policy.get("worker-src")).toEqual(["'self'"]);
  expect(policy.get("object-src")).toEqual(["'none'"]);
  expect(policy.get("base-uri")).toEqual(["'none'"]);
  // frame-ancestors is ignored in a meta tag (and the embed must stay frameable).
  expect(policy.has("frame-ancestors")).toBe(false);
  const html = readFileSync("dist/index.html", "utf8");
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/i); // no inline script
  expect(html).not.toMatch(/<style\b/i);
  expect(html).not.toMatch(/\sstyle="/i);
  expect(html).not.toMatch(/\son[a-z]+="/i);
});

/** Records every CSP violation in every frame of the page. */
async function watchCsp(page: Page): Promise<() => Promise<string[]>> {
  await page.addInitScript(() => {
    const w = window as unknown as { __csp: string[] };
    w.__csp = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
  });
  return async () => {
    const out: string[] = [];
    for (const frame of page.frames()) {
      out.push(...(await frame.evaluate(() => (window as unknown as { __csp?: string[] }).__csp ?? [])));
    }
    return out;
  };
}

test("main flows raise no CSP violation: play, edit, theme, hover, presets, export, copy, embed", async ({ page }) => {
  test.setTimeout(60_000);
  const errors = watchConsole(page);
  const violations = await watchCsp(page);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"]);
  await open(page, "?strategy=watermark&t=10");
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await waitForSimTime(page, 12);
  await page.getByRole("button", { name: "Pause", exact: true }).click();
  await page.getByLabel("Strategy", { exact: true }).selectOption("block");
  await page.getByRole("button", { name: /^Theme:/ }).click();
  await page.getByRole("button", { name: "Log scale" }).click();
  const plot = page.getByRole("img", { name: /^Queue depth over time/ });
  const box = (await plot.boundingBox())!;
  await page.mouse.move(box.x + box.width / 3, box.y + box.height / 2);
  await page.getByRole("button", { name: "Copy link", exact: true }).click();
  await page.getByRole("button", { name: "Export", exact: true }).click();
  for (const name of ["Download CSV", "Download JSON", "Queue depth chart as SVG", "Latency chart as PNG"]) {
    const [file] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name }).click()]);
    expect(await file.failure()).toBeNull();
  }
  await page.keyboard.press("Escape");
  await page.getByRole("link", { name: "Bounded queue, drop newest" }).click();
  await expect.poll(() => simTime(page)).toBe(0);
  await page.goto("./?strategy=tcp&t=5&embed=1");
  await expect.poll(() => simTime(page)).toBeCloseTo(5, 5);
  await page.getByText("Parameters", { exact: true }).click();
  expect(await violations()).toEqual([]);
  expect(errors).toEqual([]);
});

test("control: the watcher does see a violation (an inline style attribute set as markup)", async ({ page }) => {
  const violations = await watchCsp(page);
  await open(page);
  await page.evaluate(() => {
    const div = document.createElement("div");
    div.setAttribute("style", "color: red");
    document.body.append(div);
  });
  await expect.poll(violations).toEqual([expect.stringMatching(/^style-src-attr /)]);
});
