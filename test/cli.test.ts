import { spawnSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { parseArgs } from "../src-sim/cli/args";
import { formatBytes, formatSeconds } from "../src-sim/cli/format";
import { samplesCsv } from "../src-sim/export";
import { helpText, paramDefault, paramRange } from "../src-sim/cli/help";
import { EXIT_FAILURE, EXIT_OK, EXIT_USAGE, runCli } from "../src-sim/cli/run";
import { SAMPLE_COLUMNS } from "../src-sim/engine/types";
import { PARAMS } from "../src-sim/scenario/params";

/** Runs the command line in-process and captures what it writes. */
function cli(...argv: string[]) {
  let stdout = "";
  let stderr = "";
  const files = new Map<string, string>();
  const code = runCli(argv, {
    stdout: (t) => (stdout += t),
    stderr: (t) => (stderr += t),
    writeFile: (path, text) => {
      if (path.startsWith("/nonexistent/")) throw new Error("ENOENT: no such file or directory");
      files.set(path, text);
    },
  });
  return { code, stdout, stderr, files };
}

describe("parseArgs", () => {
  it("parseArgs([query, --until, --at, --json, --csv]) reads every option", () => {
    expect(parseArgs(["strategy=block", "--until", "30", "--at", "1,2.5", "--json", "--csv", "out.csv"])).toEqual({
      kind: "run",
      query: "strategy=block",
      untilSec: 30,
      atSec: [1, 2.5],
      json: true,
      csvPath: "out.csv",
      intervalSec: null,
    });
  });

  it("parseArgs accepts --flag=value and no scenario at all", () => {
    expect(parseArgs(["--until=5", "--at=1"])).toMatchObject({ kind: "run", query: "", untilSec: 5, atSec: [1] });
  });

  it("parseArgs reports usage errors as sentences", () => {
    const cases: Array<[string[], RegExp]> = [
      [["--until"], /needs a number/],
      [["--until", "abc"], /expected seconds/],
      [["--until", "-5"], /expected seconds/],
      [["--until", "0"], /expected seconds/],
      [["--until", "1e9"], /expected seconds/],
      [["--at", "1,x"], /"x" is not a time/],
      [["--at", ","], /at least one time/],
      [["--at", "--json"], /needs a list/],
      [["--csv"], /needs a file name/],
      [["--bogus"], /unknown option --bogus/],
      [["-x"], /unknown option -x/],
      [["a=1", "b=2"], /one scenario at a time/],
      [["--until", "10", "--at", "20"], /after --until/],
      [["--interval", "0"], /expected seconds/],
    ];
    for (const [argv, message] of cases) {
      const r = parseArgs(argv);
      expect(r.kind, argv.join(" ")).toBe("error");
      if (r.kind === "error") expect(r.message, argv.join(" ")).toMatch(message);
    }
  });

  it("parseArgs(--help) and -h ask for help wherever they appear", () => {
    expect(parseArgs(["x=1", "--help"])).toEqual({ kind: "help" });
    expect(parseArgs(["-h"])).toEqual({ kind: "help" });
  });
});

describe("--help", () => {
  const lines = helpText().split("\n");
  it("lists every parameter of the table with its unit, default, range and description", () => {
    for (const p of PARAMS) {
      const at = lines.findIndex((l) => new RegExp(`^  ${p.key} +\\[`).test(l));
      expect(at, p.key).toBeGreaterThan(0);
      const entry = `${lines[at]}\n${lines[at + 1]}`;
      expect(entry, p.key).toContain(`[${p.unit}]`);
      expect(entry, p.key).toContain(`default ${paramDefault(p)}`);
      expect(entry, p.key).toContain(paramRange(p));
      expect(entry, p.key).toContain(p.description);
    }
  });

  it("runCli(--help) prints it and exits 0", () => {
    const r = cli("--help");
    expect(r.code).toBe(EXIT_OK);
    expect(r.stdout).toContain("Usage: npm run -s sim");
  });
});

describe("runCli", () => {
  it("prints the story by default: OOM at 120 s, 500,000 queued at 10 s", () => {
    const r = cli("--at", "10");
    expect(r.code).toBe(EXIT_OK);
    expect(r.stderr).toBe("");
    expect(r.stdout).toMatch(/out of memory\s+at 120 s/);
    expect(r.stdout).toContain("At 10 s: 500,000 queued (+1 in service), memory 500 MB");
    expect(r.stdout).toContain("time to OOM 120 s");
  });

  it("--json prints exactly one JSON object {scenario, warnings, summary, at, model, changes}", () => {
    const r = cli(
      "https://example.test/app/?producer=100000&consumer=50000&bogus=1",
      "--until",
      "130",
      "--at",
      "60,10",
      "--json",
    );
    expect(r.code).toBe(EXIT_OK);
    const report = JSON.parse(r.stdout);
    expect(Object.keys(report)).toEqual(["scenario", "warnings", "summary", "at", "model", "changes"]);
    expect(report.warnings.map((w: { key: string }) => w.key)).toEqual(["bogus"]);
    for (const key of [
      "until",
      "produced",
      "consumed",
      "dropped",
      "lost",
      "queued",
      "maxQueued",
      "peakMemoryBytes",
      "oomAt",
      "latency",
      "producerPausedSeconds",
      "signals",
    ]) {
      expect(report.summary, key).toHaveProperty(key);
    }
    expect(report.summary.until).toBe(130);
    expect(report.summary.oomAt).toBeCloseTo(120, 1);
    expect(Object.keys(report.summary.latency)).toEqual(["mean", "p50", "p99", "max"]);
    expect(report.summary.signals).toEqual({ pause: 0, resume: 0 });
    // In the order given, each {t, queued, memoryBytes, ...}.
    expect(
      report.at.map((p: { t: number; queued: number; memoryBytes: number }) => [p.t, p.queued, p.memoryBytes]),
    ).toEqual([
      [60, 3_000_000, 3_000_001_000],
      [10, 500_000, 500_001_000],
    ]);
    expect(report.model).toMatchObject({ rho: 2, fluidGrowthPerSec: 50_000, timeToOomSec: 120 });
  });

  it("--json writes null, not NaN, when nothing was consumed", () => {
    const r = cli("consumer=1&producer=1", "--until", "0.5", "--json");
    const report = JSON.parse(r.stdout);
    expect(report.summary.latency.mean).toBeNull();
  });

  it("prints the link's warnings on stderr in human mode, and still runs", () => {
    const r = cli("producer=fast&strategy=lifo", "--until", "1");
    expect(r.code).toBe(EXIT_OK);
    expect(r.stderr).toMatch(/warning: Producer rate: "fast" is not a number/);
    expect(r.stderr).toMatch(/warning: Strategy/);
  });

  it("--csv FILE writes every sample column, one row per sample", () => {
    const r = cli("producer=1000&consumer=500", "--until", "2", "--csv", "run.csv");
    expect(r.code).toBe(EXIT_OK);
    const lines = r.files.get("run.csv")!.trimEnd().split("\n");
    expect(lines[0].split(",")).toEqual([...SAMPLE_COLUMNS]);
    expect(lines).toHaveLength(1 + 21); // samples at 0, 0.1, ..., 2.0
    const last = lines[21].split(",");
    expect(Number(last[SAMPLE_COLUMNS.indexOf("timeSec")])).toBeCloseTo(2, 9);
    expect(Number(last[SAMPLE_COLUMNS.indexOf("produced")])).toBe(2000);
    expect(r.stdout).toContain("Wrote 21 samples to run.csv");
  });

  it("exits 2 with a message on usage errors, 1 when the CSV cannot be written", () => {
    expect(cli("--until", "x").code).toBe(EXIT_USAGE);
    const late = cli("duration=10", "--at", "20");
    expect(late.code).toBe(EXIT_USAGE);
    expect(late.stderr).toMatch(/after the end of the run \(10 s\)/);
    const unwritable = cli("--until", "1", "--csv", "/nonexistent/dir/x.csv");
    expect(unwritable.code).toBe(EXIT_FAILURE);
    expect(unwritable.stderr).toMatch(/cannot write \/nonexistent\/dir\/x.csv/);
  });
});

describe("formatting", () => {
  it("formatSeconds picks a readable unit", () => {
    expect([
      formatSeconds(0),
      formatSeconds(2e-8),
      formatSeconds(1.5e-5),
      formatSeconds(0.0123),
      formatSeconds(59.4),
      formatSeconds(7380),
      formatSeconds(null),
      formatSeconds(Infinity),
    ]).toEqual(["0 s", "20 ns", "15 us", "12.3 ms", "59.4 s", "2 h 3 min", "-", "never"]);
  });

  it("formatBytes uses decimal units", () => {
    expect([formatBytes(980), formatBytes(6e9), formatBytes(512_000_000)]).toEqual(["980 B", "6 GB", "512 MB"]);
  });

  it("samplesCsv writes NaN as an empty field", () => {
    const columns = Object.fromEntries(SAMPLE_COLUMNS.map((c) => [c, new Float64Array([NaN])])) as never;
    expect(samplesCsv({ start: 0, count: 1, columns }).split("\n")[1]).toBe(",".repeat(SAMPLE_COLUMNS.length - 1));
  });
});

describe("the real process (npm run -s sim)", () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, ["--import", "tsx", "src-sim/cli/main.ts", ...args], {
      encoding: "utf8",
      timeout: 60_000,
    });

  it("prints one JSON object and exits 0", () => {
    const r = run("strategy=watermark&producer=120000&consumer=60000", "--until", "5", "--json");
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout);
    expect(report.scenario.strategy).toBe("watermark");
    expect(report.summary.signals.pause).toBeGreaterThan(0);
  });

  it("exits 2 on a bad option, with the message on stderr and nothing on stdout", () => {
    const r = run("--until", "soon");
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr).toMatch(/^sim: --until soon/);
  });
});
