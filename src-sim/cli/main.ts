/**
 * Entry point of `npm run -s sim -- '<URL or query>' [--until S] [--at T1,T2] [--json] [--csv FILE]`.
 * All the work is in run.ts; this file only binds it to the process.
 */
import { writeFileSync } from "node:fs";
import { runCli } from "./run";

process.exitCode = runCli(process.argv.slice(2), {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  writeFile: (path, text) => writeFileSync(path, text),
});
