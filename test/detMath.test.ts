/**
 * Runs are the same bit for bit in every engine (issue 12, item 9): the engine's arithmetic uses
 * only operations ECMAScript defines exactly. Math.exp, Math.log, Math.cos and a non-integer
 * Math.pow are implementation-defined (Node 20 and Chromium 156 differ in the last bit on a few
 * percent of arguments), so the engine uses detMath's ports instead. The page-against-CLI check
 * itself is e2e/hardeningSim.spec.ts.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { detCosTurns, detExp, detLog } from "../src-sim/scenario/detMath";

/** Engine files (not the worker adapter, not the closed-form theory shown beside a run). */
function engineFiles(dir = "src-sim"): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return path.endsWith("worker") || path.endsWith("cli") ? [] : engineFiles(path);
    return path.endsWith(".ts") && !path.endsWith("theory.ts") && !path.endsWith("detMath.ts") ? [path] : [];
  });
}

describe("engine arithmetic is defined exactly by ECMAScript", () => {
  it("no engine file calls an implementation-defined Math function", () => {
    const offending = engineFiles().flatMap((file) =>
      readFileSync(file, "utf8")
        .split("\n")
        .flatMap((line, i) =>
          /Math\.(exp|expm1|log|log1p|log2|log10|cos|sin|tan|acos|asin|atan|atan2|cosh|sinh|tanh|cbrt|hypot)\(/.test(
            line,
          ) || /Math\.pow\((?!2, )/.test(line)
            ? [`${file}:${i + 1}: ${line.trim()}`]
            : [],
        ),
    );
    expect(offending).toEqual([]);
  });
});

describe("detExp, detLog, detCosTurns", () => {
  it("agree with the true values within 1 ulp (checked against exactly known points and identities)", () => {
    expect(detExp(0)).toBe(1);
    expect(detLog(1)).toBe(0);
    expect(detExp(-Infinity)).toBe(0);
    expect(detExp(Infinity)).toBe(Infinity);
    expect(detLog(0)).toBe(-Infinity);
    expect(detLog(-1)).toBeNaN();
    expect(detExp(710)).toBe(Infinity);
    expect(detExp(-746)).toBe(0);
    for (let i = 0; i < 10_000; i++) {
      const x = (i - 5_000) / 71.3;
      expect(Math.abs(detLog(detExp(x)) - x)).toBeLessThanOrEqual(4e-16 * Math.max(1, Math.abs(x)));
      const u = i / 10_000;
      const c = detCosTurns(u);
      expect(Math.abs(c - Math.cos(2 * Math.PI * u))).toBeLessThan(1e-15);
    }
    expect(detCosTurns(0)).toBe(1);
    expect(detCosTurns(0.5)).toBe(-1);
  });
});
