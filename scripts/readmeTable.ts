/**
 * `npm run readme:table`: rewrites the parameter table in README.md from the scenario table.
 * `npm run readme:table -- --check` only checks it (exit 1 when stale); a unit test does the same.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { withTable } from "./paramsTable";

const path = fileURLToPath(new URL("../README.md", import.meta.url));
const readme = readFileSync(path, "utf8");
const next = withTable(readme);
if (next === null) {
  console.error("README.md has no parameter-table markers (<!-- params:start ... --> / <!-- params:end -->)");
  process.exit(1);
}
if (process.argv.includes("--check")) {
  if (next !== readme) {
    console.error("README.md's parameter table is stale: run npm run readme:table");
    process.exit(1);
  }
  console.log("README.md's parameter table is up to date");
} else if (next !== readme) {
  writeFileSync(path, next);
  console.log("README.md: parameter table updated");
} else {
  console.log("README.md: parameter table already up to date");
}
