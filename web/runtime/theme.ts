/**
 * Applies the light or dark theme to the document and tells the charts (whose canvases cannot
 * follow CSS by themselves) to re-read their colours. "system" follows prefers-color-scheme,
 * live. The choice is remembered in localStorage.
 */
import { readPalette, type Palette } from "../charts/palette";
import type { ThemeChoice } from "../store/uiSlice";

const STORAGE_KEY = "backpressure-playground.theme";

/** Reads the remembered theme choice ("system" when none or unreadable). */
export function loadThemeChoice(): ThemeChoice {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === "light" || v === "dark" ? v : "system";
  } catch {
    return "system";
  }
}

/** Applies theme choices and publishes the resulting chart palette. */
export class ThemeController {
  private choice: ThemeChoice = "system";
  private listeners = new Set<() => void>();
  private media: MediaQueryList | null =
    typeof matchMedia === "function" ? matchMedia("(prefers-color-scheme: dark)") : null;
  /** Colours for canvases, as resolved from CSS. */
  palette: Palette = readPalette(null);
  /** Increases whenever the palette changes. */
  version = 0;
  /** The theme in effect. */
  resolved: "light" | "dark" = "light";

  constructor(private readonly root: HTMLElement = document.documentElement) {
    this.media?.addEventListener("change", () => {
      if (this.choice === "system") this.refresh();
    });
  }

  /** Applies a choice (and remembers it). */
  apply(choice: ThemeChoice): void {
    this.choice = choice;
    try {
      if (choice === "system") localStorage.removeItem(STORAGE_KEY);
      else localStorage.setItem(STORAGE_KEY, choice);
    } catch {
      // Storage may be unavailable (private mode, sandboxed iframe): the theme still applies.
    }
    this.refresh();
  }

  /** Calls `fn` after each palette change; returns the unsubscribe function. */
  subscribe(fn: () => void): () => void {
    this.listeners.add(fn);
    return () => this.listeners.delete(fn);
  }

  private refresh(): void {
    this.resolved = this.choice === "system" ? (this.media?.matches ? "dark" : "light") : this.choice;
    this.root.dataset.theme = this.resolved;
    this.root.style.colorScheme = this.resolved;
    this.palette = readPalette(this.root);
    this.version++;
    this.listeners.forEach((fn) => fn());
  }
}
