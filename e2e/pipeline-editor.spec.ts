/**
 * The pipeline page's stage editor (issue 14): add a stage, change its strategy and rate, remove
 * one; every edit replays the chain to the moment shown and the link reopens the same chain and
 * picture; bad values are repaired with a note; axe passes with the editor open in both themes;
 * screenshots of the editor open at desktop and phone width to look at.
 */
import { expect, test, type Page } from "@playwright/test";
import { PIPELINE_PRESETS } from "../src-sim/scenario/pipelinePresets";
import { SCREENSHOT_DIR, VIEWPORTS, axeViolations, simTime, watchConsole } from "./support";

const CASCADE = PIPELINE_PRESETS.find((p) => p.id === "pipeline-cascade")!.query;

/** Opens a pipeline link at `t` and waits until the page shows the run there. */
async function openPipeline(page: Page, query: string, t = 0): Promise<void> {
  await page.goto(`./?${query}${t > 0 ? `&t=${t}` : ""}`);
  await expect(page.getByRole("heading", { name: "The chain", exact: true })).toBeVisible();
  await expect.poll(() => simTime(page), { timeout: 20_000 }).toBeCloseTo(t, 6);
}

/** The `stages` value of the address. */
function stagesOf(page: Page): string {
  return decodeURIComponent(new URL(page.url()).searchParams.get("stages") ?? "");
}

/** What the page shows of the run: the chain's states, the hops' table, the theory. */
async function picture(page: Page) {
  return {
    chain: await page.getByTestId("chain").getAttribute("aria-label"),
    table: await page.locator(".pl-table").textContent(),
    theory: await page.getByTestId("theory").textContent(),
  };
}

test("add a stage, change its strategy and rate, reload the link, remove a stage", async ({ page }) => {
  const errors = watchConsole(page);
  await openPipeline(page, CASCADE, 12);
  const edit = page.getByRole("button", { name: "Edit the chain" });
  await expect(edit).toHaveAttribute("aria-expanded", "false");
  await edit.click();
  await expect(page.getByRole("button", { name: "Close the editor" })).toHaveAttribute("aria-expanded", "true");

  await page.getByRole("button", { name: "Add a stage" }).click();
  await expect(page.locator("[data-testid=chain] [data-stage]")).toHaveCount(4);
  await expect
    .poll(() => stagesOf(page))
    .toBe("block,consumer:60000;block,consumer:55000;block,consumer:40000;block,consumer:40000");
  // The whole run changed: replayed to the moment shown.
  await expect.poll(() => simTime(page), { timeout: 20_000 }).toBeCloseTo(12, 6);

  const stage4 = page.getByRole("group", { name: "Stage 4" });
  await stage4.getByLabel("Queue strategy").selectOption({ label: "Bounded, drop newest" });
  await expect.poll(() => stagesOf(page)).toMatch(/;drop-newest,consumer:40000$/);
  const rate = stage4.getByLabel("Service rate");
  await rate.fill("30K");
  await rate.press("Enter");
  await expect.poll(() => stagesOf(page)).toMatch(/;drop-newest,consumer:30000$/);
  await expect(rate).toHaveValue("30,000");
  await expect.poll(() => simTime(page), { timeout: 20_000 }).toBeCloseTo(12, 6);
  // Stage 4 is now the bottleneck, and the theory says so.
  await expect(page.getByTestId("theory")).toContainText("bottleneck: Stage 4");
  await expect(page.getByTestId("theory-backlog")).toHaveText(
    "at the source: backpressure holds it to 40K/s of 50K/s; Stage 4: it drops 10K/s (40K/s in, 30K/s out)",
  );
  await expect(page).toHaveURL(/[?&]t=12(&|$)/);

  const before = await picture(page);
  await page.reload();
  await expect.poll(() => simTime(page), { timeout: 20_000 }).toBeCloseTo(12, 6);
  expect(await picture(page)).toEqual(before);
  await page.getByRole("button", { name: "Edit the chain" }).click();
  await expect(page.getByRole("group", { name: "Stage 4" }).getByLabel("Queue strategy")).toHaveValue("drop-newest");
  await expect(page.getByRole("group", { name: "Stage 4" }).getByLabel("Service rate")).toHaveValue("30,000");

  await page.getByRole("button", { name: "Remove Stage 2" }).click();
  await expect(page.locator("[data-testid=chain] [data-stage]")).toHaveCount(3);
  await expect.poll(() => stagesOf(page)).toBe("block,consumer:60000;block,consumer:40000;drop-newest,consumer:30000");
  await expect(page.getByRole("group", { name: "Stage 3" }).getByLabel("Queue strategy")).toHaveValue("drop-newest");
  expect(errors).toEqual([]);
});

