/**
 * The flow diagram (issue 15, item 1): the path from producer to consumer at the moment shown,
 * named for assistive technology by the same facts, and agreeing with the readout cards.
 */
import { expect, test, type Page } from "@playwright/test";
import { SCREENSHOT_DIR, axeViolations, open, readout, simTime, watchConsole } from "./support";

const flow = (page: Page) => page.getByRole("img", { name: /^Flow at/ });

test("the diagram names the producer and the consumer and agrees with the readouts at the moment shown", async ({
  page,
}) => {
  const errors = watchConsole(page);
  await open(page, "?t=60");
  await expect.poll(() => simTime(page)).toBeCloseTo(60, 5);
  const label = (await flow(page).getAttribute("aria-label")) ?? "";
  expect(label).toContain("Producer");
  expect(label).toContain("Consumer");
  const queueCard = (await readout(page, "Queue depth").textContent()) ?? "";
  await expect(flow(page).locator('[data-node="queue"] .flow-node-figure')).toHaveText(`${queueCard} events`);
  expect(label).toContain(`Queue ${queueCard} events`);
  await expect(flow(page).locator('[data-node="producer"] .flow-node-state')).toHaveText("running");
  await expect(flow(page).locator('[data-node="consumer"] .flow-node-figure')).toHaveText("50K/s");
  expect(errors).toEqual([]);
});

test("watermarks: the producer's state and the signal follow a seek", async ({ page }) => {
  const errors = watchConsole(page);
  await open(page, "?strategy=watermark&t=30");
  await expect.poll(() => simTime(page)).toBeCloseTo(30, 5);
  const label = (await flow(page).getAttribute("aria-label")) ?? "";
  expect(label).toContain("Backpressure signal (Watermarks)");
  const producerCard = (await readout(page, "Producer").textContent()) ?? "";
  await expect(flow(page).locator('[data-node="producer"] .flow-node-state')).toHaveText(producerCard);
  expect(errors).toEqual([]);
});

for (const [name, query] of [
  ["story", "?t=60"],
  ["watermark", "?strategy=watermark&t=30"],
  ["tcp", "?strategy=tcp&t=20"],
  ["kafka", "?strategy=kafka&t=60"],
  ["reactive", "?strategy=reactive&t=30"],
  ["buffer", "?strategy=watermark&onPause=buffer&t=60"],
] as const) {
  for (const colorScheme of ["light", "dark"] as const) {
    test(`screenshot and axe: the flow diagram, ${name}, ${colorScheme}`, async ({ page }) => {
      const errors = watchConsole(page);
      await page.emulateMedia({ colorScheme });
      for (const vp of [
        { id: "desktop", width: 1280, height: 800 },
        { id: "phone", width: 390, height: 844 },
      ]) {
        await page.setViewportSize({ width: vp.width, height: vp.height });
        await open(page, query);
        await expect(flow(page)).toBeVisible();
        await flow(page).screenshot({ path: `${SCREENSHOT_DIR}/flow-${name}-${vp.id}-${colorScheme}.png` });
      }
      expect(await axeViolations(page, ".flow")).toEqual([]);
      expect(errors).toEqual([]);
    });
  }
}
