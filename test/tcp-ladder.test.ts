/**
 * The TCP ladder (issue 15): the segments, probes and ACKs of a zoomed span, recorded by the
 * worker's detached replay (src-sim/models/tcp/ladder.ts, src-sim/worker/zoom.ts). It must be the
 * run's own traffic (agreeing with the samples), the same every time, bounded, and show the
 * persist timer's backoff where the receiver's window is closed.
 */
import { describe, expect, it } from "vitest";
import {
  LADDER_ACK,
  LADDER_PROBE,
  LADDER_SEGMENT,
  LADDER_WINDOW_UPDATE,
  MAX_LADDER_RECORDS,
  type LadderTrace,
} from "../src-sim/models/tcp/ladder";
import { decodeScenario } from "../src-sim/scenario/codec";
import { Timeline } from "../src-sim/worker/timeline";
import { readFromWorker } from "../src-sim/worker/messageCheck";
import { zoomFrame } from "../src-sim/worker/zoom";

function timelineAt(query: string, atSec: number): Timeline {
  const timeline = new Timeline(decodeScenario(query).scenario);
  timeline.advanceTo(Math.round(atSec / timeline.sampleIntervalSec));
  return timeline;
}

function zoom(timeline: Timeline, fromSec: number, toSec: number) {
  return zoomFrame(timeline, { type: "zoom", requestId: 1, fromSec, toSec, samples: 400 }, () => 0);
}

/**
 * Checks that each segment ends within the right edge of the last ACK that reached the sender
 * before it left (SND.NXT <= SND.UNA + SND.WND, seen on the wire); returns how many it checked.
 */
function segmentsWithinWindow(ladder: LadderTrace): number {
  let checked = 0;
  for (let i = 0; i < ladder.count; i++) {
    if (ladder.kind[i] !== LADDER_SEGMENT) continue;
    let edge = NaN;
    let latest = -Infinity;
    for (let j = 0; j < ladder.count; j++) {
      if (ladder.kind[j] === LADDER_SEGMENT || ladder.kind[j] === LADDER_PROBE) continue;
      if (ladder.arrivesSec[j] <= ladder.sentSec[i] && ladder.arrivesSec[j] >= latest) {
        latest = ladder.arrivesSec[j];
        edge = ladder.seq[j] + ladder.windowBytes[j];
      }
    }
    if (Number.isNaN(edge)) continue;
    expect(ladder.seq[i] + ladder.lenBytes[i]).toBeLessThanOrEqual(edge);
    checked++;
  }
  return checked;
}

describe("the TCP ladder of a zoomed span", () => {
  it("a slow reader: zero windows, window updates and probes whose wait doubles within an episode", () => {
    const timeline = timelineAt("strategy=tcp&consumer=1&duration=120", 30);
    const ladder = zoom(timeline, 2, 12).ladder!;
    expect(ladder.count).toBe(ladder.total);
    const kinds = Array.from(ladder.kind);
    expect(kinds).toContain(LADDER_PROBE);
    expect(kinds).toContain(LADDER_WINDOW_UPDATE);
    // Zero windows are advertised by ACKs.
    const zeroAcks = kinds.filter((k, i) => k === LADDER_ACK && ladder.windowBytes[i] === 0).length;
    expect(zeroAcks).toBeGreaterThan(0);
    // Two probes in a row without data between them: the second waits twice as long.
    let doubled = 0;
    let lastProbe = -1;
    for (let i = 0; i < ladder.count; i++) {
      if (ladder.kind[i] === LADDER_SEGMENT || ladder.kind[i] === LADDER_WINDOW_UPDATE) lastProbe = -1;
      if (ladder.kind[i] !== LADDER_PROBE) continue;
      if (lastProbe >= 0) {
        expect(ladder.nextProbeSec[i]).toBeCloseTo(2 * ladder.nextProbeSec[lastProbe], 9);
        doubled++;
      }
      lastProbe = i;
    }
    expect(doubled).toBeGreaterThan(3);
    expect(segmentsWithinWindow(ladder)).toBeGreaterThan(3);
    // A probe carries no data.
    for (let i = 0; i < ladder.count; i++) {
      if (ladder.kind[i] === LADDER_PROBE) expect(ladder.lenBytes[i]).toBe(0);
    }
  });

  it("the default connection: the first records of a busy span are kept and the rest counted, and they match the samples", () => {
    const timeline = timelineAt("strategy=tcp&duration=20", 3);
    const before = timeline.index;
    const frame = zoom(timeline, 2, 2.05);
    const ladder = frame.ladder!;
    expect(timeline.index).toBe(before);
    expect(ladder.count).toBe(MAX_LADDER_RECORDS);
    expect(ladder.total).toBeGreaterThan(1000);
    // Departures in order on each side, all within the span.
    let lastSeg = -Infinity;
    let lastAck = -Infinity;
    for (let i = 0; i < ladder.count; i++) {
      expect(ladder.sentSec[i]).toBeGreaterThanOrEqual(2);
      expect(ladder.sentSec[i]).toBeLessThanOrEqual(2.05);
      expect(ladder.arrivesSec[i]).toBeGreaterThan(ladder.sentSec[i]);
      if (ladder.kind[i] === LADDER_SEGMENT) {
        expect(ladder.sentSec[i]).toBeGreaterThanOrEqual(lastSeg);
        lastSeg = ladder.sentSec[i];
      } else {
        expect(ladder.sentSec[i]).toBeGreaterThanOrEqual(lastAck);
        lastAck = ladder.sentSec[i];
      }
    }
    // The run's own bytes: the first segment starts at SND.NXT of the fine sample at or before it.
    const c = frame.columns;
    const first = Array.from(ladder.kind).indexOf(LADDER_SEGMENT);
    const at = Math.floor((ladder.sentSec[first] - frame.startSec) / frame.sampleIntervalSec);
    expect(ladder.seq[first]).toBeGreaterThanOrEqual(c.tcpSndNxt[at]);
    expect(ladder.seq[first]).toBeLessThan(c.tcpSndNxt[at + 1]);
  });

  it("is the same ladder every time the span is asked for", () => {
    const timeline = timelineAt("strategy=tcp&consumer=1&duration=120", 30);
    const a = zoom(timeline, 4, 9).ladder!;
    timeline.seek(Math.round(20 / timeline.sampleIntervalSec));
    const b = zoom(timeline, 4, 9).ladder!;
    expect(b).toEqual(a);
  });

  it("other models have no ladder", () => {
    expect(zoom(timelineAt("strategy=kafka&duration=20", 5), 1, 2).ladder).toBeNull();
    expect(zoom(timelineAt("duration=20", 5), 1, 2).ladder).toBeNull();
  });
});

describe("the ladder crossing to the page", () => {
  it("a zoomed frame with a well-formed ladder is read; a malformed one is refused with a reason", () => {
    const frame = zoom(timelineAt("strategy=tcp&consumer=1&duration=120", 30), 2, 12);
    expect(readFromWorker(frame)).toMatchObject({ ok: true });
    expect(readFromWorker({ ...frame, ladder: null })).toMatchObject({ ok: true });
    const short = { ...frame.ladder!, seq: frame.ladder!.seq.slice(1) };
    expect(readFromWorker({ ...frame, ladder: short })).toEqual({
      ok: false,
      problem: "a zoomed frame whose ladder.seq is malformed",
    });
    expect(readFromWorker({ ...frame, ladder: undefined })).toMatchObject({ ok: false });
  });
});
