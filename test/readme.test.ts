import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { PARAMS } from "../src-sim/scenario/params";
import { paramsMarkdownTable, TABLE_END, TABLE_START, withTable } from "../scripts/paramsTable";

const readme = readFileSync(new URL("../README.md", import.meta.url), "utf8");

describe("README.md", () => {
  it("its parameter table is the generator's output (run npm run readme:table when this fails)", () => {
    expect(withTable(readme)).toBe(readme);
  });

  it("the table has one row per parameter, between the markers", () => {
    const table = readme.slice(readme.indexOf(TABLE_START) + TABLE_START.length, readme.indexOf(TABLE_END));
    expect(table.trim()).toBe(paramsMarkdownTable());
    for (const p of PARAMS) expect(table).toContain(`| \`${p.key}\` |`);
  });

  it("withTable replaces a stale table and refuses a README without markers", () => {
    const stale = `# x\n${TABLE_START}\n| old |\n${TABLE_END}\nend\n`;
    expect(withTable(stale)).toBe(`# x\n${TABLE_START}\n${paramsMarkdownTable()}\n${TABLE_END}\nend\n`);
    expect(withTable("# no markers")).toBeNull();
  });

  it("states the two-line quick start and the test command CI runs", () => {
    expect(readme).toContain("npm ci && npm start");
    expect(readme).toContain("npm ci && npm run setup:test && npm test");
    const ci = readFileSync(new URL("../.ci/run", import.meta.url), "utf8");
    expect(ci).toMatch(/^npm test /m);
  });
});
