/**
 * Numbers for humans: 500K, 3.0M, 6 GB, 120 ms. Readouts, axes and tooltips all go through
 * these, so one quantity always reads the same way everywhere on the page.
 */

const COUNT_UNITS: ReadonlyArray<[number, string]> = [
  [1e12, "T"],
  [1e9, "B"],
  [1e6, "M"],
  [1e3, "K"],
];

const BYTE_UNITS: ReadonlyArray<[number, string]> = [
  [1e12, "TB"],
  [1e9, "GB"],
  [1e6, "MB"],
  [1e3, "KB"],
];

/** One decimal below 10 in the unit ("3.0M"), none above ("500K"); 2-3 significant digits. */
function scaled(value: number, unit: number): string {
  const x = value / unit;
  // 9.96M would print as "10.0M": round first, then decide on the decimal.
  return Math.abs(Math.round(x * 10) / 10) < 10 ? x.toFixed(1) : Math.round(x).toString();
}

function pick(abs: number, units: ReadonlyArray<[number, string]>): [number, string] | null {
  for (const u of units) {
    // Promote 999,600 to "1.0M" rather than print "1000K".
    if (abs >= u[0] * 0.9995) return u;
  }
  return null;
}

/** A count of events: 999, 5.0K, 500K, 3.0M, 12B. NaN prints as an en dash. */
export function formatCount(n: number): string {
  if (!Number.isFinite(n)) return Number.isNaN(n) ? "–" : n > 0 ? "∞" : "-∞";
  const abs = Math.abs(n);
  const unit = pick(abs, COUNT_UNITS);
  if (!unit) return abs < 10 && !Number.isInteger(n) ? n.toFixed(1) : Math.round(n).toString();
  return `${scaled(n, unit[0])}${unit[1]}`;
}

/** A rate in events/s: "100K/s". */
export function formatRate(perSec: number): string {
  return `${formatCount(perSec)}/s`;
}

/** Bytes, decimal units as memory limits are quoted: 6 GB, 1.5 GB, 500 MB, 980 B. */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return "–";
  const abs = Math.abs(bytes);
  const unit = pick(abs, BYTE_UNITS);
  if (!unit) return `${Math.round(bytes)} B`;
  // "6 GB", not "6.0 GB": a whole number of units reads cleaner for sizes.
  return `${scaled(bytes, unit[0]).replace(/\.0$/, "")} ${unit[1]}`;
}

const BINARY_UNITS: ReadonlyArray<[number, string]> = [
  [2 ** 40, "TiB"],
  [2 ** 30, "GiB"],
  [2 ** 20, "MiB"],
  [2 ** 10, "KiB"],
];

/**
 * Bytes in binary units, as socket buffers and segments are quoted (the parameter table's TCP
 * keys; its text says "4 MiB"): 128 KiB, 4 MiB, 1460 B. Whole multiples of a unit print whole;
 * sizes under 10 KiB that are not print exactly in bytes (an MSS of 1460 B is not "1.4 KiB").
 */
export function formatBinaryBytes(bytes: number): string {
  if (!Number.isFinite(bytes)) return "–";
  const abs = Math.abs(bytes);
  for (const [unit, name] of BINARY_UNITS) {
    if (abs < unit) continue;
    if (bytes % unit === 0) return `${bytes / unit} ${name}`;
    if (abs < 10 * 2 ** 10) break;
    return `${scaled(bytes, unit).replace(/\.0$/, "")} ${name}`;
  }
  return `${Math.round(bytes)} B`;
}

const BIT_RATE_UNITS: ReadonlyArray<[number, string]> = [
  [1e12, "Tbit/s"],
  [1e9, "Gbit/s"],
  [1e6, "Mbit/s"],
  [1e3, "kbit/s"],
];

/** A bit rate in SI multiples, as links are quoted: 1 Gbit/s, 2.5 Gbit/s, 100 Mbit/s, 640 bit/s. */
export function formatBitRate(bitsPerSec: number): string {
  if (!Number.isFinite(bitsPerSec)) return "–";
  const unit = pick(Math.abs(bitsPerSec), BIT_RATE_UNITS);
  if (!unit) return `${Math.round(bitsPerSec)} bit/s`;
  return `${scaled(bitsPerSec, unit[0]).replace(/\.0$/, "")} ${unit[1]}`;
}

/** A duration in seconds: 850 µs, 120 ms, 1.5 s, 45 s, 12 min, 3.2 h. NaN prints as an en dash. */
export function formatDuration(sec: number): string {
  if (Number.isNaN(sec)) return "–";
  if (!Number.isFinite(sec)) return "∞";
  const abs = Math.abs(sec);
  if (abs === 0) return "0 s";
  if (abs < 1e-3) return `${Math.round(sec * 1e6)} µs`;
  if (abs < 0.9995) return `${Math.round(sec * 1e3)} ms`;
  if (abs < 9.95) return `${sec.toFixed(1)} s`;
  if (abs < 600) return `${Math.round(sec)} s`;
  if (abs < 7200) return `${Math.round(sec / 60)} min`;
  return `${(sec / 3600).toFixed(1)} h`;
}

/** A share of a whole as a percentage: 50%, 2.5%, <0.1%. `fraction` is 0..1. */
export function formatPercent(fraction: number): string {
  if (!Number.isFinite(fraction)) return "–";
  const pct = fraction * 100;
  if (pct === 0) return "0%";
  if (Math.abs(pct) < 0.1) return "<0.1%";
  return Math.abs(pct) < 10 ? `${pct.toFixed(1)}%` : `${Math.round(pct)}%`;
}

/**
 * Each value's share of their sum as a percentage with one decimal, the tenths dealt by largest
 * remainder so that the shares add up to exactly 100.0% (each rounded alone, five hops' shares
 * read 100.4%). A share above 0 that gets no tenth reads "<0.1%"; a value that is not a finite
 * number counts as 0; no positive sum: a dash each.
 */
export function formatShares(values: readonly number[]): string[] {
  const clean = values.map((v) => (Number.isFinite(v) && v > 0 ? v : 0));
  const total = clean.reduce((a, b) => a + b, 0);
  if (!(total > 0)) return values.map(() => "–");
  const exact = clean.map((v) => (v / total) * 1000);
  const tenths = exact.map(Math.floor);
  let left = 1000 - tenths.reduce((a, b) => a + b, 0);
  // The largest remainders get the tenths left over; ties go to the earlier value.
  const order = exact.map((_, i) => i).sort((a, b) => exact[b] - tenths[b] - (exact[a] - tenths[a]) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    tenths[i]++;
    left--;
  }
  return tenths.map((t, i) => (t === 0 && clean[i] > 0 ? "<0.1%" : `${(t / 10).toFixed(1)}%`));
}

/** A moment on the timeline, s, with the tenth the sample grid resolves: "12.3 s". */
export function formatClock(sec: number): string {
  return `${(Math.round(sec * 10) / 10).toFixed(1)} s`;
}

/**
 * A value in a parameter's own unit, for the control beside its slider. `binary` bytes print in
 * KiB/MiB (see {@link formatBinaryBytes}); bits per second print as bit/s multiples.
 */
export function formatParam(value: number, unit: string, binary = false): string {
  switch (unit) {
    case "events/s":
      return formatRate(value);
    case "bits/s":
      return formatBitRate(value);
    case "bytes":
      return binary ? formatBinaryBytes(value) : formatBytes(value);
    case "events":
      return formatCount(value);
    case "s":
      return formatDuration(value);
    default:
      return String(value);
  }
}
