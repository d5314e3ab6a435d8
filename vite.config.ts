/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";
import { devWithoutCsp } from "./scripts/vite/devCspPlugin";
import { precachePlugin } from "./scripts/vite/precachePlugin";
import { siteUrlPlugin } from "./scripts/vite/siteUrlPlugin";

// base "./" makes the built folder work from any static host and from a sub-path.
export default defineConfig({
  root: "web",
  base: "./",
  publicDir: "../public",
  plugins: [
    react(),
    devWithoutCsp(),
    siteUrlPlugin(process.env.SITE_URL),
    // The service worker (dist/sw.js) caches the build for offline use; the preview image is for
    // chat apps, never fetched by the page.
    precachePlugin({ entry: "web/sw/serviceWorker.ts", exclude: [/^og-image\.png$/] }),
  ],
  build: {
    outDir: "../dist",
    emptyOutDir: true,
    target: "es2022",
  },
  worker: { format: "es" },
  test: {
    root: ".",
    include: ["test/**/*.test.ts", "test/**/*.test.tsx"],
    environment: "node",
    // The chart palette's fallback is read from the stylesheet's text (web/charts/palette.ts).
    css: { include: [/styles\.css/] },
  },
});
