/**
 * A sweep as part of a link: three view keys beside the scenario's own.
 *
 * - `sweep=KEY:FROM:TO:POINTS[:SCALE]`, for example `sweep=consumer:20000:200000:50:linear`
 *   (`KEY=FROM:...`, the command line's form, is read too);
 * - `sweepStrategies=unbounded,watermark,block`: the strategies run at every point (absent: the
 *   scenario's own);
 * - `sweepFigures=latencyP99,maxQueued`: the figures plotted (absent: p99 latency and max depth);
 * - `sweepLines=service:exponential,constant`: a line per value of one choice parameter as well
 *   as per strategy (absent: per strategy only).
 *
 * The scenario of the link is the sweep's base. Reading never throws: what cannot be used comes
 * back as warnings for the page's banner, and the rest of the link still opens.
 */
import type { DecodeWarning } from "../scenario/codec";
import { STRATEGIES, type Strategy } from "../scenario/strategies";
import { parseSweep, type SweepDefinition } from "./definition";
import { RUN_FIGURES, type FigureName } from "./figures";
import type { SweepVariants } from "./run";
import { PARAMS, type EnumParam, type ParamKey } from "../scenario/params";

/** The view keys a sweep uses, in the order links write them. */
export const SWEEP_VIEW_KEYS = ["sweep", "sweepStrategies", "sweepFigures", "sweepLines"] as const;

/** What a sweep runs and shows. */
export interface SweepRequest {
  definition: SweepDefinition;
  /** Strategies run at every point; empty: the base scenario's own. */
  strategies: Strategy[];
  /** Figures plotted against the swept value, at least one. */
  figures: FigureName[];
  /** A line per value of a choice parameter too (null: lines by strategy only). */
  variants: SweepVariants | null;
}

/** Figures a sweep plots when the link names none. */
export const DEFAULT_SWEEP_FIGURES: readonly FigureName[] = ["latencyP99", "maxQueued"];

const FIGURE_NAMES: readonly string[] = RUN_FIGURES.map((f) => f.name);

/** Longest value of a sweep key read, characters (the definition is short; lists are bounded). */
const MAX_VALUE_CHARS = 400;

const shown = (text: string) => (text.length > 80 ? `${text.slice(0, 77)}...` : text);

/** Splits a comma list, trimmed, without blanks or repeats. */
function words(text: string): string[] {
  return [
    ...new Set(
      text
        .split(",")
        .map((w) => w.trim())
        .filter((w) => w !== ""),
    ),
  ];
}

/** Reads the sweep keys of a link's view; `request` is null when the link has no usable sweep. */
export function parseSweepView(view: Readonly<Record<string, string>>): {
  request: SweepRequest | null;
  warnings: DecodeWarning[];
} {
  const warnings: DecodeWarning[] = [];
  const text = view.sweep;
  const hasOthers =
    view.sweepStrategies !== undefined || view.sweepFigures !== undefined || view.sweepLines !== undefined;
  if (text === undefined) {
    if (hasOthers) {
      warnings.push({
        key:
          view.sweepStrategies !== undefined
            ? "sweepStrategies"
            : view.sweepFigures !== undefined
              ? "sweepFigures"
              : "sweepLines",
        given: shown(view.sweepStrategies ?? view.sweepFigures ?? view.sweepLines ?? ""),
        used: null,
        message:
          "Sweep: the link names strategies, figures or lines for a sweep but no sweep=KEY:FROM:TO:POINTS; ignored.",
      });
    }
    return { request: null, warnings };
  }
  const trimmed = text.trim();
  const colon = trimmed.indexOf(":");
  const eq = trimmed.indexOf("=");
  // The page's form puts a colon after the key; the command line's an equals sign.
  const cliForm =
    eq > 0 && (colon < 0 || eq < colon)
      ? trimmed
      : colon > 0
        ? `${trimmed.slice(0, colon)}=${trimmed.slice(colon + 1)}`
        : trimmed;
  const parsed =
    trimmed.length > MAX_VALUE_CHARS ? { error: "the value is too long" } : parseSweep(cliForm.replace(/\s+/g, ""));
  if ("error" in parsed) {
    warnings.push({
      key: "sweep",
      given: shown(text),
      used: null,
      message: `Sweep: ${parsed.error.replace(/^--sweep:?\s*/, "")} (expected sweep=KEY:FROM:TO:POINTS, e.g. consumer:20000:200000:50); no sweep shown.`,
    });
    return { request: null, warnings };
  }

  const strategies: Strategy[] = [];
  if (view.sweepStrategies !== undefined) {
    const given = view.sweepStrategies.slice(0, MAX_VALUE_CHARS);
    const unknown: string[] = [];
    for (const w of words(given)) {
      if ((STRATEGIES as readonly string[]).includes(w)) strategies.push(w as Strategy);
      else unknown.push(w);
    }
    if (unknown.length > 0) {
      warnings.push({
        key: "sweepStrategies",
        given: shown(unknown.join(",")),
        used: strategies.join(",") || null,
        message: `Sweep strategies: ${shown(unknown.map((w) => `"${w}"`).join(", "))} ${unknown.length === 1 ? "is not a strategy" : "are not strategies"} (${STRATEGIES.join(", ")}); ignored.`,
      });
    }
  }

  let figures: FigureName[] = [];
  if (view.sweepFigures !== undefined) {
    const given = view.sweepFigures.slice(0, MAX_VALUE_CHARS);
    const unknown: string[] = [];
    for (const w of words(given)) {
      if (FIGURE_NAMES.includes(w)) figures.push(w as FigureName);
      else unknown.push(w);
    }
    if (unknown.length > 0 || figures.length === 0) {
      const fallback = figures.length > 0 ? "" : " Showing p99 latency and max depth.";
      const what =
        unknown.length === 0
          ? "no figure named."
          : `${shown(unknown.map((w) => `"${w}"`).join(", "))} ${unknown.length === 1 ? "is not a figure" : "are not figures"} (${FIGURE_NAMES.join(", ")}); ignored.`;
      warnings.push({
        key: "sweepFigures",
        given: shown(unknown.join(",") || given),
        used: (figures.length > 0 ? figures : DEFAULT_SWEEP_FIGURES).join(","),
        message: `Sweep figures: ${what}${fallback}`,
      });
    }
  }
  if (figures.length === 0) figures = [...DEFAULT_SWEEP_FIGURES];
  const variants =
    view.sweepLines === undefined ? null : parseVariants(view.sweepLines.slice(0, MAX_VALUE_CHARS), warnings);
  return { request: { definition: parsed, strategies, figures, variants }, warnings };
}

