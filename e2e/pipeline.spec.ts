/**
 * The pipeline page (issue 14): a `stages=` link opens the chain on its own page. The cascade's
 * stall spreads upstream stage by stage, the unbounded hop runs out of memory, the link (with t=)
 * reloads to the same picture, axe passes in both themes, and screenshots to look at.
 */
import { expect, test, type Page } from "@playwright/test";
import { PIPELINE_PRESETS } from "../src-sim/scenario/pipelinePresets";
import { SCREENSHOT_DIR, VIEWPORTS, axeViolations, simTime, watchConsole } from "./support";

const CASCADE = PIPELINE_PRESETS.find((p) => p.id === "pipeline-cascade")!.query;
const UNBOUNDED = PIPELINE_PRESETS.find((p) => p.id === "pipeline-unbounded-hop")!.query;
const KAFKA = PIPELINE_PRESETS.find((p) => p.id === "pipeline-kafka-middle")!.query;

/** Opens a pipeline link and waits until the page shows the run at `t`. */
async function openPipeline(page: Page, query: string, t = 0): Promise<void> {
  await page.goto(`./?${query}${t > 0 ? `&t=${t}` : ""}`);
  await expect(page.getByRole("heading", { name: "The chain", exact: true })).toBeVisible();
  await expect.poll(() => simTime(page), { timeout: 20_000 }).toBeCloseTo(t, 6);
}

/** Moves the time slider to `t` and waits for the run to stand there. */
async function seek(page: Page, t: number): Promise<void> {
  await page.getByRole("slider", { name: "Time" }).fill(String(t));
  await expect.poll(() => simTime(page), { timeout: 20_000 }).toBeCloseTo(t, 6);
}

/** The states the diagram shows: the source's, then each stage's. */
async function states(page: Page): Promise<string[]> {
  return page
    .locator("[data-testid=chain] [data-status]")
    .evaluateAll((els) => els.map((e) => e.getAttribute("data-status")!));
}

test("the cascade: the blocked state spreads upstream stage by stage", async ({ page }) => {
  const errors = watchConsole(page);
  await openPipeline(page, CASCADE);
  await expect(page.getByRole("heading", { name: /The cascade/ })).toBeVisible();
  await seek(page, 5);
  expect(await states(page)).toEqual(["running", "running", "running", "running"]);
  // The preset's figures: Stage 3's queue is full at 10 s, Stage 1's... 10 s apart.
  await seek(page, 12);
  expect(await states(page)).toEqual(["running", "running", "blocked", "running"]);
  await seek(page, 22);
  expect(await states(page)).toEqual(["running", "blocked", "blocked", "running"]);
  await seek(page, 32);
  expect(await states(page)).toEqual(["blocked", "blocked", "blocked", "running"]);
  const chain = page.getByRole("img", { name: /The chain from the source to the sink/ });
  await expect(chain).toHaveAttribute(
    "aria-label",
    "The chain from the source to the sink: Source blocked, Stage 1 blocked, Stage 2 blocked, Stage 3 running.",
  );
  // The backpressure arrows: in front of each blocked node's successor, three of them.
  await expect(page.locator(".pl-hop.is-back")).toHaveCount(3);
  // Nothing is lost.
  await expect(page.locator('tr[data-stage] td[data-testid^="oom-"]')).toHaveText(["no", "no", "no"]);
  expect(errors).toEqual([]);
});

/** Pairs of the diagram's boxes and arrows that overlap on screen (by more than a pixel). */
async function overlaps(page: Page): Promise<string[]> {
  return page.locator("[data-testid=chain]").evaluate((chain) => {
    const parts = [...chain.querySelectorAll(".pl-node, .pl-hop")].map((e, i) => ({
      name: `${e.className.split(" ")[0]}#${i}`,
      r: e.getBoundingClientRect(),
    }));
    const out: string[] = [];
    for (let i = 0; i < parts.length; i++)
      for (let j = i + 1; j < parts.length; j++) {
        const a = parts[i].r;
        const b = parts[j].r;
        const x = Math.min(a.right, b.right) - Math.max(a.left, b.left);
        const y = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
        if (x > 1 && y > 1) out.push(`${parts[i].name} and ${parts[j].name}`);
      }
    return out;
  });
}

test("five blocked stages at desktop width: no box or arrow lies on another", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  const five =
    "duration=60&stages=block,consumer:80000,capacity:1000;block,consumer:70000,capacity:1000;" +
    "block,consumer:60000,capacity:1000;block,consumer:50000,capacity:1000;block,consumer:20000,capacity:1000";
  await openPipeline(page, five, 30);
  await expect(page.locator(".pl-hop.is-back")).toHaveCount(5);
  expect(await overlaps(page)).toEqual([]);
  await page.screenshot({ path: `${SCREENSHOT_DIR}/pipeline-five-blocked-desktop-light.png` });
});

