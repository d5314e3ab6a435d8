/**
 * Every preset is a link that reopens exactly: open its URL at a moment a third of the way in,
 * note every parameter control and every readout, reload, and find the same. Replays are
 * deterministic for a seed, so "the same" is exact equality, Poisson presets included.
 */
import { expect, test, type Page } from "@playwright/test";
import { decodeScenario, encodeScenario } from "../src-sim/scenario/codec";
import { PRESETS } from "../src-sim/scenario/presets";
import { open, simTime, watchConsole } from "./support";

/** Every parameter control's value by its label, every readout's raw value, and the address. */
async function snapshot(page: Page) {
  const params = await page
    .locator(".param-panel")
    .locator("select, input[type=text]")
    .evaluateAll((els) =>
      els.map((el) => [(el as HTMLInputElement).labels?.[0]?.textContent ?? el.id, (el as HTMLInputElement).value]),
    );
  const readouts = await page
    .locator("output.readout-value")
    .evaluateAll((els) =>
      els.map((el) => [
        el.id && document.querySelector(`label[for="${el.id}"]`)?.textContent,
        el.getAttribute("data-value"),
      ]),
    );
  return {
    params: Object.fromEntries(params),
    readouts: Object.fromEntries(readouts),
    address: new URL(page.url()).search,
  };
}

for (const preset of PRESETS) {
  test(`preset ${preset.id}: its link, reloaded, shows the same scenario and readouts`, async ({ page }) => {
    const errors = watchConsole(page);
    const { scenario, changes } = decodeScenario(preset.query);
    const t = Math.round((scenario.duration / 3) * 10) / 10;
    await open(page, `?${preset.query}${preset.query ? "&" : ""}t=${t}`);
    await expect.poll(() => simTime(page)).toBeCloseTo(t, 5);
    await expect(page.getByLabel("Strategy", { exact: true })).toHaveValue(scenario.strategy);
    await expect(page.locator(`[data-preset="${preset.id}"]`)).toBeVisible();
    const available = (await page.locator(`a[data-preset="${preset.id}"]`).count()) > 0;
    if (available) await expect(page.locator('[aria-current="true"]')).toHaveAttribute("data-preset", preset.id);
    const before = await snapshot(page);
    // The address keeps the link, in the codec's canonical order (t sits among the core keys,
    // a timeline of changes after them).
    expect(before.address).toBe(`?${encodeScenario({ ...scenario, t }, {}, changes)}`);
    expect(before.readouts["Queue depth"]).not.toBeNull();

    await page.reload();
    await expect.poll(() => simTime(page)).toBeCloseTo(t, 5);
    await expect.poll(() => snapshot(page)).toEqual(before);
    expect(errors).toEqual([]);
  });
}
