/// <reference types="vite/client" />
// Vite's client types: import.meta.env, `?worker&url` imports (web/runtime/simHost.ts) and `?raw`
// imports (the palette reads web/themes.css).
