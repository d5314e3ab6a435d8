/**
 * exp and log with the same result, bit for bit, in every JavaScript engine.
 *
 * ECMAScript leaves the precision of Math.exp, Math.log, Math.pow, Math.cos and friends to the
 * implementation, and engines differ: over random arguments, Node 20 and Chromium 156 disagree
 * in the last bit on about 10% of Math.exp and Math.pow results, 3% of Math.cos, 2% of Math.log.
 * The random draws of a run use exp and log, so the page (Chromium) and the command line (Node)
 * would write slightly different numbers for the same seed. The basic operations (+ - * /,
 * Math.sqrt) are correctly rounded everywhere, so these ports of fdlibm's e_exp.c and e_log.c
 * (Sun Microsystems, 1993; the algorithms V8 shipped for years) built from them alone give one
 * answer everywhere, within 1 ulp of the true value.
 *
 * It lives in the lowest layer (src-sim/scenario) so that the scenario's own functions (the
 * workload shapes) can use it as well as the engine and the models.
 */

const buffer = new ArrayBuffer(8);
const f64 = new Float64Array(buffer);
const u32 = new Uint32Array(buffer);
/** Index of the high (sign and exponent) word of a double in u32: 1 on little-endian machines. */
const HI = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1 ? 1 : 0;
const LO = 1 - HI;

function highWord(x: number): number {
  f64[0] = x;
  return u32[HI] | 0;
}

function lowWord(x: number): number {
  f64[0] = x;
  return u32[LO];
}

function withHighWord(x: number, hi: number): number {
  f64[0] = x;
  u32[HI] = hi >>> 0;
  return f64[0];
}

const LN2_HI = [6.9314718036912381649e-1, -6.9314718036912381649e-1];
const LN2_LO = [1.90821492927058770002e-10, -1.90821492927058770002e-10];
const HALF = [0.5, -0.5];
const INV_LN2 = 1.442695040888963387;
const O_THRESHOLD = 7.09782712893383973096e2;
const U_THRESHOLD = -7.4513321910194110842e2;
const TWO_M1000 = 9.3326361850321887899e-302;
const HUGE = 1.0e300;
const P1 = 1.66666666666666019037e-1;
const P2 = -2.77777777770155933842e-3;
const P3 = 6.61375632143793436117e-5;
const P4 = -1.6533902205465251539e-6;
const P5 = 4.13813679705723846039e-8;

/** e to the power `x`, the same in every engine (fdlibm's algorithm; error < 1 ulp). */
export function detExp(x: number): number {
  let hx = highWord(x);
  const xsb = (hx >>> 31) & 1;
  hx &= 0x7fffffff;
  let k = 0;
  let hi = 0;
  let lo = 0;
  if (hx >= 0x40862e42) {
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | lowWord(x)) !== 0) return x + x; // NaN
      return xsb === 0 ? x : 0; // exp(+-Infinity)
    }
    if (x > O_THRESHOLD) return HUGE * HUGE;
    if (x < U_THRESHOLD) return TWO_M1000 * TWO_M1000;
  }
  if (hx > 0x3fd62e42) {
    // |x| > 0.5 ln2: reduce to x = k ln2 + r, |r| <= 0.5 ln2.
    if (hx < 0x3ff0a2b2) {
      hi = x - LN2_HI[xsb];
      lo = LN2_LO[xsb];
      k = 1 - xsb - xsb;
    } else {
      k = Math.trunc(INV_LN2 * x + HALF[xsb]);
      hi = x - k * LN2_HI[0]; // exact
      lo = k * LN2_LO[0];
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    return 1 + x; // |x| < 2^-28
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2.0) - x);
  const y = 1 - (lo - (x * c) / (2.0 - c) - hi);
  if (k >= -1021) return withHighWord(y, (highWord(y) + (k << 20)) | 0);
  return withHighWord(y, (highWord(y) + ((k + 1000) << 20)) | 0) * TWO_M1000;
}

