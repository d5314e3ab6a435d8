// ESLint 9 flat config: typescript-eslint's recommended rules, the layer rules of the simulation
// core, and the determinism rules (no clock, timer or global randomness where a run is computed).
//
// Layers, lowest first (README, "Project layout"); each may import only from itself and below:
//   scenario   src-sim/scenario/                          imports nothing else from src-sim
//   core       src-sim/engine/, src-sim/theory.ts         scenario, core
//   models     src-sim/models/<name>/                     scenario, core, its own folder; only the
//                                                         registry (models/index.ts) imports every model
//   adapters   src-sim/worker/, src-sim/cli/,             scenario, core, models, each other; never web
//              src-sim/export.ts, src-sim/sweep/
//   web        web/                                       anything in src-sim but the worker's internals
// test/, e2e/, bench/ and scripts/ are exempt.
//
// no-restricted-imports matches the import string as written, not the file it resolves to, so the
// rules below are generated per directory depth: from a file d folders below src-sim, an import
// that starts with d "../" lands in src-sim itself, and its next segment names the layer it enters.
import fs from "node:fs";
import { defineConfig, globalIgnores } from "eslint/config";
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";

/** Deepest folder nesting below a layer's root that the generated globs cover. */
const MAX_NESTING = 6;

/** Top-level entries of src-sim (folders, or files without ".ts") each layer may import. */
const SCENARIO = ["scenario"];
const CORE = [...SCENARIO, "engine", "theory"];
const ADAPTERS = [...CORE, "models", "sweep", "worker", "cli", "export"];

/** Escapes a string for a regular expression. */
const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `^(\.\./){n}` (or `^\./` for n = 0): the start of an import that goes up exactly n folders. */
const up = (n) => (n === 0 ? "^\\./" : `^(?:\\.\\./){${n}}`);

/** Alternation matching one of `names` as a whole path segment (a folder, or a module without extension). */
const oneOf = (names) => `(?:${names.map(escape).join("|")})(?:/|\\.ts(?:\\?|$)|$)`;

/**
 * The no-restricted-imports patterns for a file `depth` folders below src-sim (src-sim/x.ts is 0,
 * src-sim/engine/x.ts is 1) in a layer whose own root is `rootDepth` folders below src-sim.
 * `allowed` lists the top-level src-sim entries the layer may import; `siblings` the names it may
 * import from the folder that holds its root (a model's own entry file and folder; null: any).
 */
function layerPatterns({ layer, depth, rootDepth, allowed, siblings }) {
  const patterns = [
    {
      regex: `^(?:\\.\\./){${depth + 1},}`,
      message: `${layer} imports nothing outside src-sim (not web, test or scripts).`,
    },
    {
      regex: `${up(depth)}(?!\\.\\./)(?!${oneOf(allowed)})`,
      message: `${layer} may import only ${allowed.join(", ")} from src-sim (README, "Project layout").`,
    },
  ];
  // Between the layer's root and src-sim: the folder of peers (src-sim/models/): only its own.
  for (let n = depth - rootDepth + 1; n < depth; n++) {
    if (siblings === null) continue;
    patterns.push({
      regex: `${up(n)}(?!\\.\\./)(?!${oneOf(siblings)})`,
      message: `A model imports no other model: shared code belongs in the core (src-sim/engine/); only the registry imports every model.`,
    });
  }
  return patterns;
}

/**
 * Config blocks for every file of a layer: one per folder depth, since the patterns depend on it.
 * `root` is the layer's folder or file (relative to src-sim).
 */
function layerBlocks({ layer, root, allowed, siblings = null }) {
  const isFile = root.endsWith(".ts");
  const rootDepth = isFile ? root.split("/").length - 1 : root.split("/").length;
  const blocks = [];
  const levels = isFile ? [0] : Array.from({ length: MAX_NESTING + 1 }, (_, i) => i);
  for (const nesting of levels) {
    const files = isFile ? [`src-sim/${root}`] : [`src-sim/${root}/${"*/".repeat(nesting)}*.{ts,tsx}`];
    const depth = rootDepth + nesting;
    blocks.push({
      files,
      rules: {
        "no-restricted-imports": ["error", { patterns: layerPatterns({ layer, depth, rootDepth, allowed, siblings }) }],
      },
    });
  }
  return blocks;
}

/**
 * The models found in a models folder (src-sim/models): every folder, and
 * every .ts file but the registry files, named without extension. A model may be a folder, or an entry file
 * beside a folder of the same name (models/tcp.ts and models/tcp/).
 */
function modelNames(folder, registries) {
  const dir = `src-sim/${folder}`;
  if (!fs.existsSync(dir)) return [];
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() || (e.name.endsWith(".ts") && !registries.includes(e.name)))
    .map((e) => e.name.replace(/\.ts$/, ""));
  return [...new Set(names)].sort();
}

/** Layer blocks for each model in `folder`, and for its registry (which may import every model). */
function modelBlocks(folder, registries) {
  const blocks = [];
  for (const name of modelNames(folder, registries)) {
    // An entry file (models/tcp.ts) sits beside its folder: "./tcp/x" is its own, "./kafka" is not.
    blocks.push({
      files: [`src-sim/${folder}/${name}.ts`],
      rules: {
        "no-restricted-imports": [
          "error",
          {
            patterns: [
              ...layerPatterns({ layer: `The ${name} model`, depth: 1, rootDepth: 1, allowed: CORE, siblings: null }),
              {
                regex: `^\\./(?!${oneOf([name])})`,
                message: `A model imports no other model: shared code belongs in the core (src-sim/engine/); only the registry imports every model.`,
              },
            ],
          },
        ],
      },
    });
    blocks.push(
      ...layerBlocks({ layer: `The ${name} model`, root: `${folder}/${name}`, allowed: CORE, siblings: [name] }),
    );
  }
  for (const registry of registries) {
    blocks.push(...layerBlocks({ layer: "The model registry", root: `${folder}/${registry}`, allowed: CORE }));
  }
  return blocks;
}

