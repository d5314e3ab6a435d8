/**
 * Reads what people type into a parameter box: "100000", "100,000", "1e5", "100K", "1.5M",
 * "6 GB", "128 KiB", "1 Gbit/s", "250 ms", "2 min". Returns NaN for anything else; the caller keeps the old value.
 */
import { MAX_NUMBER_TEXT, scanDecimal } from "../../src-sim/scenario/numberText";

const MULTIPLIERS: Record<string, number> = {
  "": 1,
  "k": 1e3,
  "m": 1e6,
  "g": 1e9,
  "b": 1e9,
  "t": 1e12,
  "kb": 1e3,
  "mb": 1e6,
  "gb": 1e9,
  "tb": 1e12,
  "kib": 2 ** 10,
  "mib": 2 ** 20,
  "gib": 2 ** 30,
  "tib": 2 ** 40,
};

const TIME_MULTIPLIERS: Record<string, number> = {
  "": 1,
  "s": 1,
  "sec": 1,
  "ms": 1e-3,
  "us": 1e-6,
  "µs": 1e-6,
  "min": 60,
  "m": 60,
  "h": 3600,
};

/** Parses a typed value in a parameter's unit ("events/s", "bytes", "s", ...). */
export function parseHumanNumber(text: string, unit: string): number {
  const cleaned = text
    .trim()
    .replace(/[,_\s]/g, "")
    .replace(/(events?\/s|\/s|events?|bytes?|bits?\/s|bps)$/i, "");
  if (cleaned.length > MAX_NUMBER_TEXT) return NaN;
  // One pass for the number, then a unit suffix of letters (no backtracking: see numberText.ts).
  const end = scanDecimal(cleaned, 0);
  if (end < 0 || !/^[a-zµ]*$/i.test(cleaned.slice(end))) return NaN;
  const base = Number(cleaned.slice(0, end));
  const suffix = cleaned.slice(end).toLowerCase();
  const table = unit === "s" ? TIME_MULTIPLIERS : MULTIPLIERS;
  // In a bytes box "1460 B" is bytes, not billions.
  const mult = unit === "bytes" && suffix === "b" ? 1 : table[suffix];
  return mult === undefined ? NaN : base * mult;
}

/** Shows a parameter value in its box: grouped digits for big numbers, plain otherwise. */
export function formatTyped(value: number): string {
  if (Number.isInteger(value) && Math.abs(value) >= 10_000) return value.toLocaleString("en-US");
  return String(value);
}