/** Choice parameters whose values may make a sweep's lines (the strategy has its own key). */
export const VARIANT_PARAMS: readonly EnumParam[] = PARAMS.filter(
  (p): p is EnumParam => p.kind === "enum" && p.key !== "strategy",
);

/**
 * Reads `KEY:V1,V2,...` (or `KEY` alone: every value), for `sweepLines=` and `--lines`; null
 * (with a warning) when unusable.
 */
export function parseVariants(text: string, warnings: DecodeWarning[]): SweepVariants | null {
  const colon = text.indexOf(":");
  const key = (colon > 0 ? text.slice(0, colon) : text).trim();
  const param = VARIANT_PARAMS.find((p) => p.key === key);
  const warn = (message: string, used: string | null = null) =>
    warnings.push({ key: "sweepLines", given: shown(text), used, message: `Sweep lines: ${message}` });
  if (!param) {
    warn(
      `"${shown(key)}" is not a choice parameter (${VARIANT_PARAMS.map((p) => p.key).join(", ")}); lines by strategy only.`,
    );
    return null;
  }
  const asked = colon > 0 ? words(text.slice(colon + 1)) : [...param.values];
  const values = asked.filter((v) => param.values.includes(v));
  const unknown = asked.filter((v) => !param.values.includes(v));
  if (values.length === 0) {
    warn(
      `none of ${shown(asked.join(", ")) || "the values"} is a value of ${key} (${param.values.join(", ")}); lines by strategy only.`,
    );
    return null;
  }
  if (unknown.length > 0) {
    warn(
      `${shown(unknown.join(", "))} ${unknown.length === 1 ? "is not a value" : "are not values"} of ${key} (${param.values.join(", ")}); ignored.`,
      `${key}:${values.join(",")}`,
    );
  }
  return { key: param.key as ParamKey, values };
}

/** The view keys that write `request` into a link ({} for none). */
export function sweepViewKeys(request: SweepRequest | null): Record<string, string> {
  if (request === null) return {};
  const d = request.definition;
  const keys: Record<string, string> = { sweep: `${d.key}:${d.from}:${d.to}:${d.points}:${d.scale}` };
  if (request.strategies.length > 0) keys.sweepStrategies = request.strategies.join(",");
  const sameAsDefault =
    request.figures.length === DEFAULT_SWEEP_FIGURES.length &&
    request.figures.every((f, i) => f === DEFAULT_SWEEP_FIGURES[i]);
  if (!sameAsDefault) keys.sweepFigures = request.figures.join(",");
  if (request.variants) keys.sweepLines = `${request.variants.key}:${request.variants.values.join(",")}`;
  return keys;
}
