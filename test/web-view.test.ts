/** The link's view keys (embed, hide) and the embed snippet (web/scenario/viewOptions.ts). */
import { describe, expect, it } from "vitest";
import { decodeScenario } from "../src-sim/scenario/codec";
import { CONTROL_GROUPS, embedSnippet, embedView, hideValue, parseViewOptions } from "../web/scenario/viewOptions";

const groups = (view: Record<string, string>) => [...parseViewOptions(view).options.hidden].sort();

describe("parseViewOptions", () => {
  it("no view keys: the full page, every group shown", () => {
    expect(parseViewOptions({})).toEqual({ options: { embed: false, hidden: new Set() }, warnings: [] });
  });

  it("embed=1 (or true, or a bare embed) embeds; embed=0 does not", () => {
    for (const v of ["1", "true", "", " TRUE "]) expect(parseViewOptions({ embed: v }).options.embed, v).toBe(true);
    for (const v of ["0", "false"]) expect(parseViewOptions({ embed: v }).options.embed, v).toBe(false);
  });

  it("embed=maybe shows the full page and says so", () => {
    const r = parseViewOptions({ embed: "maybe" });
    expect(r.options.embed).toBe(false);
    expect(r.warnings.map((w) => [w.key, w.given, w.used])).toEqual([["embed", "maybe", "0"]]);
  });

  it("hide=workload,memory hides those groups; hide=controls hides all", () => {
    expect(groups({ hide: "workload,memory" })).toEqual(["memory", "workload"]);
    expect(groups({ hide: "controls" })).toEqual([...CONTROL_GROUPS].sort());
    expect(groups({ hide: " run , ,strategy" })).toEqual(["run", "strategy"]);
  });

  it("hide= with unknown words keeps the known ones and names the rest", () => {
    const r = parseViewOptions({ hide: "memory,<b>x</b>,charts" });
    expect([...r.options.hidden]).toEqual(["memory"]);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0].key).toBe("hide");
    expect(r.warnings[0].message).toContain('"<b>x</b>", "charts" are not groups');
  });

  it("reads what the codec passes through", () => {
    const link = decodeScenario("?strategy=block&embed=1&hide=controls");
    expect(parseViewOptions(link.view).options.embed).toBe(true);
    expect(groups(link.view)).toEqual([...CONTROL_GROUPS].sort());
  });
});

describe("embed links", () => {
  it("hideValue lists hidden groups in sidebar order, or says controls for all", () => {
    expect(hideValue(new Set(["memory", "workload"]))).toBe("workload,memory");
    expect(hideValue(new Set(CONTROL_GROUPS))).toBe("controls");
    expect(hideValue(new Set())).toBe("");
  });

  it("embedView adds hide= only when something is hidden", () => {
    expect(embedView(new Set())).toEqual({ embed: "1" });
    expect(embedView(new Set(["memory"]))).toEqual({ embed: "1", hide: "memory" });
  });

  it("embedSnippet is an iframe of the link, escaped for HTML", () => {
    const html = embedSnippet('https://h/?a=1&embed=1&x="><script>', "Playground <1>");
    expect(html).toMatch(
      /^<iframe src="https:\/\/h\/\?a=1&amp;embed=1&amp;x=&quot;&gt;&lt;script&gt;" title="Playground &lt;1&gt;" /,
    );
    expect(html).toContain('width="100%"');
    expect(html).toContain('loading="lazy"');
    expect(html.endsWith("></iframe>")).toBe(true);
    expect(html).not.toContain("<script>");
  });
});
