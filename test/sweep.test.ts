/**
 * Sweeps (src-sim/sweep/, `--sweep` on the command line): definitions parse or say what is wrong,
 * the points are where the definition puts them, and every point is exactly the single run of
 * its scenario.
 */
import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { extractSweepArgs, runSweepCli } from "../src-sim/cli/sweep";
import { ChangingRun } from "../src-sim/models/changingRun";
import { createSimulation } from "../src-sim/models/index";
import { decodeChanges } from "../src-sim/scenario/changes";
import { decodeScenario, encodeScenario } from "../src-sim/scenario/codec";
import { DEFAULT_SCENARIO } from "../src-sim/scenario/params";
import { parseSweep, sweepValues, type SweepDefinition } from "../src-sim/sweep/definition";
import { runFigures } from "../src-sim/sweep/figures";
import { runTask, sweepCsv, sweepTasks } from "../src-sim/sweep/run";

const def = (text: string) => {
  const d = parseSweep(text);
  if ("error" in d) throw new Error(d.error);
  return d;
};

describe("parseSweep(KEY=FROM:TO:POINTS[:SCALE])", () => {
  it("reads a definition, the scale defaulting to the parameter's own", () => {
    expect(def("consumer=20000:200000:50")).toEqual({
      key: "consumer",
      from: 20_000,
      to: 200_000,
      points: 50,
      scale: "log",
    });
    expect(def("lowTide=0.1:0.9:5").scale).toBe("linear");
    expect(def("capacity=10:1000:3:linear").scale).toBe("linear");
  });

  it("clamps the ends to the parameter's range", () => {
    expect(def("consumer=0:1e9:2")).toMatchObject({ from: 1, to: 1e7 });
  });

  it.each([
    ["", "KEY=FROM:TO:POINTS"],
    ["nope=1:2:3", "not a parameter"],
    ["strategy=1:2:3", "not a number"],
    ["seed=1:9:3", "describes the run"],
    ["consumer=1:2", "expected KEY=FROM:TO:POINTS"],
    ["consumer=a:2:3", "FROM and TO must be numbers"],
    ["consumer=1:2:1", "POINTS must be"],
    ["consumer=1:2:101", "POINTS must be"],
    ["consumer=1:2:3:cubic", "linear"],
    ["baseline=0:100:3:log", "a log sweep needs values above 0"],
  ])("parseSweep(%j) explains what is wrong", (text, words) => {
    const d = parseSweep(text);
    expect("error" in d && d.error).toContain(words);
  });
});

describe("sweepValues(definition)", () => {
  it("visits POINTS values with exact ends, evenly spaced (linear) or by a constant factor (log)", () => {
    expect(sweepValues(def("capacity=10:50:5:linear"))).toEqual([10, 20, 30, 40, 50]);
    const log = sweepValues(def("consumer=100:10000:3:log"));
    expect(log).toEqual([100, 1000, 10_000]);
  });
});

describe("a sweep's points are single runs", () => {
  it("every task's scenario is repaired as its link would be, so a point opens as the same run", () => {
    const d: SweepDefinition = def("capacity=1000:20000:3:linear");
    for (const task of sweepTasks({ ...DEFAULT_SCENARIO, strategy: "watermark" }, d, [], null)) {
      const fromLink = decodeScenario(encodeScenario(task.scenario)).scenario;
      expect(task.scenario).toEqual(fromLink);
      expect(task.scenario.high).toBeLessThanOrEqual(task.scenario.capacity);
    }
  });

  it("every task's figures equal those of the single run of its scenario", { timeout: 60_000 }, () => {
    const d: SweepDefinition = def("consumer=30000:90000:4");
    const tasks = sweepTasks({ ...DEFAULT_SCENARIO, duration: 30 }, d, ["unbounded", "watermark"], null);
    expect(tasks).toHaveLength(8);
    for (const task of tasks) {
      const single = createSimulation(task.scenario);
      single.advanceTo(30);
      expect(runTask(task).figures).toEqual(runFigures(single, task.scenario));
    }
  });

  it("a scenario's timeline of changes goes with every point, as in its single run", { timeout: 60_000 }, () => {
    const d: SweepDefinition = def("consumer=30000:90000:3:linear");
    const base = { ...DEFAULT_SCENARIO, duration: 40 };
    const changes = decodeChanges("10:producer:40000;20:strategy:block", []);
    expect(changes).toHaveLength(2);
    const tasks = sweepTasks(base, d, ["unbounded"], null, changes);
    for (const task of tasks) {
      const single = new ChangingRun(task.scenario, changes);
      single.advanceTo(40);
      const figures = runTask(task).figures;
      expect(figures).toEqual(runFigures(single.sim, task.scenario));
      // The changes took effect: without them the 30K/s point would have queued 2.8M events by 40 s.
      const plain = createSimulation(task.scenario);
      plain.advanceTo(40);
      if (task.value === 30_000) expect(figures.maxQueued).toBeLessThan(runFigures(plain, task.scenario).maxQueued!);
    }
  });

  it(
    "the CSV has one row per point and strategy, the key's column, and an empty oom cell where none happens",
    {
      timeout: 60_000,
    },
    () => {
      const d = def("consumer=20000:200000:3");
      const base = { ...DEFAULT_SCENARIO, duration: 20, memory: 1e9 };
      const rows = sweepTasks(base, d, [], null).map(runTask);
      const lines = sweepCsv(d, base, rows).trim().split("\n");
      expect(lines[0]).toMatch(
        /^# sweep consumer=20000:200000:3:log of \?memory=1e9&duration=20|^# sweep consumer=20000:200000:3:log of \?/,
      );
      const header = lines[1].split(",");
      expect(header[0]).toBe("consumer");
      const oom = header.findIndex((h) => h.toLowerCase().includes("oom"));
      expect(oom).toBeGreaterThan(0);
      const cells = lines.slice(2).map((l) => l.split(","));
      expect(cells).toHaveLength(3);
      expect(Number(cells[0][oom])).toBeCloseTo(12.5, 3); // 1e6 events / (100k - 20k) per s
      expect(cells[2][oom]).toBe(""); // 200k/s keeps up: no OOM
    },
  );
});

