/**
 * Issue 16 item 3, step 1: is a TCP run's steady state exactly periodic? Runs a TCP scenario
 * segment by segment with an observer, records the connection's state relative to now and
 * SND.UNA at every ACK arrival in a window, and looks for the shortest lag after which the
 * discrete state (bytes, window, pipes' contents, which timers are armed) repeats exactly and the
 * relative times agree within a tolerance. Prints the period found (ACKs, seconds, bytes), how
 * long it holds, and which quantities drift across periods.
 *
 *   npx --no-install tsx bench/tcpPeriod.ts [preset-id|default|4mib][:key=value,...] [fromSec] [toSec]
 *   (env MAX_LAG: longest lag tried, ACKs; env IGNORE: integer entries left out, e.g. "8,13")
 *
 * What it found (December 2026, on main at 4bf419f):
 * - Reader-bound (default workload, tcp-default-reader-bound, 4 MiB buffers): no period. Over
 *   2 s of steady state (34,243 ACKs) every ACK's discrete state is distinct, and even the coarse
 *   state (bytes in flight, SND.WND, bytes arrived unacknowledged, open window) never repeats as a
 *   block of 200 ACKs. What breaks it is the arrangement of the ~685 segments in the loop (the
 *   pipes' lengths and contents), not a continuous quantity: the window opens by whole MSS as the
 *   reader frees them (one per 29.2 us), each opening rides the next delayed ACK (every second
 *   segment), and the loop (RTT + one serialisation, 20.012304 ms) holds 685.3529 reader-MSS
 *   times (1,250,769 / 1,825): the reader's phase against the ACK clock turns by a non-whole
 *   amount per loop, so the pattern is re-cut every loop. In exact arithmetic the least period
 *   would be 1,825 loops (36.5 s). Check: with rtt chosen so the loop holds exactly 684 or 686
 *   reader-MSS times (rtt=0.019960496 or 0.020018896) the same workload locks at once (2 coarse
 *   states, constant phase, the whole state repeating after 0.4993 / 0.5008 s); with 685 (odd:
 *   the ACK pairs shift) it does not.
 * - SRTT, mdev, rttvar and the RTO converge only asymptotically but feed nothing while no persist
 *   timer is armed; receive autotuning is at its cap (6 MiB) or a no-op (4 MiB: RCV.USER exceeds
 *   what is read per round trip); the event phase and the segment timed for an RTT sample drift
 *   but do not act on the connection. None of them is what breaks the period.
 * - Window-limited (tcp-so-rcvbuf): the whole run, producer's block/release included, repeats
 *   exactly with P = 500.6152 ms (725 ACKs, 25 loops = 2,117,000 B, the least common multiple of
 *   58 segments per loop and 1,000 B events) from 0.36 s on, but not bit for bit: once per
 *   period an ACK meets the link freeing and floating-point rounding orders the two differently
 *   from the period before (one segment more or less in flight for one loop). P is longer than
 *   the sample interval (0.1 s), so whole periods never fit between two samples.
 */
import { Simulation } from "../src-sim/engine/simulation";
import { TcpModel } from "../src-sim/models/tcp/model";
import type { TcpConnection } from "../src-sim/models/tcp/connection";
import { decodeScenario } from "../src-sim/scenario/codec";
import { DEFAULT_SCENARIO, type Scenario } from "../src-sim/scenario/params";
import { PRESETS } from "../src-sim/scenario/presets";

type Bag = Record<string, unknown>;
const bag = (x: unknown) => x as Bag;
const num = (x: unknown, k: string) => bag(x)[k] as number;

const which = process.argv[2] ?? "default";
const fromSec = Number(process.argv[3] ?? 5);
const toSec = Number(process.argv[4] ?? 5.2);
const TIME_TOL = 1e-9;
/**
 * Integer entries left out of the comparison (env IGNORE, e.g. "8,13": the reader's event phase
 * and the segment timed for an RTT sample, which the connection's own dynamics do not read).
 */
const IGNORE = new Set(
  (process.env.IGNORE ?? "")
    .split(",")
    .filter((x) => x !== "")
    .map(Number),
);
const BYTE_TOL = 1e-6;

/** A named case, optionally with overrides: `default:rtt=0.019989696,delayedAck=off`. */
function scenarioOf(spec: string): Scenario {
  const [name, over] = spec.split(":");
  const base = baseScenario(name);
  for (const kv of over ? over.split(",") : []) {
    const [k, v] = kv.split("=");
    const n = Number(v);
    (base as unknown as Bag)[k] = Number.isNaN(n) ? v : n;
  }
  return base;
}