/**
 * Modules of src-sim/worker/ the page may import: the message protocol, the check of what arrives
 * through it (a comparison's and a pipeline's protocols too), and the workers' entries as URLs to
 * start them (`worker.ts?worker&url`, and `sweepWorker.ts?worker&url` for sweeps); nothing of the
 * runtime or the timeline.
 */
const WEB_ALLOWED_WORKER_MODULES = [
  "protocol",
  "messageCheck",
  "laneProtocol",
  "laneMessageCheck",
  "pipelineProtocol",
  "worker",
  "sweepWorker",
];

/** Globals that read the clock, schedule work or draw global randomness, or reach a browser. */
const NONDETERMINISTIC_GLOBALS = [
  "Date",
  "performance",
  "setTimeout",
  "setInterval",
  "setImmediate",
  "queueMicrotask",
  "requestAnimationFrame",
  "requestIdleCallback",
  "window",
  "document",
  "navigator",
  "self",
  "crypto",
  "process",
].map((name) => ({
  name,
  message: `The simulation core and models are deterministic: no clock, timer, global randomness or host object (${name}). Only src-sim/worker and src-sim/cli may use it.`,
}));

const NONDETERMINISTIC_PROPERTIES = [
  ["Math", "random", "draw from the run's seeded generator (src-sim/engine/rng.ts) instead"],
  ["Date", "now", "the simulated time is the only clock here"],
  ["performance", "now", "the simulated time is the only clock here"],
  ["crypto", "getRandomValues", "draw from the run's seeded generator (src-sim/engine/rng.ts) instead"],
  ["crypto", "randomUUID", "draw from the run's seeded generator (src-sim/engine/rng.ts) instead"],
  ["globalThis", "crypto", "draw from the run's seeded generator (src-sim/engine/rng.ts) instead"],
  ["globalThis", "performance", "the simulated time is the only clock here"],
  ["globalThis", "Date", "the simulated time is the only clock here"],
].map(([object, property, why]) => ({ object, property, message: `Not deterministic: ${why}.` }));

export default defineConfig(
  globalIgnores([
    "dist/",
    "dist-cli/",
    "node_modules/",
    "reports/",
    "test-results/",
    "playwright-report/",
    "e2e/screenshots/",
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "eqeqeq": ["error", "smart"],
      "no-var": "error",
      "object-shorthand": "error",
      "no-throw-literal": "error",
      "no-useless-rename": "error",
      "no-return-assign": "error",
      "default-case-last": "error",
      "radix": "error",
      // Reactive Streams' drain visits the buffer through a module-level slot instead of a closure,
      // so the hot path allocates nothing (src-sim/.../reactive.ts, `draining = this`).
      "@typescript-eslint/no-this-alias": ["error", { allowedNames: ["draining"] }],
    },
  },
  {
    files: ["web/**/*.{ts,tsx}", "test/**/*.tsx"],
    plugins: { "react-hooks": reactHooks },
    rules: { "react-hooks/rules-of-hooks": "error", "react-hooks/exhaustive-deps": "error" },
  },
  {
    files: ["web/**/*.{ts,tsx}", "src-sim/**/*.ts"],
    ignores: ["src-sim/cli/**"],
    rules: { "no-console": "error" },
  },

  // The layers.
  ...layerBlocks({ layer: "Scenario code (src-sim/scenario)", root: "scenario", allowed: SCENARIO }),
  ...layerBlocks({ layer: "The core (src-sim/engine)", root: "engine", allowed: CORE }),
  ...layerBlocks({ layer: "The core (src-sim/theory.ts)", root: "theory.ts", allowed: CORE }),
  // The registry (index.ts), the run with a timeline of changes built on it (changingRun.ts) and
  // a pipeline's run (pipelineRun.ts) are not models: they may use every model.
  ...modelBlocks("models", ["index.ts", "changingRun.ts", "pipelineRun.ts"]),
  ...layerBlocks({ layer: "Sweeps (src-sim/sweep)", root: "sweep", allowed: ADAPTERS }),
  ...layerBlocks({ layer: "The worker (src-sim/worker)", root: "worker", allowed: ADAPTERS }),
  ...layerBlocks({ layer: "The command line (src-sim/cli)", root: "cli", allowed: ADAPTERS }),
  ...layerBlocks({ layer: "src-sim/export.ts", root: "export.ts", allowed: ADAPTERS }),
  {
    files: ["web/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: `(?:^|/)src-sim/worker/(?!${oneOf(WEB_ALLOWED_WORKER_MODULES)})`,
              message: `The page talks to the worker through its protocol (src-sim/worker/protocol.ts) only; what both need belongs in src-sim/scenario or src-sim/engine.`,
            },
          ],
        },
      ],
    },
  },

  // Determinism: no clock, timer or global randomness in the core and the models.
  {
    files: ["src-sim/**/*.ts"],
    ignores: ["src-sim/worker/**", "src-sim/cli/**"],
    rules: {
      "no-restricted-globals": ["error", ...NONDETERMINISTIC_GLOBALS],
      "no-restricted-properties": ["error", ...NONDETERMINISTIC_PROPERTIES],
    },
  },
);
