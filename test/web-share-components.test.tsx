// @vitest-environment happy-dom
/**
 * The sharing components rendered for real (React in happy-dom): the link-warnings banner shows
 * whatever a link holds as text, never as markup; the gallery lists every preset as a link,
 * greys out the mechanisms the worker lacks, and a plain click pushes a navigation.
 */
import { act } from "react";
import { createRoot, type Root } from "react-dom/client";
import { afterEach, describe, expect, it } from "vitest";
import { decodeScenario } from "../src-sim/scenario/codec";
import { DEFAULT_SCENARIO } from "../src-sim/scenario/params";
import { PIPELINE_PRESETS } from "../src-sim/scenario/pipelinePresets";
import { PRESETS } from "../src-sim/scenario/presets";
import { LinkWarnings } from "../web/components/Banners";
import { ChangeTimeline } from "../web/components/ChangeTimeline";
import { StoreContext } from "../web/components/context";
import { PresetGallery } from "../web/components/PresetGallery";
import { createAppStore, type AppStore } from "../web/store/appStore";
import type { SimCommands } from "../web/store/commands";

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

let root: Root | null = null;
let host: HTMLElement | null = null;

function render(store: AppStore, node: React.ReactNode): HTMLElement {
  host = document.createElement("div");
  document.body.append(host);
  root = createRoot(host);
  act(() => root!.render(<StoreContext.Provider value={store}>{node}</StoreContext.Provider>));
  return host;
}

afterEach(() => {
  act(() => root?.unmount());
  host?.remove();
  root = null;
});

function recorder() {
  const calls: Array<[string, unknown[]]> = [];
  const commands = new Proxy({} as SimCommands, {
    get:
      (_t, name: string) =>
      (...args: unknown[]) =>
        calls.push([name, args]),
  });
  return { commands, calls };
}

describe("LinkWarnings", () => {
  const evil = "<script>window.__pwned = 1</script><img src=x onerror=alert(1)>";

  it("lists each bad key with the value given and used, as text only", () => {
    const link = decodeScenario(`producer=-5&strategy=${encodeURIComponent(evil)}&${encodeURIComponent(evil)}=1`);
    const store = createAppStore({
      commands: recorder().commands,
      scenario: link.scenario,
      linkWarnings: link.warnings,
    });
    const el = render(store, <LinkWarnings />);
    const items = [...el.querySelectorAll("li")];
    expect(items.map((li) => li.dataset.key)).toEqual(["producer", "strategy", evil]);
    expect(items[0].dataset.used).toBe("1");
    expect(items[1].dataset.used).toBe("unbounded");
    expect(el.querySelectorAll("script, img")).toHaveLength(0);
    expect(el.textContent).toContain(evil);
    expect((window as { __pwned?: number }).__pwned).toBeUndefined();
  });

  it("says when a link comes from a newer schema", () => {
    const link = decodeScenario("v=99&producer=200000");
    const store = createAppStore({
      commands: recorder().commands,
      scenario: link.scenario,
      linkWarnings: link.warnings,
    });
    const el = render(store, <LinkWarnings />);
    expect(el.querySelector("[role=alert]")!.textContent).toContain("newer version of the playground (v=99)");
    expect(el.querySelectorAll("li")).toHaveLength(0);
  });

  it("renders nothing without warnings, and goes away when dismissed", () => {
    const store = createAppStore({
      commands: recorder().commands,
      scenario: DEFAULT_SCENARIO,
      linkWarnings: decodeScenario("x=1").warnings,
    });
    const el = render(store, <LinkWarnings />);
    expect(el.querySelector("[role=alert]")).not.toBeNull();
    act(() => el.querySelector("button")!.dispatchEvent(new MouseEvent("click", { bubbles: true })));
    expect(el.querySelector("[role=alert]")).toBeNull();
  });
});