test("bad values are repaired with a note, never a crash; the keyboard reaches every control", async ({ page }) => {
  const errors = watchConsole(page);
  await openPipeline(page, CASCADE);
  await page.getByRole("button", { name: "Edit the chain" }).focus();
  await page.keyboard.press("Enter");
  const stage1 = page.getByRole("group", { name: "Stage 1" });
  const rate = stage1.getByLabel("Service rate");
  await rate.fill("fast");
  await rate.press("Enter");
  await expect(page.getByRole("status").filter({ hasText: "kept the old value" })).toContainText(
    'Stage 1: "fast" is not a number for Service rate; kept the old value.',
  );
  await expect(rate).toHaveValue("60,000");
  await rate.fill("1e99");
  await rate.press("Tab");
  await expect(rate).toHaveValue("10,000,000");
  await expect(page.getByRole("status").filter({ hasText: "Stage 1:" })).toContainText("Stage 1:");
  // A watermark above the capacity is brought down to it, as the link would be.
  const stage2 = page.getByRole("group", { name: "Stage 2" });
  await stage2.getByLabel("Queue strategy").selectOption("watermark");
  const high = stage2.getByLabel("High watermark");
  await high.fill("500000");
  await high.press("Enter");
  await expect(high).toHaveValue("100,000");
  await expect(page.getByRole("status").filter({ hasText: "Stage 2:" })).toContainText("above the capacity");
  // The remaining stages down to one: then Remove is disabled and the single run is offered.
  await page.getByRole("button", { name: "Remove Stage 3" }).focus();
  await page.keyboard.press("Enter");
  // The removed stage's button is gone: the focus moves to the stage now in its place (the last).
  await expect(page.getByRole("group", { name: "Stage 2" }).getByLabel("Queue strategy")).toBeFocused();
  await page.getByRole("button", { name: "Remove Stage 2" }).click();
  await expect(page.getByRole("button", { name: "Remove Stage 1" })).toBeDisabled();
  await expect(page.getByRole("link", { name: "open it in the playground" })).toHaveAttribute(
    "href",
    /consumer=10000000/,
  );
  // Up to five stages: then Add is disabled.
  for (let i = 0; i < 4; i++) await page.getByRole("button", { name: "Add a stage" }).click();
  await expect(page.locator("[data-testid=chain] [data-stage]")).toHaveCount(5);
  await expect(page.getByRole("button", { name: "Add a stage" })).toBeDisabled();
  await expect(page.getByRole("group", { name: "Stage 5" }).getByLabel("Queue strategy")).toBeFocused();
  // The source's rate: typed in its unit.
  const source = page.getByRole("group", { name: "Source" });
  await source.getByLabel("Rate", { exact: true }).fill("20K");
  await source.getByLabel("Rate", { exact: true }).press("Enter");
  await expect.poll(() => new URL(page.url()).searchParams.get("producer")).toBe("20000");
  expect(errors).toEqual([]);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the editor passes axe (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openPipeline(page, CASCADE, 12);
    await page.getByRole("button", { name: "Edit the chain" }).click();
    await page.getByRole("group", { name: "Stage 2" }).getByLabel("Queue strategy").selectOption("watermark");
    await expect(page.getByRole("group", { name: "Stage 2" }).getByLabel("High watermark")).toBeVisible();
    expect(await axeViolations(page)).toEqual([]);
  });
}

for (const vp of VIEWPORTS) {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`screenshot: the editor open, ${vp.name}, ${colorScheme}`, async ({ page }) => {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await page.emulateMedia({ colorScheme });
      await openPipeline(page, PIPELINE_PRESETS.find((p) => p.id === "pipeline-unbounded-hop")!.query, 30);
      await page.getByRole("button", { name: "Edit the chain" }).click();
      const editor = page.locator(".pl-editor");
      await editor.scrollIntoViewIfNeeded();
      // Nothing wider than the screen: the cards wrap, the boxes shrink.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(vp.width);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/pipeline-editor-${vp.name}-${colorScheme}.png` });
      await page.screenshot({
        path: `${SCREENSHOT_DIR}/pipeline-editor-${vp.name}-${colorScheme}-full.png`,
        fullPage: true,
      });
    });
  }
}