describe("--sweep on the command line", () => {
  it("extractSweepArgs separates the sweep options and checks them", () => {
    expect(extractSweepArgs(["q", "--sweep", "consumer=1:2:3", "--jobs=2", "--strategies", "block,tcp"])).toEqual({
      sweep: "consumer=1:2:3",
      jobs: 2,
      strategies: ["block", "tcp"],
      lines: null,
      rest: ["q"],
    });
    expect(extractSweepArgs(["--jobs", "2"])).toEqual({ error: "--jobs, --strategies and --lines go with --sweep" });
    expect(extractSweepArgs(["--sweep", "x", "--lines", "service:constant"])).toMatchObject({
      lines: "service:constant",
    });
    expect(extractSweepArgs(["--sweep", "x", "--strategies", "lifo"])).toMatchObject({ error: expect.any(String) });
  });

  it("writes the CSV and prints the rows as JSON (in-process)", async () => {
    const files = new Map<string, string>();
    let out = "";
    const code = await runSweepCli(
      {
        sweep: "consumer=40000:60000:3:linear",
        jobs: 1,
        strategies: [],
        lines: null,
        rest: ["duration=10", "--json", "--csv", "s.csv"],
      },
      { stdout: (t) => (out += t), stderr: () => {}, writeFile: (p, t) => files.set(p, t) },
    );
    expect(code).toBe(0);
    const json = JSON.parse(out) as { rows: Array<Record<string, unknown>> };
    expect(json.rows.map((r) => r.consumer)).toEqual([40_000, 50_000, 60_000]);
    expect(files.get("s.csv")?.trim().split("\n")).toHaveLength(2 + 3);
  });

  it("--lines runs every point under each value of a choice parameter: an M/M/1 and an M/D/1", async () => {
    const files = new Map<string, string>();
    let out = "";
    const code = await runSweepCli(
      {
        sweep: "producer=500:900:2:linear",
        jobs: 1,
        strategies: [],
        lines: "service:exponential,constant",
        rest: ["consumer=1000&arrivals=poisson&duration=400", "--json", "--csv", "s.csv"],
      },
      { stdout: (t) => (out += t), stderr: () => {}, writeFile: (p, t) => files.set(p, t) },
    );
    expect(code).toBe(0);
    const json = JSON.parse(out) as { rows: Array<Record<string, number | string>> };
    expect(json.rows.map((r) => [r.producer, r.service])).toEqual([
      [500, "exponential"],
      [500, "constant"],
      [900, "exponential"],
      [900, "constant"],
    ]);
    // Deterministic service halves the queueing delay (Pollaczek-Khinchine): at rho 0.9 the
    // M/D/1's p99 is well under the M/M/1's.
    const p99 = (i: number) => json.rows[i].latencyP99 as number;
    expect(p99(3)).toBeLessThan(0.8 * p99(2));
    expect(p99(2)).toBeGreaterThan(p99(0));
    const csv = files.get("s.csv")!.trim().split("\n");
    expect(csv[0]).toContain("lines service:exponential,constant");
    expect(csv[1].split(",").slice(0, 3)).toEqual(["producer", "strategy", "service"]);

    let err = "";
    const bad = await runSweepCli(
      { sweep: "producer=500:900:2", jobs: 1, strategies: [], lines: "service:uniform", rest: [] },
      { stdout: () => {}, stderr: (t) => (err += t), writeFile: () => {} },
    );
    expect(bad).toBe(2);
    expect(err).toContain("--lines service:uniform");
  });

  it("with --jobs 2 (worker threads) gives the same rows as with one job", () => {
    const run = (jobs: string) =>
      execFileSync(
        "npx",
        [
          "--no-install",
          "tsx",
          "src-sim/cli/main.ts",
          "duration=20",
          "--sweep",
          "consumer=40000:80000:4",
          "--jobs",
          jobs,
          "--json",
        ],
        { encoding: "utf8" },
      );
    expect(JSON.parse(run("2")).rows).toEqual(JSON.parse(run("1")).rows);
  }, 120_000);
});
