/**
 * Removes the Content-Security-Policy meta tag from index.html on the dev server only: Vite's
 * dev client and React Refresh inject inline scripts and style elements that the policy (rightly)
 * forbids. The build and `vite preview` keep it, and the end-to-end tests run there.
 */
import type { Plugin } from "vite";

/** The plugin; see the file comment. */
export function devWithoutCsp(): Plugin {
  return {
    name: "backpressure:dev-without-csp",
    apply: "serve",
    transformIndexHtml(html) {
      return html.replace(/<meta\s+http-equiv="Content-Security-Policy"[^>]*>/i, "");
    },
  };
}
