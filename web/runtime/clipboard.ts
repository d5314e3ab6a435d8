/**
 * Copying text to the clipboard, with the fallbacks the page needs: the async Clipboard API where
 * it exists and is allowed (secure contexts), else the legacy execCommand("copy") on a hidden
 * text area. When neither works the caller shows the text selected in a field to copy by hand.
 */

/** The parts of `navigator` and `document` used (fakes in tests). */
export interface ClipboardEnv {
  clipboard?: { writeText(text: string): Promise<void> };
  document: Document;
}

/** Copies `text`; resolves false when no way worked (the caller then offers manual copying). */
export async function copyText(
  text: string,
  env: ClipboardEnv = { clipboard: navigator.clipboard, document },
): Promise<boolean> {
  try {
    if (env.clipboard?.writeText) {
      await env.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Permission denied or not a secure context: try the legacy path below.
  }
  const doc = env.document;
  // Selecting the hidden field moves focus; give it back so keyboard users stay where they were.
  const focused = doc.activeElement as HTMLElement | null;
  const area = doc.createElement("textarea");
  try {
    area.value = text;
    area.setAttribute("readonly", "");
    area.setAttribute("aria-hidden", "true");
    area.style.position = "fixed";
    area.style.top = "0";
    area.style.opacity = "0";
    doc.body.append(area);
    area.select();
    return doc.execCommand("copy");
  } catch {
    return false;
  } finally {
    area.remove();
    focused?.focus?.({ preventScroll: true });
  }
}
