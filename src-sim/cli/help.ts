/**
 * `--help`: usage, options, and every parameter of the scenario table (key, unit, default, range,
 * description), generated from the table so that a new parameter is documented the day it lands.
 */
import { PARAMS, type Param } from "../scenario/params";
import { OPTIONS } from "./args";
import { SWEEP_OPTIONS } from "./sweep";

/** A table number written short: 6e9 rather than 6000000000 where that loses nothing. */
export function shortNumber(v: number): string {
  if (Math.abs(v) >= 1e6 && Number.isInteger(v)) {
    const [mantissa, exponent] = v.toExponential().split("e");
    if (mantissa.replace(/[-.]/g, "").length <= 3) return `${mantissa}e${Number(exponent)}`;
  }
  return String(v);
}

/** The range of a parameter: `1 .. 1e7` (with its scale), or the list of names. */
export function paramRange(p: Param): string {
  return p.kind === "enum"
    ? p.values.join(" | ")
    : `${shortNumber(p.min)} .. ${shortNumber(p.max)}${p.scale === "log" ? " (log)" : ""}`;
}

/** The default of a parameter as written in the table. */
export function paramDefault(p: Param): string {
  return typeof p.default === "number" ? shortNumber(p.default) : p.default;
}

/** The full help text. */
export function helpText(): string {
  const out: string[] = [];
  out.push("Usage: npm run -s sim -- '<URL or query string>' [--until SECONDS] [--at T1,T2,...] [--json] [--csv FILE]");
  out.push(
    "       npm run -s sim -- '<URL or query string>' --sweep KEY=FROM:TO:POINTS [--strategies A,B] [--jobs N] [--csv FILE]",
  );
  out.push("");
  out.push("Runs a Backpressure Playground scenario headless and prints what happened. The scenario is");
  out.push("the page's link (or just its query, e.g. 'strategy=watermark&producer=120000'); keys left out");
  out.push("take their defaults, and bad values are replaced with a warning. No scenario: the reference");
  out.push("story (100,000 events/s into 50,000 events/s, unbounded queue, OOM at 120 s).");
  out.push("");
  out.push("Options:");
  for (const o of [...OPTIONS, ...SWEEP_OPTIONS]) {
    out.push(`  ${`${o.flag}${o.value ? ` ${o.value}` : ""}`.padEnd(22)}${o.description}`);
  }
  out.push("");
  out.push("Exit codes: 0 done, 1 failure while running or writing, 2 usage error.");
  out.push("");
  out.push("Changes over time (the link's `changes` key): entries time:key:value separated by ';', applied");
  out.push("at their time (seconds, on the sample grid), in order; keys are the parameter names below");
  out.push("(all but duration and t). Example, the consumer scaled up at 90 s, then drop-newest at 120 s:");
  out.push("  'consumer=40000&changes=90:consumer:80000;120:strategy:drop-newest'");
  out.push("Bad entries are left out with a warning. A link without `changes` has none.");
  out.push("");
  out.push("Pipelines (the link's `stages` key): 1 to 5 stages from the source to the sink, separated by ';',");
  out.push("each its queue's strategy (unbounded, drop-newest, drop-oldest, block, watermark), then ',key:value'");
  out.push("for its own rate, service, memory, baseline, restart and strategy keys. Example, the cascade:");
  out.push("  'duration=60&stages=block,consumer:80000,capacity:1000;block,consumer:20000,capacity:1000'");
  out.push("--json then adds `stages`, one summary per stage; --csv adds stage1Queued, ... to every row.");
  out.push("");
  out.push("Scenario parameters (URL keys), with unit, default and range:");
  const keyWidth = Math.max(...PARAMS.map((p) => p.key.length));
  for (const p of PARAMS) {
    out.push(`  ${p.key.padEnd(keyWidth)}  [${p.unit}]  default ${paramDefault(p)}  range ${paramRange(p)}`);
    out.push(`  ${" ".repeat(keyWidth)}  ${p.description}`);
  }
  return out.join("\n");
}
