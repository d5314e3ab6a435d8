/**
 * Saves a file the page made (a Blob) through the browser's download: an <a download> clicked
 * off-screen. The object URL is released a little later, because revoking it at once can cancel
 * the download in some browsers.
 */

/** How long the object URL of a download stays valid, ms. */
const REVOKE_AFTER_MS = 60_000;

/** Offers `blob` as a download named `fileName`. */
export function downloadBlob(blob: Blob, fileName: string, doc: Document = document): void {
  const url = URL.createObjectURL(blob);
  const a = doc.createElement("a");
  a.href = url;
  a.download = fileName;
  a.rel = "noopener";
  a.style.display = "none";
  doc.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), REVOKE_AFTER_MS);
}

/** Offers `text` as a UTF-8 file of type `mime`. */
export function downloadText(text: string, fileName: string, mime: string, doc: Document = document): void {
  downloadBlob(new Blob([text], { type: `${mime};charset=utf-8` }), fileName, doc);
}
