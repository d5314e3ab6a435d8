import { describe, expect, it } from "vitest";
import { SentCursor } from "../src-sim/worker/sentCursor";

describe("SentCursor: what a frame must carry", () => {
  it("goes on from what the page holds, and keeps the shared prefix after a seek back", () => {
    const c = new SentCursor();
    expect(c.start(1, 11, 4)).toEqual({ samples: 0, events: 0 });
    c.sent(11, 4);
    expect(c.start(1, 15, 6)).toEqual({ samples: 11, events: 4 });
    c.sent(15, 6);
    // Back to sample 5 (6 samples held by the run), no event logged since.
    expect(c.start(1, 6, 6)).toEqual({ samples: 6, events: 6 });
  });

  it("sends the whole bounded event log again after a seek back past logged events", () => {
    const c = new SentCursor();
    c.start(1, 50, 30);
    c.sent(50, 30);
    expect(c.start(1, 20, 10)).toEqual({ samples: 20, events: 0 });
  });

  it("starts over for a new generation of the run, and after clear", () => {
    const c = new SentCursor();
    c.start(1, 50, 30);
    c.sent(50, 30);
    expect(c.start(2, 50, 30)).toEqual({ samples: 0, events: 0 });
    c.sent(50, 30);
    c.clear();
    expect(c.start(2, 50, 30)).toEqual({ samples: 0, events: 0 });
  });
});