describe("PresetGallery", () => {
  it("shows every preset as a link to its URL, grouped under family headings", () => {
    const store = createAppStore({ commands: recorder().commands, scenario: DEFAULT_SCENARIO });
    act(() =>
      store
        .getState()
        .setAvailableStrategies([
          "unbounded",
          "drop-newest",
          "drop-oldest",
          "block",
          "watermark",
          "tcp",
          "kafka",
          "reactive",
        ]),
    );
    const el = render(store, <PresetGallery />);
    const cards = [...el.querySelectorAll<HTMLAnchorElement>("a.preset-card:not(.is-pipeline)")];
    expect(cards.map((a) => a.dataset.preset)).toEqual(expect.arrayContaining(PRESETS.map((p) => p.id)));
    expect(cards).toHaveLength(PRESETS.length);
    const watermarks = cards.find((a) => a.dataset.preset === "watermarks")!;
    expect(new URL(watermarks.href, "https://h/app/").search).toBe("?strategy=watermark");
    expect([...el.querySelectorAll("h3")].map((h) => h.textContent)).toContain("Kafka");
    // The story is what is shown: marked current.
    expect(el.querySelector('[aria-current="true"]')?.getAttribute("data-preset")).toBe("story");
  });

  it("ends with the pipeline presets, each a plain link to its pipeline page", () => {
    const store = createAppStore({ commands: recorder().commands, scenario: DEFAULT_SCENARIO });
    const el = render(store, <PresetGallery />);
    const cards = [...el.querySelectorAll<HTMLAnchorElement>("a.preset-card.is-pipeline")];
    expect(cards.map((a) => a.dataset.preset)).toEqual(PIPELINE_PRESETS.map((p) => p.id));
    const cascade = cards.find((a) => /cascade/i.test(a.querySelector(".preset-title")!.textContent!))!;
    expect(new URL(cascade.href, "https://h/app/").search).toBe(
      `?${PIPELINE_PRESETS.find((p) => p.id === "pipeline-cascade")!.query}`,
    );
    expect(new URL(cascade.href, "https://h/app/").searchParams.get("stages")).toContain("block");
  });

  it("greys out presets whose mechanism the worker cannot run yet (no link)", () => {
    const store = createAppStore({ commands: recorder().commands, scenario: DEFAULT_SCENARIO });
    act(() =>
      store.getState().setAvailableStrategies(["unbounded", "drop-newest", "drop-oldest", "block", "watermark"]),
    );
    const el = render(store, <PresetGallery />);
    const tcp = el.querySelector('[data-preset="tcp-slow-reader"]')!;
    expect(tcp.tagName).toBe("DIV");
    expect(tcp.textContent).toContain("Coming soon");
    expect(el.querySelector('a[data-preset="watermarks"]')).not.toBeNull();
  });

  it("a plain click loads the preset as a pushed navigation", () => {
    const r = recorder();
    const store = createAppStore({ commands: r.commands, scenario: DEFAULT_SCENARIO });
    const el = render(store, <PresetGallery />);
    const block = el.querySelector<HTMLAnchorElement>('a[data-preset="block"]')!;
    act(() => block.dispatchEvent(new MouseEvent("click", { bubbles: true, cancelable: true, button: 0 })));
    expect(store.getState().scenario.strategy).toBe("block");
    expect(store.getState().navigation.kind).toBe("push");
    expect(r.calls.map((c) => c[0])).toEqual(["load"]);
    expect(el.querySelector('[aria-current="true"]')?.getAttribute("data-preset")).toBe("block");
  });

  it("a ctrl-click is left to the browser (a new tab), loading nothing here", () => {
    const r = recorder();
    const store = createAppStore({ commands: r.commands, scenario: DEFAULT_SCENARIO });
    const el = render(store, <PresetGallery />);
    const block = el.querySelector<HTMLAnchorElement>('a[data-preset="block"]')!;
    const click = new MouseEvent("click", { bubbles: true, cancelable: true, button: 0, ctrlKey: true });
    block.addEventListener("click", (e) => e.preventDefault()); // keep happy-dom from navigating
    act(() => block.dispatchEvent(click));
    expect(r.calls).toEqual([]);
    expect(store.getState().scenario.strategy).toBe("unbounded");
  });
});

describe("ChangeTimeline", () => {
  it("says so when a change was recorded at the end of the run, where it changes nothing shown", () => {
    const store = createAppStore({
      commands: recorder().commands,
      scenario: { ...DEFAULT_SCENARIO, duration: 600 },
      changes: [{ atSec: 600, key: "consumer", value: 100_000 }],
    });
    const el = render(store, <ChangeTimeline />);
    expect(el.querySelector(".changes-end")?.textContent).toMatch(/end of the run/);
    act(() => store.setState({ changes: [{ atSec: 200, key: "consumer", value: 100_000 }] }));
    expect(el.querySelector(".changes-end")).toBeNull();
  });
});
