/**
 * Chart colours come from CSS custom properties, so the light and dark themes live in one
 * stylesheet; canvases read them once per theme change, not per frame.
 */
import themes from "../themes.css?raw";

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
  "c-lane-a",
  "c-lane-b",
  "c-lane-c",
  "c-lane-d",
  "surface",
] as const;

/** A colour variable name. */
export type ColorVar = (typeof COLOR_VARS)[number];

/** Resolved colours, by variable. */
export type Palette = Record<ColorVar, string>;

/**
 * The light theme's values of the chart variables, read from the `:root` block of the themes'
 * stylesheet (so the colours have one source: web/themes.css); missing names fall back to grey.
 */
export function lightPaletteFrom(css: string): Palette {
  const start = css.indexOf(":root");
  const block = start >= 0 ? css.slice(start, css.indexOf("}", start)) : "";
  const out = Object.fromEntries(COLOR_VARS.map((name) => [name, "#808080"])) as Palette;
  for (const match of block.matchAll(/--([a-z0-9-]+):\s*([^;]+);/g)) {
    if ((COLOR_VARS as readonly string[]).includes(match[1])) out[match[1] as ColorVar] = match[2].trim();
  }
  return out;
}

/** Fallbacks (the light theme) for environments without computed styles, such as tests and exports. */
export const FALLBACK_PALETTE: Palette = lightPaletteFrom(themes);

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
