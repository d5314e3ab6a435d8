/**
 * Malformed links: each loads the rest of the scenario, shows a banner naming every bad key with
 * the value used instead, rewrites the address to what was loaded, runs nothing from the link
 * (no dialog, no markup in the banner) and logs no console error.
 */
import { expect, test } from "@playwright/test";
import { open, watchConsole } from "./support";
import { SCHEMA_VERSION } from "../src-sim/scenario/codec";

interface BadLink {
  /** The query as it would be typed or pasted (not re-encoded). */
  query: string;
  /** Bad keys the banner must name, with the value used ("" when the key was ignored). */
  bad: Array<[key: string, used: string]>;
  /** The address after loading: what was actually used. */
  canonical: string;
  /** Text the banner must contain. */
  says?: string;
}

const LINKS: BadLink[] = [
  { query: "producer=abc", bad: [["producer", "100000"]], canonical: "" },
  {
    query: "producer=-5&consumer=-100",
    bad: [
      ["producer", "1"],
      ["consumer", "1"],
    ],
    canonical: "producer=1&consumer=1",
  },
  { query: "producer=1e999", bad: [["producer", "10000000"]], canonical: "producer=10000000" },
  { query: "memory=99999999999999999999999", bad: [["memory", "10000000000000"]], canonical: "memory=10000000000000" },
  { query: "strategy=lifo", bad: [["strategy", "unbounded"]], canonical: "" },
  {
    query: "strategy=TCP&arrivals=Poisson",
    bad: [
      ["strategy", "unbounded"],
      ["arrivals", "constant"],
    ],
    canonical: "",
  },
  { query: "producer=5&producer=6", bad: [["producer", "5"]], canonical: "producer=5" },
  {
    query: "strategy=block&strategy=watermark&strategy=tcp",
    bad: [
      ["strategy", "block"],
      ["strategy", "block"],
    ],
    canonical: "strategy=block",
  },
  {
    query: "v=99&producer=200000",
    bad: [],
    canonical: "producer=200000",
    says: "newer version of the playground (v=99)",
  },
  {
    query: "v=99&futureKnob=7&strategy=block",
    bad: [["futureKnob", ""]],
    canonical: "strategy=block",
    says: "newer version",
  },
  { query: "v=abc&consumer=60000", bad: [["v", String(SCHEMA_VERSION)]], canonical: "consumer=60000" },
  { query: "%F0%9F%9A%80=1", bad: [["🚀", ""]], canonical: "" },
  { query: "producer=%EF%BC%91%EF%BC%92%EF%BC%93", bad: [["producer", "100000"]], canonical: "" },
  {
    query: "strategy=%3Cscript%3Ealert(1)%3C%2Fscript%3E",
    bad: [["strategy", "unbounded"]],
    canonical: "",
    says: "<script>alert(1)</script>",
  },
  { query: "%3Cimg%20src%3Dx%20onerror%3Dalert(1)%3E=1", bad: [["<img src=x onerror=alert(1)>", ""]], canonical: "" },
  { query: "producer=<script>alert(1)</script>", bad: [["producer", "100000"]], canonical: "" },
  { query: "garbage", bad: [["garbage", ""]], canonical: "" },
  {
    query: "%%%=%zz&producer=%E0%A4%A",
    bad: [
      ["%%%", ""],
      ["producer", "100000"],
    ],
    canonical: "",
  },
  { query: "t=-10", bad: [["t", "0"]], canonical: "" },
  {
    query: "t=99999",
    bad: [
      ["t", "86400"],
      ["t", "180"],
    ],
    canonical: "t=180",
  },
  // The rules between keys hold where they apply (the strategy table): a bounded queue that drops
  // has no watermarks, so only the capacity is reported, not marks the user never set.
  {
    query: "strategy=drop-newest&capacity=0",
    bad: [["capacity", "1"]],
    canonical: "strategy=drop-newest&capacity=1",
  },
  {
    query: "strategy=watermark&capacity=5000&high=9000&low=9500",
    bad: [
      ["high", "5000"],
      ["low", "5000"],
    ],
    canonical: "strategy=watermark&capacity=5000&high=5000&low=5000",
  },
  {
    query: "seed=1.5&duration=0",
    bad: [
      ["seed", "2"],
      ["duration", "1"],
    ],
    canonical: "seed=2&duration=1",
  },
  {
    query: "eventBytes=NaN&signalDelay=Infinity",
    bad: [
      ["eventBytes", "1000"],
      ["signalDelay", "0"],
    ],
    canonical: "",
  },
  { query: "strategy=watermark&onPause=explode", bad: [["onPause", "slow"]], canonical: "strategy=watermark" },
  {
    query: "producer=0x10&consumer=1,000",
    bad: [
      ["producer", "100000"],
      ["consumer", "50000"],
    ],
    canonical: "",
  },
  {
    query: "toString=1&__proto__=x&constructor=y",
    bad: [
      ["toString", ""],
      ["__proto__", ""],
      ["constructor", ""],
    ],
    canonical: "",
  },
  { query: `strategy=${"x".repeat(500)}`, bad: [["strategy", "unbounded"]], canonical: "" },
  {
    query: "embed=maybe&hide=everything,memory",
    bad: [
      ["embed", "0"],
      ["hide", "memory"],
    ],
    canonical: "embed=maybe&hide=everything,memory",
  },
  {
    query: "&&&=&producer=&consumer= ",
    bad: [
      ["", ""],
      ["producer", "100000"],
      ["consumer", "50000"],
    ],
    canonical: "",
  },
  {
    query: "rtt=-1&maxPollRecords=1e12&prefetch=abc&publisher=lukewarm",
    bad: [
      ["rtt", "0.0001"],
      ["maxPollRecords", "100000"],
      ["prefetch", "128"],
      ["publisher", "cold"],
    ],
    canonical: "rtt=0.0001&maxPollRecords=100000",
  },
];

for (const [i, link] of LINKS.entries()) {
  test(`bad link ${i + 1}: ?${link.query.slice(0, 60)}`, async ({ page }) => {
    const errors = watchConsole(page);
    const dialogs: string[] = [];
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    await open(page, `?${link.query}`);
    const banner = page.getByRole("alert");
    await expect(banner).toBeVisible();
    if (link.says) await expect(banner).toContainText(link.says);
    const items = banner.locator("li");
    await expect(items).toHaveCount(link.bad.length);
    const found = await items.evaluateAll((lis) =>
      lis.map((li) => [li.getAttribute("data-key"), li.getAttribute("data-used")]),
    );
    expect(found).toEqual(link.bad);
    for (const [k, [key, used]] of link.bad.entries()) {
      // In plain words: each item names the key and says which value is used (or that it was ignored).
      await expect(items.nth(k).locator(".banner-key")).toHaveText(key);
      await expect(items.nth(k)).toContainText(used === "" ? "ignored" : used);
    }
    await expect(banner.locator("script, img, iframe")).toHaveCount(0);
    await expect.poll(() => new URL(page.url()).search.slice(1)).toBe(link.canonical);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
  });
}

test("there are at least 30 malformed links", () => {
  expect(LINKS.length).toBeGreaterThanOrEqual(30);
});