function baseScenario(name: string): Scenario {
  if (name === "default") return { ...DEFAULT_SCENARIO, strategy: "tcp" };
  if (name === "4mib") return { ...DEFAULT_SCENARIO, strategy: "tcp", sndBuf: 4 << 20, rcvBuf: 4 << 20 };
  const p = PRESETS.find((x) => x.id === name);
  if (!p) throw new Error(`no preset ${name}`);
  return decodeScenario(p.query).scenario;
}

interface State {
  t: number;
  una: number;
  /** Exact integers and flags (bytes relative to SND.UNA). */
  ints: number[];
  /** Times relative to now, s (Infinity when unarmed). */
  times: number[];
  /** Fluid bytes (RCV.USER and the reader's target). */
  fluid: number[];
  /** Quantities expected to drift (reported, not compared). */
  drift: Record<string, number>;
}

const pipeEntries = (p: unknown, now: number, una: number) => {
  const b = bag(p);
  const len = b.length as number;
  const head = b.head as number;
  const mask = b.mask as number;
  const times = b.times as Float64Array;
  const as = b.as as Float64Array;
  const bs = b.bs as Float64Array;
  const ints: number[] = [len];
  const ts: number[] = [];
  for (let k = 0; k < len; k++) {
    const j = (head + k) & mask;
    ints.push(as[j] - una, bs[j]);
    ts.push(times[j] - now);
  }
  return { ints, ts };
};

const rel = (t: number, now: number) => (t === Infinity ? Infinity : t - now);

function capture(m: TcpModel, c: TcpConnection, now: number): State {
  const una = c.sndUna;
  const d = pipeEntries(bag(c).data, now, una);
  const a = pipeEntries(bag(c).acks, now, una);
  const timed = num(c, "timedSeq");
  const ints = [
    c.sndNxt - una,
    c.sndWnd,
    c.rcvNxt - una,
    c.rightEdge - c.rcvNxt,
    c.advWnd,
    c.rcvBuf,
    c.sndBuf,
    c.cwnd,
    c.readLimit - c.rcvNxt,
    num(c, "rcvWup") - una,
    num(c, "rcvMss"),
    num(c, "maxPacketsOut"),
    bag(c).noSpace ? 1 : 0,
    timed < 0 ? -1 : timed - una,
    c.persistSec === Infinity ? 0 : 1,
    bag(m).blocked ? 1 : 0,
    bag(m).pendingTick ? 1 : 0,
    num(m, "writeLeft"),
    Math.min(c.writeSeq - c.sndNxt, 1e9) >= c.sndWnd ? 1 : 0, // window-limited (unsent covers the window)
    c.readRate,
    ...d.ints,
    ...a.ints,
  ];
  const times = [
    rel(c.delackSec, now),
    rel(num(c, "linkFreeSec"), now),
    rel(num(c, "linkEventSec"), now),
    rel(c.readerSec, now),
    rel(c.spaceSec, now),
    rel(num(c, "readSec"), now),
    timed < 0 ? Infinity : rel(num(c, "timedSentSec"), now),
    rel(num(m, "nextTickSec"), now),
    ...d.ts,
    ...a.ts,
  ];
  const fluid = [c.user, num(c, "readerUser")];
  const rto = c.rto;
  const drift = {
    writeSeqMinusUna: c.writeSeq - una,
    emits: (bag(m).emits as { size: number }).size,
    srtt: rto.srttSec,
    mdev: rto.mdevSec,
    mdevMax: rto.mdevMaxSec,
    rttvar: rto.rttvarSec,
    rto: rto.rtoSec,
    rcvqSpace: num(c, "rcvqSpace"),
    rcvqSeqRel: num(c, "rcvqSeq") - una,
    spaceRel: rel(c.spaceSec, now),
    maxSndWnd: num(c, "maxSndWnd"),
    maxUser: c.maxUser,
  };
  return { t: now, una, ints, times, fluid, drift };
}