test("the gallery's cascade card opens the pipeline page", async ({ page }) => {
  await page.goto("./");
  const card = page.locator("a.preset-card.is-pipeline", { hasText: /cascade/i }).first();
  await card.click();
  await expect(page.getByRole("heading", { name: "The chain", exact: true })).toBeVisible();
  await expect(page).toHaveURL(/stages=/);
  await expect(page.getByRole("link", { name: "Open the playground" })).toBeVisible();
});

test("the unbounded hop runs out of memory at 60 s; the stages after it starve", async ({ page }) => {
  await openPipeline(page, UNBOUNDED, 59);
  // Stage 3 holds Stage 2 back, and Stage 2's unbounded queue carries nothing further: Stage 1
  // and the source run free.
  expect(await states(page)).toEqual(["running", "running", "blocked", "running"]);
  await expect(page.getByTestId("oom-2")).toHaveText("no");
  // The box projects the crash from its memory growth: about a second away.
  await expect(page.getByTestId("oom-in-2")).toHaveText(/^Out of memory in (9\d\d ms|1\.\d s) at this growth$/);
  await expect(page.getByTestId("oom-in-1")).toHaveCount(0);
  await seek(page, 61);
  expect((await states(page))[2]).toBe("down");
  await expect(page.getByTestId("oom-2")).toHaveText(/^at 60\.\d s$/);
  await expect(page.getByTestId("oom-1")).toHaveText("no");
  await expect(page.getByRole("img", { name: /Stage 2 queue depth over time: .*down from 60\.\d s/ })).toBeVisible();
});

test("the pipeline link reloads to the same picture", async ({ page }) => {
  await openPipeline(page, CASCADE, 25);
  await expect(page).toHaveURL(/stages=/);
  await expect(page).toHaveURL(/[?&]t=25(&|$)/);
  const before = {
    chain: await page.getByTestId("chain").getAttribute("aria-label"),
    latency: await page.getByTestId("latency").textContent(),
    table: await page.locator(".pl-table").textContent(),
  };
  await page.reload();
  await expect.poll(() => simTime(page), { timeout: 20_000 }).toBeCloseTo(25, 6);
  await expect(page.getByTestId("chain")).toHaveAttribute("aria-label", before.chain!);
  await expect(page.getByTestId("latency")).toHaveText(before.latency!);
  await expect(page.locator(".pl-table")).toHaveText(before.table!);
  // Export CSV: each stage's samples up to the moment shown.
  const download = page.waitForEvent("download");
  await page.getByRole("button", { name: "Export CSV" }).click();
  expect((await download).suggestedFilename()).toBe("backpressure-pipeline-25s.csv");
  // The address follows a seek, and Copy link gives it.
  await seek(page, 33.4);
  await expect(page).toHaveURL(/[?&]t=33\.4(&|$)/);
});

