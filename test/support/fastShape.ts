/**
 * Child-process half of test/fastShape.test.ts, run with `node --allow-natives-syntax`: for every
 * strategy with constant and random processes, runs a few seconds, takes a checkpoint and a copy
 * of it (as a seek back does), and prints as JSON the paths of every object reachable from the
 * copy that V8 holds in dictionary mode (slow properties). An empty list is the healthy answer.
 */
import { createSimulation } from "../../src-sim/models";
import { DEFAULT_SCENARIO, STRATEGIES, type Scenario } from "../../src-sim/scenario/params";

// V8's own test of the object's shape; only valid with --allow-natives-syntax.
const hasFastProperties = new Function("o", "return %HasFastProperties(o)") as (o: object) => boolean;

/** Paths of the objects reachable from `root` (own properties, depth first) in dictionary mode. */
function slowObjects(root: object, rootPath: string): string[] {
  const slow: string[] = [];
  const seen = new Set<object>();
  const visit = (o: object, path: string) => {
    if (seen.has(o)) return;
    seen.add(o);
    if (Array.isArray(o) || ArrayBuffer.isView(o) || typeof o === "function") return;
    if (!hasFastProperties(o)) slow.push(path);
    for (const [key, value] of Object.entries(o)) {
      if (value !== null && typeof value === "object") visit(value as object, `${path}.${key}`);
    }
  };
  visit(root, rootPath);
  return slow;
}

const report: Record<string, string[]> = {};
for (const strategy of STRATEGIES) {
  for (const random of [false, true]) {
    const scenario: Scenario = {
      ...DEFAULT_SCENARIO,
      strategy,
      ...(random ? { arrivals: "poisson" as const, service: "exponential" as const } : {}),
      producer: 2000,
      consumer: 1500,
    };
    const sim = createSimulation(scenario, { sampleIntervalSec: 0.1 });
    sim.advanceTo(3);
    const restored = sim.clone().clone();
    restored.advanceTo(4);
    const id = `${strategy}${random ? " random" : ""}`;
    report[id] = [...slowObjects(sim, "original"), ...slowObjects(restored, "copy")];
  }
}
console.log(JSON.stringify(report));
