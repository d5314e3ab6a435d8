/**
 * Sandboxed embeds (issue 12, item 6): inside `<iframe sandbox="allow-scripts">` the page has an
 * opaque origin and may not start a worker (new Worker throws a SecurityError) nor use storage
 * or service workers. The page runs the simulation on its own thread instead, says so in a small
 * note, and shows its charts running with no error.
 *
 * The files are served as GitHub Pages serves them, with `Access-Control-Allow-Origin: *`: an
 * opaque-origin page loads even its own module scripts as cross-origin requests (README,
 * "Publishing").
 */
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { PIPELINE_PRESETS } from "../src-sim/scenario/pipelinePresets";
import { serveDist, type StaticServer } from "./staticServer";

const CASCADE = PIPELINE_PRESETS.find((p) => p.id === "pipeline-cascade")!.query;

/** A page of an embedding site that frames `query` in `<iframe sandbox="allow-scripts">`. */
const hostPage = (query: string) =>
  `<!doctype html><html lang="en"><title>A blog post</title><link rel="icon" href="data:,"><body>
   <iframe sandbox="allow-scripts" src="./?${query.replace(/&/g, "&amp;")}" title="Backpressure Playground"
     width="900" height="760"></iframe></body></html>`;

let site: StaticServer;

test.beforeAll(async () => {
  site = await serveDist({ base: "/some/sub/path/", headers: { "access-control-allow-origin": "*" } });
  site.pages.set(
    "host.html",
    `<!doctype html><html lang="en"><title>A blog post</title><link rel="icon" href="data:,"><body><header><h1>A blog post</h1></header>
     <iframe sandbox="allow-scripts" src="./?strategy=watermark&amp;t=20&amp;embed=1" title="Backpressure Playground"
       width="900" height="760"></iframe></body></html>`,
  );
  site.pages.set("compare.html", hostPage("lanes=unbounded;watermark&t=10"));
  site.pages.set("pipeline.html", hostPage(`${CASCADE}&t=12`));
});

test.afterAll(() => site.close());

test("in <iframe sandbox=allow-scripts> the embed runs on the page's thread: charts move, a note says so, no error", async ({
  page,
}) => {
  const errors: string[] = [];
  page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(`${site.url}host.html`);
  const frame = page.frameLocator("iframe");
  // Opened at t = 20 s: the replay ran without a worker.
  await expect(frame.locator(".clock")).toHaveAttribute("data-value", "20");
  await expect(frame.getByText(/Running without a worker/)).toBeVisible();
  await expect(frame.getByRole("img", { name: /^Queue depth over time/ })).toBeVisible();
  await expect(frame.getByLabel("Queue depth", { exact: true })).not.toHaveText("");
  // It plays: the simulated clock moves past where it opened.
  await frame.getByRole("button", { name: "Play", exact: true }).click();
  await expect
    .poll(async () => Number(await frame.locator(".clock").getAttribute("data-value")), { timeout: 15_000 })
    .toBeGreaterThan(21);
  await frame.getByRole("button", { name: "Pause", exact: true }).click();
  await expect(frame.getByRole("button", { name: "Play", exact: true })).toBeVisible();
  await expect(frame.locator(".banner-error")).toHaveCount(0);
  expect(errors).toEqual([]);
});

// The comparison's and the pipeline's runtimes are chunks of the worker's bundle, imported when
// first asked for: on the page's thread too (src-sim/worker/serve.ts).
for (const [name, file, t] of [
  ["a comparison", "compare.html", 10],
  ["a pipeline", "pipeline.html", 12],
] as const) {
  test(`${name} in <iframe sandbox=allow-scripts> loads its runtime on the page's thread and plays`, async ({
    page,
  }) => {
    const errors: string[] = [];
    page.on("console", (m) => m.type() === "error" && errors.push(m.text()));
    page.on("pageerror", (e) => errors.push(String(e)));
    await page.goto(`${site.url}${file}`);
    const frame = page.frameLocator("iframe");
    await expect(frame.locator(".clock")).toHaveAttribute("data-value", String(t), { timeout: 20_000 });
    await frame.getByRole("button", { name: "Play", exact: true }).click();
    await expect
      .poll(async () => Number(await frame.locator(".clock").getAttribute("data-value")), { timeout: 15_000 })
      .toBeGreaterThan(t + 0.5);
    await frame.getByRole("button", { name: "Pause", exact: true }).click();
    await expect(frame.locator(".banner-error, .pl-error")).toHaveCount(0);
    expect(errors).toEqual([]);
  });
}

for (const colorScheme of ["light", "dark"] as const) {
  test(`the sandboxed embed with its note passes axe (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await page.goto(`${site.url}host.html`);
    const frame = page.frameLocator("iframe");
    await expect(frame.getByText(/Running without a worker/)).toBeVisible();
    await expect(frame.locator(".clock")).toHaveAttribute("data-value", "20");
    // axe skips a frame that does not answer its ping within pingWaitTime (500 ms by default), as
    // a frame on a machine busy with other specs' workers may not: wait longer rather than pass
    // without having looked inside.
    const results = await new AxeBuilder({ page })
      .withTags(["wcag2a", "wcag2aa"])
      .options({ pingWaitTime: 10_000 })
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(" ")}`)).toEqual([]);
    // axe reached into the frame: its checks ran on the embed's own elements.
    expect(results.passes.some((r) => r.nodes.some((n) => n.target.length > 1))).toBe(true);
  });
}