test("Play runs the chain to the end; Reset goes back to 0", async ({ page }) => {
  const errors = watchConsole(page);
  await openPipeline(page, CASCADE);
  await page.getByLabel("Speed").selectOption("max");
  await page.getByRole("button", { name: "Play", exact: true }).click();
  await expect.poll(() => simTime(page), { timeout: 30_000 }).toBeCloseTo(60, 6);
  await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible();
  await expect(page).toHaveURL(/[?&]t=60(&|$)/);
  await page.getByRole("button", { name: "Reset", exact: true }).click();
  await expect.poll(() => simTime(page)).toBe(0);
  // At max the chain plays to its end between two looks at the button (Pause shows for a frame):
  // the keys below are checked at 1x.
  await page.getByLabel("Speed").selectOption("1");
  await page.getByRole("button", { name: "Step", exact: true }).click();
  await expect.poll(() => simTime(page)).toBeCloseTo(0.1, 6);
  // With the focus still on Step, the arrows step (as on the playground; Space would press Step).
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => simTime(page)).toBeCloseTo(0.2, 6);
  await page.keyboard.press("ArrowLeft");
  await expect.poll(() => simTime(page)).toBeCloseTo(0.1, 6);
  // The keys: the arrows step, Space plays and pauses.
  await page.locator("body").click({ position: { x: 5, y: 300 } });
  await page.keyboard.press("ArrowRight");
  await expect.poll(() => simTime(page)).toBeCloseTo(0.2, 6);
  await page.keyboard.press("ArrowLeft");
  await expect.poll(() => simTime(page)).toBeCloseTo(0.1, 6);
  await page.keyboard.press(" ");
  await expect(page.getByRole("button", { name: "Pause", exact: true })).toBeVisible();
  await page.keyboard.press(" ");
  await expect(page.getByRole("button", { name: "Play", exact: true })).toBeVisible();
  // The theme switch cycles system, light, dark.
  await page.getByRole("button", { name: "Theme: System" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
  await page.getByRole("button", { name: "Theme: Light" }).click();
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  expect(errors).toEqual([]);
});

test("a pipeline link with bad stages opens with the repairs named", async ({ page }) => {
  const errors = watchConsole(page);
  await openPipeline(page, "stages=udp;block,consumer:abc");
  // The playground's banner: each repair on a line of its own, keyed by the link's key.
  const banner = page.locator(".banner-warn");
  await expect(banner).toContainText("Stage 1");
  await expect(banner.locator("li[data-key=stages]")).not.toHaveCount(0);
  await expect(page.locator("[data-testid=chain] [data-stage]")).toHaveCount(2);
  expect(errors).toEqual([]);
});

for (const colorScheme of ["light", "dark"] as const) {
  test(`the pipeline page passes axe (${colorScheme})`, async ({ page }) => {
    await page.emulateMedia({ colorScheme });
    await openPipeline(page, UNBOUNDED, 62);
    expect(await axeViolations(page)).toEqual([]);
  });
}

for (const vp of VIEWPORTS) {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`screenshot: the cascade at 32 s, ${vp.name}, ${colorScheme}`, async ({ page }) => {
      await page.setViewportSize({ width: vp.width, height: vp.height });
      await page.emulateMedia({ colorScheme });
      await openPipeline(page, CASCADE, 32);
      await page.screenshot({ path: `${SCREENSHOT_DIR}/pipeline-cascade-${vp.name}-${colorScheme}.png` });
      await page.screenshot({
        path: `${SCREENSHOT_DIR}/pipeline-cascade-${vp.name}-${colorScheme}-full.png`,
        fullPage: true,
      });
      await openPipeline(page, UNBOUNDED, 62);
      await page.screenshot({
        path: `${SCREENSHOT_DIR}/pipeline-unbounded-${vp.name}-${colorScheme}-full.png`,
        fullPage: true,
      });
    });
  }
}

test("a Kafka topic in the middle: the hop is named with its lag on the broker, and nothing stalls", async ({
  page,
}) => {
  const errors = watchConsole(page);
  await openPipeline(page, KAFKA, 30);
  await expect(page.getByRole("heading", { name: /Kafka topic in the middle/ })).toBeVisible();
  expect(await states(page)).toEqual(["running", "running", "running", "running"]);
  const hop = page.getByTestId("hop-2");
  await expect(hop).toContainText("Kafka topic");
  await expect(hop).toContainText(/lag \d/);
  await expect(hop).toContainText("on the broker");
  await expect(page.locator(".pl-hop.is-back")).toHaveCount(0);
  await expect(page.getByRole("img", { name: /Stage 2 running \(after a Kafka topic: lag / })).toBeVisible();
  // Stage 2's chart draws the topic's lag, which grows the whole run (its own poll stays small):
  // at 30 s about 5K/s x 30 s unread, plus up to 5 s of reading not yet committed.
  const chart = page.getByRole("img", { name: /^Stage 2 topic lag over time: [\d.]+K records at 30\.0 s/ });
  await expect(chart).toBeVisible();
  const lag = Number((await chart.getAttribute("aria-label"))!.match(/: ([\d.]+)K records/)![1]) * 1000;
  expect(lag).toBeGreaterThan(145_000);
  expect(lag).toBeLessThan(230_000);
  expect(errors).toEqual([]);
});

for (const [vp, colorScheme] of [
  [VIEWPORTS[0], "light"],
  [VIEWPORTS[1], "dark"],
] as const) {
  test(`screenshot: the Kafka preset at 45 s, ${vp.name}, ${colorScheme}`, async ({ page }) => {
    await page.setViewportSize({ width: vp.width, height: vp.height });
    await page.emulateMedia({ colorScheme });
    await openPipeline(page, KAFKA, 45);
    await page.screenshot({ path: `${SCREENSHOT_DIR}/pipeline-kafka-${vp.name}-${colorScheme}.png` });
    await page.screenshot({
      path: `${SCREENSHOT_DIR}/pipeline-kafka-${vp.name}-${colorScheme}-full.png`,
      fullPage: true,
    });
  });
}