const TWO54 = 1.8014398509481984e16;
const LG1 = 6.66666666666673513e-1;
const LG2 = 3.999999999940941908e-1;
const LG3 = 2.857142874366239149e-1;
const LG4 = 2.222219843214978396e-1;
const LG5 = 1.818357216161805012e-1;
const LG6 = 1.531383769920937332e-1;
const LG7 = 1.479819860511658591e-1;

/** The natural logarithm of `x`, the same in every engine (fdlibm's algorithm; error < 1 ulp). */
export function detLog(x: number): number {
  let hx = highWord(x);
  const lx = lowWord(x);
  let k = 0;
  if (hx < 0x00100000) {
    if (((hx & 0x7fffffff) | lx) === 0) return -Infinity; // log(+-0)
    if (hx < 0) return NaN; // log(negative)
    k -= 54; // subnormal: scale up
    x *= TWO54;
    hx = highWord(x);
  }
  if (hx >= 0x7ff00000) return x + x;
  k += (hx >> 20) - 1023;
  hx &= 0x000fffff;
  let i = (hx + 0x95f64) & 0x100000;
  x = withHighWord(x, hx | (i ^ 0x3ff00000)); // normalise x or x/2
  k += i >> 20;
  const f = x - 1.0;
  if ((0x000fffff & (2 + hx)) < 3) {
    // |f| < 2^-20
    if (f === 0) return k === 0 ? 0 : k * LN2_HI[0] + k * LN2_LO[0];
    const r = f * f * (0.5 - 0.3333333333333333 * f);
    return k === 0 ? f - r : k * LN2_HI[0] - (r - k * LN2_LO[0] - f);
  }
  const s = f / (2.0 + f);
  const dk = k;
  const z = s * s;
  i = hx - 0x6147a;
  const w = z * z;
  const j = 0x6b851 - hx;
  const t1 = w * (LG2 + w * (LG4 + w * LG6));
  const t2 = z * (LG1 + w * (LG3 + w * (LG5 + w * LG7)));
  i |= j;
  const r = t2 + t1;
  if (i > 0) {
    const hfsq = 0.5 * f * f;
    if (k === 0) return f - (hfsq - s * (hfsq + r));
    return dk * LN2_HI[0] - (hfsq - (s * (hfsq + r) + dk * LN2_LO[0]) - f);
  }
  if (k === 0) return f - s * (f - r);
  return dk * LN2_HI[0] - (s * (f - r) - dk * LN2_LO[0] - f);
}

const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.0875723212981748279e-9;
const C6 = -1.13596475577881948265e-11;
const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;

/** cos(r) for |r| <= pi/4 (fdlibm's __kernel_cos with no tail). */
function kernelCos(r: number): number {
  const z = r * r;
  const w = z * z;
  const p = z * (C1 + z * (C2 + z * C3)) + w * w * (C4 + z * (C5 + z * C6));
  const hz = 0.5 * z;
  const v = 1 - hz;
  return v + (1 - v - hz + z * p);
}

/** sin(r) for |r| <= pi/4 (fdlibm's __kernel_sin with no tail). */
function kernelSin(r: number): number {
  const z = r * r;
  const w = z * z;
  const p = S2 + z * (S3 + z * S4) + z * w * (S5 + z * S6);
  return r + z * r * (S1 + z * p);
}

/**
 * cos(2 pi u) for a fraction of a turn `u` (any finite number), the same in every engine. The
 * quadrant comes exactly from u (u - q/4 is exact), so only the small remainder is rounded once.
 */
export function detCosTurns(u: number): number {
  const q = Math.round(4 * u);
  const r = (u - q / 4) * (2 * Math.PI);
  switch (((q % 4) + 4) % 4) {
    case 0:
      return kernelCos(r);
    case 1:
      return -kernelSin(r);
    case 2:
      return -kernelCos(r);
    default:
      return kernelSin(r);
  }
}
