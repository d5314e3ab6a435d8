/**
 * The seeded generator's distributions: the ziggurat exponential and the Poisson sampler against
 * their exact laws (seeded, so each check is one fixed sample, not a flaky one).
 */
import { describe, expect, it } from "vitest";
import { nextExponential, nextPoisson, nextUniform, seedRng } from "../src-sim/engine/rng";

describe("nextExponential(s, rate)", () => {
  const n = 200_000;
  const rate = 4;
  const s = seedRng(11);
  const xs = Float64Array.from({ length: n }, () => nextExponential(s, rate)).sort();

  it("has mean 1 / rate and variance 1 / rate^2 within sampling error", () => {
    const mean = xs.reduce((a, x) => a + x, 0) / n;
    const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / n;
    expect(Math.abs(mean - 1 / rate)).toBeLessThan(4 / rate / Math.sqrt(n));
    expect(Math.abs(variance * rate * rate - 1)).toBeLessThan(0.02);
  });

  it("passes Kolmogorov-Smirnov against 1 - exp(-rate x) at the 1% level", () => {
    let d = 0;
    for (let i = 0; i < n; i++) {
      const F = 1 - Math.exp(-rate * xs[i]);
      d = Math.max(d, Math.abs(F - i / n), Math.abs(F - (i + 1) / n));
    }
    expect(d).toBeLessThan(1.63 / Math.sqrt(n));
  });

  it("reaches the tail beyond the ziggurat's base strip (x > 7.7 means) about as often as exp(-7.7)", () => {
    const s2 = seedRng(5);
    let beyond = 0;
    const m = 2_000_000;
    for (let i = 0; i < m; i++) if (nextExponential(s2, 1) > 7.697117470131487) beyond++;
    const expected = m * Math.exp(-7.697117470131487);
    expect(Math.abs(beyond - expected)).toBeLessThan(4 * Math.sqrt(expected));
  });
});

describe("nextPoisson(s, mean)", () => {
  for (const mean of [0.5, 3, 30, 3000, 5e7]) {
    it(`mean ${mean}: sample mean and variance match`, () => {
      const s = seedRng(3);
      const n = 20_000;
      let sum = 0;
      let sum2 = 0;
      for (let i = 0; i < n; i++) {
        const k = nextPoisson(s, mean);
        sum += k;
        sum2 += k * k;
      }
      const m = sum / n;
      const v = sum2 / n - m * m;
      expect(Math.abs(m - mean)).toBeLessThan(5 * Math.sqrt(mean / n));
      expect(Math.abs(v / mean - 1)).toBeLessThan(0.05);
    });
  }
});

describe("seedRng(seed)", () => {
  it("the same seed gives the same stream, another seed another", () => {
    const draw = (seed: number) => {
      const s = seedRng(seed);
      return Array.from({ length: 8 }, () => nextUniform(s));
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });
});
