/**
 * Chart colours come from CSS custom properties, so the light and dark themes live in one
 * stylesheet; canvases read them once per theme change, not per frame.
 */

/** Names of the colour variables the charts use (without the leading `--`). */
export const COLOR_VARS = [
  "c-queue",
  "c-upstream",
  "c-memory",
  "c-p50",
  "c-p99",
  "c-max",
  "c-age",
  "c-produced",
  "c-consumed",
  "c-dropped",
  "c-capacity",
  "c-high",
  "c-low",
  "c-oom",
  "c-paused",
  "c-blocked",
  "c-signal",
  "c-restart",
  "c-grid",
  "c-text",
  "surface",
] as const;

/** A colour variable name. */
export type ColorVar = (typeof COLOR_VARS)[number];

/** Resolved colours, by variable. */
export type Palette = Record<ColorVar, string>;

/** Fallbacks (the light theme) for environments without computed styles, such as tests. */
export const FALLBACK_PALETTE: Palette = {
  "c-queue": "#4f46e5",
  "c-upstream": "#a855f7",
  "c-memory": "#0284c7",
  "c-p50": "#059669",
  "c-p99": "#d97706",
  "c-max": "#dc2626",
  "c-age": "#7c3aed",
  "c-produced": "#4f46e5",
  "c-consumed": "#059669",
  "c-dropped": "#db2777",
  "c-capacity": "#64748b",
  "c-high": "#d97706",
  "c-low": "#0d9488",
  "c-oom": "#dc2626",
  "c-paused": "#f59e0b",
  "c-blocked": "#ea580c",
  "c-signal": "#64748b",
  "c-restart": "#059669",
  "c-grid": "#e2e8f0",
  "c-text": "#475569",
  "surface": "#ffffff",
};

/** Reads the palette from an element's computed style, falling back per colour. */
export function readPalette(el: Element | null): Palette {
  if (!el || typeof getComputedStyle !== "function") return { ...FALLBACK_PALETTE };
  const style = getComputedStyle(el);
  const out = { ...FALLBACK_PALETTE };
  for (const name of COLOR_VARS) {
    const v = style.getPropertyValue(`--${name}`).trim();
    if (v) out[name] = v;
  }
  return out;
}
