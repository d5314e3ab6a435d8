// @vitest-environment happy-dom
/** copyText: the Clipboard API first, then execCommand, and false when neither works. */
import { describe, expect, it, vi } from "vitest";
import { copyText } from "../web/runtime/clipboard";

describe("copyText", () => {
  it("uses navigator.clipboard.writeText where it exists", async () => {
    const writeText = vi.fn(async () => {});
    expect(await copyText("https://h/?t=60", { clipboard: { writeText }, document })).toBe(true);
    expect(writeText).toHaveBeenCalledWith("https://h/?t=60");
  });

  it("falls back to execCommand('copy') on a selected hidden field when the API is missing or refused", async () => {
    const exec = vi.fn(() => true);
    document.execCommand = exec as never;
    expect(await copyText("a", { clipboard: undefined, document })).toBe(true);
    const refused = { writeText: async () => Promise.reject(new Error("NotAllowedError")) };
    expect(await copyText("b", { clipboard: refused, document })).toBe(true);
    expect(exec).toHaveBeenCalledTimes(2);
    expect(document.querySelectorAll("textarea")).toHaveLength(0);
  });

  it("gives focus back to where it was after the fallback", async () => {
    document.execCommand = (() => true) as never;
    const button = document.createElement("button");
    document.body.append(button);
    button.focus();
    await copyText("c", { clipboard: undefined, document });
    expect(document.activeElement).toBe(button);
    button.remove();
  });

  it("resolves false when nothing can copy (the page then shows the text to copy by hand)", async () => {
    document.execCommand = (() => false) as never;
    expect(await copyText("d", { clipboard: undefined, document })).toBe(false);
    document.execCommand = (() => {
      throw new Error("not supported");
    }) as never;
    expect(await copyText("e", { clipboard: undefined, document })).toBe(false);
  });
});
