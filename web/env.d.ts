/** Vite's client types: `?raw` imports (a file's text as a string), `import.meta.env`, workers. */
/// <reference types="vite/client" />
