/**
 * Reading decimal numbers from text in one pass. The codec, the command line and the page's
 * number boxes all read numbers from text a stranger may have written (a link), so the scan is
 * linear in the input: a regular expression such as `\d+\.?\d*` backtracks quadratically on a
 * long run of digits followed by a letter (80,000 digits took about 10 s).
 *
 * The grammar is `[+-]? (digits [. digits?] | . digits) ([eE] [+-]? digits)?`: plain decimal or
 * scientific notation; no hex, no "Infinity", no grouping commas.
 */

/**
 * Longest number text read, characters. The largest double written out in full has 309 digits,
 * so longer text is junk (or an attack on the parser): callers refuse it with a warning.
 */
export const MAX_NUMBER_TEXT = 1000;

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Index just past the run of digits starting at `i` (i itself when there is none). */
function digitsEnd(text: string, i: number): number {
  while (i < text.length && isDigit(text.charCodeAt(i))) i++;
  return i;
}

/**
 * Scans the longest decimal number that starts at `from` and returns the index just past it,
 * or -1 when no number starts there. `signed` allows a leading + or -. An exponent marker not
 * followed by digits ("1e", "2e-") is not part of the number. Linear in the characters read.
 */
export function scanDecimal(text: string, from = 0, signed = true): number {
  let i = from;
  if (signed && i < text.length && (text[i] === "+" || text[i] === "-")) i++;
  const intEnd = digitsEnd(text, i);
  let end: number;
  if (intEnd > i) {
    end = intEnd;
    if (text[end] === ".") end = digitsEnd(text, end + 1);
  } else {
    if (text[i] !== ".") return -1;
    end = digitsEnd(text, i + 1);
    if (end === i + 1) return -1;
  }
  if (text[end] === "e" || text[end] === "E") {
    let j = end + 1;
    if (text[j] === "+" || text[j] === "-") j++;
    const expEnd = digitsEnd(text, j);
    if (expEnd > j) end = expEnd;
  }
  return end;
}

/**
 * The number `text` spells, when all of it is one decimal number (see the file comment) of at
 * most {@link MAX_NUMBER_TEXT} characters; NaN otherwise. "1e999" is Infinity (written like a
 * number, it means "huge"; callers clamp it).
 */
export function parseDecimal(text: string, signed = true): number {
  if (text.length === 0 || text.length > MAX_NUMBER_TEXT) return NaN;
  return scanDecimal(text, 0, signed) === text.length ? Number(text) : NaN;
}
