/// <reference types="vitest/config" />
import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// base "./" makes the built folder work from any static host and from a sub-path.
export default defineConfig({
  root: "web",
  base: "./",
  publicDir: "../public",
  plugins: [react()],
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