function sameState(x: State, y: State): string | null {
  if (x.ints.length !== y.ints.length) return "shape";
  for (let i = 0; i < x.ints.length; i++) if (x.ints[i] !== y.ints[i] && !IGNORE.has(i)) return `int${i}`;
  for (let i = 0; i < x.times.length; i++) {
    const a = x.times[i];
    const b = y.times[i];
    if (a === b) continue;
    if (!(Math.abs(a - b) <= TIME_TOL)) return `time${i}`;
  }
  for (let i = 0; i < x.fluid.length; i++) if (!(Math.abs(x.fluid[i] - y.fluid[i]) <= BYTE_TOL)) return `fluid${i}`;
  return null;
}

const s = scenarioOf(which);
const states: State[] = [];
const phases: Array<[number, number]> = [];
let model: TcpModel | null = null;
const sim = new Simulation(s, (ctx, scenario, startSec) => {
  const m = new TcpModel(ctx, scenario, startSec, {
    observer: (kind, conn, now) => {
      if (kind === "ack-sent" && now >= fromSec && now < toSec) {
        const p = (((conn.rcvNxt - conn.userAt(now) + conn.rcvBuf) % s.mss) + s.mss) % s.mss;
        phases.push([now, p]);
      }
      if (kind !== "ack-arrived" || now < fromSec || now >= toSec || !model) return;
      states.push(capture(model, conn, now));
    },
  });
  model = m;
  return m;
});
sim.advanceTo(toSec);
console.log(`${which}: ${states.length} ACK arrivals in [${fromSec}, ${toSec}) s`);
if (states.length < 4) process.exit(0);

// For each ACK, the shortest lag (in ACKs, up to MAX_LAG) at which the state repeats.
const MAX_LAG = Number(process.env.MAX_LAG ?? 600);
const lagAt: number[] = [];
const reasonsHist = new Map<string, number>();
for (let i = 0; i < states.length; i++) {
  let found = 0;
  for (let L = 1; L <= MAX_LAG && i + L < states.length; L++) {
    const r = sameState(states[i], states[i + L]);
    if (r === null) {
      found = L;
      break;
    }
    if (L <= 200) reasonsHist.set(r, (reasonsHist.get(r) ?? 0) + 1);
  }
  lagAt.push(found);
}
const lagCount = new Map<number, number>();
for (const l of lagAt) lagCount.set(l, (lagCount.get(l) ?? 0) + 1);
console.log(
  "shortest repeat lag (ACKs) -> how many ACKs:",
  [...lagCount.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8),
);
const L = [...lagCount.entries()].filter(([l]) => l > 0).sort((a, b) => b[1] - a[1])[0]?.[0];
if (L) {
  const i0 = lagAt.findIndex((l) => l === L);
  const a = states[i0];
  const b = states[i0 + L];
  console.log(
    `period: ${L} ACKs, ${((b.t - a.t) * 1e3).toFixed(9)} ms, ${b.una - a.una} B of SND.UNA, first at ACK ${i0} (t = ${a.t})`,
  );
  // Runs of consecutive ACKs whose state repeats after exactly L.
  const runs: Array<[number, number]> = [];
  let start = -1;
  for (let i = 0; i + L < states.length; i++) {
    const ok = sameState(states[i], states[i + L]) === null;
    if (ok && start < 0) start = i;
    if (!ok && start >= 0) {
      runs.push([start, i]);
      start = -1;
    }
  }
  if (start >= 0) runs.push([start, states.length - L]);
  console.log(
    `stretches where the state repeats after ${L} ACKs: ${runs.length};`,
    runs
      .slice(0, 12)
      .map(([x, y]) => `[${states[x].t.toFixed(5)}, ${states[y].t.toFixed(5)}) ${y - x} ACKs`)
      .join(" "),
  );
  // What breaks it at the end of the first runs.
  for (const [, y] of runs.slice(0, 6)) {
    if (y + L >= states.length) continue;
    const r = sameState(states[y], states[y + L]);
    console.log(
      `  broken at t = ${states[y].t.toFixed(6)} by ${r}`,
      states[y].ints.slice(0, 20).join(","),
      "|",
      states[y + L].ints.slice(0, 20).join(","),
    );
  }
  // Drift per period at a point inside the first run.
  const keys = Object.keys(a.drift);
  for (const k of keys) {
    const v = [0, 1, 2, 3].map((p) => states[i0 + p * L]?.drift[k]);
    console.log(`  drift ${k}: ${v.map((x) => (x === undefined ? "-" : x)).join(" -> ")}`);
  }
  const tdiff = [0, 1, 2, 3, 4, 5].map(
    (p) =>
      states[i0 + p * L] &&
      states[i0].times
        .map((x, j) => states[i0 + p * L].times[j] - x)
        .reduce((m, x) => (Math.abs(x) > m && Number.isFinite(x) ? Math.abs(x) : m), 0),
  );
  console.log("  largest relative-time difference after p periods:", tdiff.join(" "));
  const fdiff = [0, 1, 2, 3, 4, 5].map(
    (p) => states[i0 + p * L] && Math.abs(states[i0 + p * L].fluid[0] - states[i0].fluid[0]),
  );
  console.log("  RCV.USER difference after p periods:", fdiff.join(" "));
} else {
  console.log(
    "no repeat within",
    MAX_LAG,
    "ACKs; mismatch reasons at lags <= 200:",
    [...reasonsHist.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10),
  );
}
// Long-range search: the discrete state alone (integers, times ignored) hashed over the whole window.
const byKey = new Map<string, number[]>();
states.forEach((st, i) => {
  const k = st.ints.filter((_, j) => !IGNORE.has(j)).join(",");
  const l = byKey.get(k);
  if (l) l.push(i);
  else byKey.set(k, [i]);
});
let pairs = 0;
let timed = 0;
const lagsSec = new Map<string, number>();
for (const idx of byKey.values()) {
  for (let x = 0; x < idx.length; x++)
    for (let y = x + 1; y < idx.length; y++) {
      pairs++;
      if (sameState(states[idx[x]], states[idx[y]]) === null) {
        timed++;
        const k = ((states[idx[y]].t - states[idx[x]].t) * 1e3).toFixed(6);
        lagsSec.set(k, (lagsSec.get(k) ?? 0) + 1);
      }
    }
}
console.log(
  `long range: ${byKey.size} distinct discrete states among ${states.length} ACKs; ${pairs} pairs with equal integers, ${timed} of them with equal relative times too`,
  [...lagsSec.entries()].sort((a, b) => b[1] - a[1]).slice(0, 6),
);

