/** Helpers for tests that check sample columns: readable failures and bit-for-bit equality. */
import type { SampleBatch } from "../../src-sim/engine/types";

/** Up to three rows where `bad(i)` holds, each as {column: value}, for readable failures. */
export function offending(b: SampleBatch, bad: (i: number) => boolean): Array<Record<string, number>> {
  const rows: Array<Record<string, number>> = [];
  for (let i = 0; i < b.count && rows.length < 3; i++) {
    if (bad(i)) rows.push(Object.fromEntries(Object.entries(b.columns).map(([k, v]) => [k, v[i]])));
  }
  return rows;
}

/** Bit-for-bit equality of two float columns (NaN payloads and -0 included). */
export function sameBits(a: Float64Array, b: Float64Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}
