import { describe, expect, it } from "vitest";
import {
  formatBytes,
  formatClock,
  formatCount,
  formatDuration,
  formatPercent,
  formatRate,
} from "../web/format/numbers";

describe("formatCount", () => {
  it.each([
    [0, "0"],
    [999, "999"],
    [5000, "5.0K"],
    [50_000, "50K"],
    [500_000, "500K"],
    [999_700, "1.0M"],
    [3_000_000, "3.0M"],
    [6_000_001, "6.0M"],
    [12_400_000, "12M"],
    [2.5e9, "2.5B"],
    [NaN, "–"],
    [2.5, "2.5"],
  ])("formatCount(%s) is %s", (n, text) => expect(formatCount(n)).toBe(text));
  it("formatRate(100000) is 100K/s", () => expect(formatRate(100_000)).toBe("100K/s"));
});

describe("formatBytes", () => {
  it.each([
    [6e9, "6 GB"],
    [1.5e9, "1.5 GB"],
    [500e6, "500 MB"],
    [980, "980 B"],
    [10_000, "10 KB"],
    [0, "0 B"],
  ])("formatBytes(%s) is %s", (b, text) => expect(formatBytes(b)).toBe(text));
});

describe("formatDuration", () => {
  it.each([
    [0.12, "120 ms"],
    [0.00085, "850 µs"],
    [1.5, "1.5 s"],
    [45, "45 s"],
    [110, "110 s"],
    [1800, "30 min"],
    [86_400, "24.0 h"],
    [NaN, "–"],
    [Infinity, "∞"],
  ])("formatDuration(%s) is %s", (s, text) => expect(formatDuration(s)).toBe(text));
});

describe("formatPercent and formatClock", () => {
  it("formatPercent(0.5) is 50%", () => expect(formatPercent(0.5)).toBe("50%"));
  it("formatPercent(0.025) is 2.5%", () => expect(formatPercent(0.025)).toBe("2.5%"));
  it("formatPercent(0.0001) is <0.1%", () => expect(formatPercent(0.0001)).toBe("<0.1%"));
  it("formatClock(60.00000001) is 60.0 s", () => expect(formatClock(60.00000001)).toBe("60.0 s"));
});
