/// <reference types="vite/client" />
// Vite's client types: import.meta.env, and `?worker&url` imports (web/runtime/simHost.ts).
