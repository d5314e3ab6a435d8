// @vitest-environment happy-dom
/**
 * The link-warnings banner stays small whatever a link holds (issue 12, item 7), and only a
 * real schema version reads as "from a newer version" (item 8).
 */
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import { MAX_KEY_WARNINGS, MAX_VIEW_VALUE, decodeScenario, SCHEMA_VERSION } from "../src-sim/scenario/codec";
import { LinkWarnings, MAX_BANNER_ITEMS } from "../web/components/Banners";
import { StoreContext } from "../web/components/context";
import { createAppStore } from "../web/store/appStore";
import type { SimCommands } from "../web/store/commands";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let host: HTMLElement | null = null;

afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  root = null;
});

function renderBanner(query: string): HTMLElement {
  const link = decodeScenario(query);
  const store = createAppStore({ commands: {} as SimCommands, scenario: link.scenario, linkWarnings: link.warnings });
  host = document.createElement("div");
  document.body.append(host);
  root = createRoot(host);
  act(() =>
    root!.render(
      <StoreContext.Provider value={store}>
        <LinkWarnings />
      </StoreContext.Provider>,
    ),
  );
  return host;
}

describe("link warnings are bounded", () => {
  const junk = Array.from({ length: 20_000 }, (_, i) => `junk${i}=${i}`).join("&");

  it("the codec names the first MAX_KEY_WARNINGS unknown keys and counts the rest in one warning", () => {
    const r = decodeScenario(`${junk}&producer=-5`);
    expect(r.warnings.length).toBeLessThanOrEqual(MAX_KEY_WARNINGS + 2);
    expect(r.warnings.some((w) => w.key === "producer")).toBe(true);
    const last = r.warnings[r.warnings.length - 1];
    expect(last.count).toBe(20_000 - MAX_KEY_WARNINGS);
    expect(last.message).toBe("19,960 more unknown or repeated settings were ignored.");
  });

  it("the banner lists MAX_BANNER_ITEMS lines and counts every other value", () => {
    const el = renderBanner(junk);
    const items = [...el.querySelectorAll("li")];
    expect(items).toHaveLength(MAX_BANNER_ITEMS + 1);
    expect(items[MAX_BANNER_ITEMS].textContent).toBe(
      `and ${(20_000 - MAX_BANNER_ITEMS).toLocaleString("en-US")} more values replaced or ignored`,
    );
  });

  it("a view value longer than MAX_VIEW_VALUE is not kept (so never copied into the address)", () => {
    const r = decodeScenario(`hide=${"workload,".repeat(1000)}&embed=1`);
    expect(r.view).toEqual({ embed: "1" });
    expect(r.warnings[0]).toMatchObject({ key: "hide", used: null });
    expect(r.warnings[0].message).toMatch(/9,000 characters is too long/);
    expect(decodeScenario(`hide=${"x".repeat(MAX_VIEW_VALUE)}`).view.hide).toHaveLength(MAX_VIEW_VALUE);
  });
});

describe("schema versions", () => {
  it("v=1e3 is reported as not a schema version, never as a newer one", () => {
    const r = decodeScenario("v=1e3");
    expect(r.version).toBe(SCHEMA_VERSION);
    expect(r.warnings[0].message).toMatch(/not a schema version/);
    const el = renderBanner("v=1e3");
    expect(el.textContent).not.toMatch(/newer/);
    expect(el.textContent).toMatch(/could not be used as given/);
  });

  it("v=99 leads the banner as a newer version", () => {
    const el = renderBanner("v=99&producer=-5");
    expect(el.querySelector("strong")!.textContent).toBe(
      "This link comes from a newer version of the playground (v=99).",
    );
    expect(el.querySelectorAll("li")).toHaveLength(1);
  });
});