// Coarser: only bytes in flight, SND.WND, bytes arrived unacknowledged and the open window, as a
// sequence: the shortest lag at which a run of 200 consecutive ACKs repeats this coarse state.
const coarse = states.map((st) => st.ints.slice(0, 4).join(","));
const coarseDistinct = new Set(coarse).size;
let coarseLag = 0;
const W = Math.min(200, Math.floor(coarse.length / 3));
for (let L = 1; L + W < coarse.length && !coarseLag; L++) {
  let ok = true;
  for (let i = 0; i < W && ok; i++) ok = coarse[i] === coarse[i + L];
  if (ok) coarseLag = L;
}
console.log(
  `coarse state (in flight, SND.WND, arrived unacked, open window): ${coarseDistinct} distinct values;`,
  coarseLag
    ? `the first ${W} ACKs repeat after ${coarseLag} ACKs (${((states[coarseLag].t - states[0].t) * 1e3).toFixed(6)} ms)`
    : `the first ${W} ACKs never repeat as a block`,
);

// The reader's phase at each ACK sent: bytes read past the last MSS boundary (RCV.NXT - RCV.USER + RCV.BUFF mod MSS).
// With a period P the phases in [t, t + P) would equal those in [t + P, t + 2P); print the mean per loop.
const loopSec = s.rtt + ((s.mss + 78) * 8) / s.link;
if (phases.length > 0) {
  const perLoop: string[] = [];
  for (let k = 0; k < 8; k++) {
    const lo = fromSec + k * loopSec;
    const sel = phases.filter(([t]) => t >= lo && t < lo + loopSec).map(([, p]) => p);
    if (sel.length === 0) break;
    const ang = sel.map((p) => (2 * Math.PI * p) / s.mss);
    const c = ang.reduce((a, x) => a + Math.cos(x), 0);
    const sn = ang.reduce((a, x) => a + Math.sin(x), 0);
    const mean = ((Math.atan2(sn, c) / (2 * Math.PI)) * s.mss + s.mss) % s.mss;
    perLoop.push(`${sel.length} ACKs mean phase ${mean.toFixed(1)} B`);
  }
  console.log(`reader phase at ACKs sent, per loop of ${(loopSec * 1e3).toFixed(6)} ms:`, perLoop.join("; "));
}
const last = states[states.length - 1];
console.log("state at the end:", JSON.stringify({ ints: last.ints.slice(0, 20), drift: last.drift }));
