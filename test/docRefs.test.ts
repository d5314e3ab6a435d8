/**
 * Docs that stay true: every file path named in the README, the docs, SEMANTICS.md and the
 * code's comments resolves to a file of the repository (a moved file leaves no dangling mention).
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOTS = ["README.md", "docs", "src-sim", "web", "test", "bench", "scripts", "e2e"];
const PATH =
  /\b((?:src-sim|web|test|e2e|bench|scripts|docs|public)\/[A-Za-z0-9_./-]+\.(?:ts|tsx|md|json|py|css|sh))\b/g;

function files(path: string): string[] {
  if (!existsSync(path)) return [];
  if (statSync(path).isFile()) return [path];
  return readdirSync(path).flatMap((name) =>
    name === "node_modules" || name === "fixtures" ? [] : files(join(path, name)),
  );
}

describe("references in docs and comments", () => {
  it("every repository path mentioned resolves to a file", () => {
    const dangling: string[] = [];
    for (const file of ROOTS.flatMap(files).filter((f) => /\.(md|ts|tsx)$/.test(f))) {
      for (const match of readFileSync(file, "utf8").matchAll(PATH)) {
        if (!existsSync(match[1])) dangling.push(`${file}: ${match[1]}`);
      }
    }
    expect(dangling).toEqual([]);
  });
});
