/**
 * Makes the link-preview tags absolute when the build knows where it will live. Open Graph asks
 * for absolute URLs (og:image, og:url) and some chat apps ignore relative ones, but the build is
 * meant to work at any address (base "./"). With SITE_URL set (for example
 * `SITE_URL=https://example.org/tools/backpressure/ npm run build`), og:image, twitter:image and
 * og:url point there; without it they stay relative, which the page itself never needs.
 */
import type { Plugin } from "vite";

/** The plugin; `siteUrl` is the published folder's address, ending in "/" (or undefined). */
export function siteUrlPlugin(siteUrl: string | undefined): Plugin {
  return {
    name: "backpressure:site-url",
    apply: "build",
    transformIndexHtml(html) {
      if (!siteUrl) return html;
      const base = new URL(siteUrl.endsWith("/") ? siteUrl : `${siteUrl}/`);
      const image = new URL("og-image.png", base).href;
      return html
        .replace(/(<meta\s+(?:property|name)="(?:og|twitter):image"\s+content=")\.\/og-image\.png"/g, `$1${image}"`)
        .replace(/(<meta\s+property="og:type"[^>]*>)/, `$1\n    <meta property="og:url" content="${base.href}" />`);
    },
  };
}
