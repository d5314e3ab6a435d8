/**
 * The seeded generator's distributions: the ziggurat exponential and the Poisson sampler against
 * their exact laws (seeded, so each check is one fixed sample, not a flaky one).
 */
import { describe, expect, it } from "vitest";
import { ExponentialBatch, nextExponential, nextPoisson, nextUniform, seedRng } from "../src-sim/engine/rng";

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

describe("ExponentialBatch", () => {
  it("gives the draws nextExponential gives one at a time, and settle(k) leaves the stream after k of them", () => {
    const batch = new ExponentialBatch();
    for (const used of [0, 1, 7, 16, 17, 40, 200, 1500]) {
      const one = seedRng(99);
      const many = seedRng(99);
      batch.begin(many, 80_000);
      let drawn = 0;
      let left = 0;
      for (let k = 0; k < used; k++) {
        if (left === 0) {
          left = batch.fill();
          drawn = 0;
        }
        // Bit for bit: the same variate as the single draw (toBe compares with Object.is).
        expect(batch.gaps[drawn++]).toBe(nextExponential(one, 80_000));
        left--;
      }
      batch.settle(drawn);
      // The stream goes on where the single draws left it.
      expect(Array.from(many)).toEqual(Array.from(one));
      expect(nextExponential(many, 3)).toBe(nextExponential(one, 3));
    }
  });
});
