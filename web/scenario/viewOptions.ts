/**
 * The link's view keys, which shape the page around the scenario rather than the run:
 *
 * - `embed=1`: the page inside someone else's (an iframe): the charts and Play only, without the
 *   header, the gallery, the export menu or the sidebar. The parameters that stay allowed are in a
 *   closed "Parameters" disclosure under the charts.
 * - `hide=workload,memory`: control groups to leave out (on the full page and in an embed);
 *   `hide=controls` leaves out every group.
 *
 * Like the scenario codec, parsing never throws: values it cannot use come back as warnings of
 * the same shape, for the same banner.
 */
import type { DecodeWarning } from "../../src-sim/scenario/codec";
import type { ParamGroup } from "../../src-sim/scenario/params";

/** Every control group, in the order the sidebar shows them. */
export const CONTROL_GROUPS: readonly ParamGroup[] = [
  "workload",
  "strategy",
  "tcp",
  "kafka",
  "reactive",
  "memory",
  "run",
];

/** The `hide=` word for every group at once. */
export const ALL_CONTROLS = "controls";

/** What the view keys ask of the page. */
export interface ViewOptions {
  /** Embedded: charts and Play only (see the file comment). */
  embed: boolean;
  /** Control groups not shown. */
  hidden: ReadonlySet<ParamGroup>;
}

/** The view keys understood, read from the link's raw values, plus what could not be used. */
export function parseViewOptions(view: Readonly<Record<string, string>>): {
  options: ViewOptions;
  warnings: DecodeWarning[];
} {
  const warnings: DecodeWarning[] = [];
  let embed = false;
  if (view.embed !== undefined) {
    const v = view.embed.trim().toLowerCase();
    if (v === "1" || v === "true" || v === "") embed = true;
    else if (v !== "0" && v !== "false") {
      warnings.push({
        key: "embed",
        given: view.embed.slice(0, 80),
        used: "0",
        message: `Embed: "${view.embed.slice(0, 80)}" is not 1 or 0; showing the full page.`,
      });
    }
  }
  const hidden = new Set<ParamGroup>();
  if (view.hide !== undefined) {
    const unknown: string[] = [];
    for (const word of view.hide
      .split(",")
      .map((w) => w.trim())
      .filter((w) => w !== "")) {
      if (word === ALL_CONTROLS) CONTROL_GROUPS.forEach((g) => hidden.add(g));
      else if ((CONTROL_GROUPS as readonly string[]).includes(word)) hidden.add(word as ParamGroup);
      else unknown.push(word.slice(0, 40));
    }
    if (unknown.length > 0) {
      warnings.push({
        key: "hide",
        given: unknown.join(","),
        used: [...hidden].join(",") || null,
        message: `Hide: ${unknown.map((w) => `"${w}"`).join(", ")} ${unknown.length === 1 ? "is not a group" : "are not groups"} of controls (${[...CONTROL_GROUPS, ALL_CONTROLS].join(", ")}); ignored.`,
      });
    }
  }
  return { options: { embed, hidden }, warnings };
}

/** The `hide=` value for a set of hidden groups ("" for none, "controls" for all). */
export function hideValue(hidden: ReadonlySet<ParamGroup>): string {
  if (CONTROL_GROUPS.every((g) => hidden.has(g))) return ALL_CONTROLS;
  return CONTROL_GROUPS.filter((g) => hidden.has(g)).join(",");
}

/** View keys of an embed link: `embed=1`, and `hide=` when some groups are left out. */
export function embedView(hidden: ReadonlySet<ParamGroup>): Record<string, string> {
  const hide = hideValue(hidden);
  return hide ? { embed: "1", hide } : { embed: "1" };
}

/** Escapes text for an HTML attribute value in double quotes. */
function attr(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/"/g, "&quot;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Height of the embed snippet's iframe, CSS px: the transport, the readouts and four charts. */
export const EMBED_HEIGHT_PX = 720;

/**
 * The HTML to paste into a page: an iframe of `url` (an embed link), full width, lazily loaded,
 * with a title for screen readers.
 */
export function embedSnippet(url: string, title: string, heightPx = EMBED_HEIGHT_PX): string {
  return `<iframe src="${attr(url)}" title="${attr(title)}" width="100%" height="${Math.round(heightPx)}" style="border:0;max-width:100%" loading="lazy"></iframe>`;
}
