/**
 * `npm run build`'s last step: writes dist-cli/sim.cache, the code cache of the built command line
 * (see cliBundle.mjs), after running it on a scenario of every model and a pipeline, so that
 * `npm run sim` starts without compiling what those runs use.
 */
import { join } from "node:path";
import { URL, fileURLToPath } from "node:url";
import { writeCodeCache } from "./cliBundle.mjs";

const dist = join(fileURLToPath(new URL("..", import.meta.url)), "dist-cli");

/** Short runs that between them call the code most runs call. */
export const WARM_RUNS = [
  ["--help"],
  ["", "--json"],
  ["strategy=drop-newest&arrivals=poisson&service=exponential", "--until", "2", "--json"],
  ["strategy=watermark", "--until", "5"],
  ["strategy=tcp", "--until", "0.5", "--json"],
  ["strategy=kafka", "--until", "5", "--json"],
  ["strategy=reactive", "--until", "2", "--json"],
  ["stages=unbounded;unbounded;unbounded;unbounded;unbounded", "--json"],
  ["stages=block,capacity:1000;kafka;drop-newest", "--until", "10"],
];

writeCodeCache(join(dist, "sim.cjs"), join(dist, "sim.cache"), WARM_RUNS);
