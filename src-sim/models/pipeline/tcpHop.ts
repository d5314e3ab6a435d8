/**
 * A TCP connection between two stages of a pipeline (SEMANTICS.md, "TCP hops"), simplified: the
 * stage before writes whole events into a send buffer of `sndBuf` bytes (a full buffer blocks the
 * write until it has drained to 2/3); an event is sent when the link is free and the receiver's
 * window allows it, takes `eventBytes x 8 / link` on the link and reaches the receive buffer RTT/2
 * later; the receiver acknowledges each arrival with its window (the free space of its `rcvBuf`),
 * and the stage after reading an event re-advertises a grown window; an acknowledgement or window
 * update reaches the sender RTT/2 after it was sent. Units are events (`eventBytes` each): a
 * window or buffer is a whole number of events, at least one. Plain state; the pipeline's event
 * loop (model.ts) decides when each step happens.
 */
import { RunQueue } from "../../engine/runQueue";
import type { Scenario } from "../../scenario/params";

/** What a TCP hop did up to now, and its state: the command line's `stages[i].hop`. */
export interface TcpHopSummary {
  kind: "tcp";
  /** Events the stage before wrote into the send buffer. */
  written: number;
  /** Events in the send buffer not yet sent. */
  unsent: number;
  /** Events sent and not yet acknowledged (on the wire, or acknowledged by a reply still on its way). */
  unacked: number;
  /** Bytes the send buffer holds (unsent + unacknowledged). */
  sendBufferBytes: number;
  /** The window the sender knows: events it may still send, bytes. */
  windowBytes: number;
  /** Times the receiver advertised a zero window (its buffer full). */
  zeroWindows: number;
  /** Events written and not yet in the receive buffer (in the send buffer or on the wire). */
  inTransit: number;
  /** Events lost when the connection was reset (the stage after crashed). */
  resetLost: number;
}

/** The TCP connection's state. */
export class TcpHop {
  /** Emit times of the events written and not yet sent. */
  readonly unsent = new RunQueue();
  /** Events on the wire to the receiver: arrival instants and emit times (FIFO). */
  wireAt: number[] = [];
  wireEmit: number[] = [];
  /** Acknowledgements on their way back: arrival instants, acknowledged count, window (events). */
  ackAt: number[] = [];
  ackUpTo: number[] = [];
  ackWindow: number[] = [];
  /** Events sent so far, and acknowledged so far (as the sender knows). */
  sndNxt = 0;
  sndUna = 0;
  /** The sender may send events below this (acknowledged + window, as last heard). */
  sndLimit: number;
  /** Events received so far (the receiver's acknowledged count). */
  rcvNxt = 0;
  /** The window the receiver last advertised, events. */
  advertised: number;
  /** The right edge the receiver has advertised (received + window), events; it never moves back. */
  rightEdge: number;
  /** When the link is free for the next event, s. */
  linkFreeSec = 0;
  /** The writer found the buffer full: it waits until the buffer drains to 2/3. */
  writerBlocked = false;
  written = 0;
  zeroWindows = 0;
  resetLost = 0;

  constructor(readonly sc: Scenario) {
    this.advertised = this.rcvCapacity();
    this.rightEdge = this.advertised;
    this.sndLimit = this.advertised;
  }

  /**
   * Receiver silly-window avoidance (RFC 9293 3.8.6.2.2): the right edge moves only by at least
   * min(rcvBuf / 2, MSS) (whole events, at least one); `free` is the receive buffer's free space,
   * events. Returns whether it moved.
   */
  openWindow(free: number): boolean {
    const step = Math.max(1, Math.ceil(Math.min(this.sc.rcvBuf / 2, this.sc.mss) / this.sc.eventBytes));
    const candidate = this.rcvNxt + free;
    if (candidate - this.rightEdge < step) return false;
    this.rightEdge = candidate;
    return true;
  }

  /** The send buffer's size, events (at least one). */
  sndCapacity(): number {
    return Math.max(1, Math.floor(this.sc.sndBuf / this.sc.eventBytes));
  }

  /** The receive buffer's size, events (at least one). */
  rcvCapacity(): number {
    return Math.max(1, Math.floor(this.sc.rcvBuf / this.sc.eventBytes));
  }

  /** Events the send buffer holds: unsent and unacknowledged. */
  sendBufferUsed(): number {
    return this.unsent.size + this.sndNxt - this.sndUna;
  }

  /** Whether a write of one event is accepted now (a blocked writer waits for the 2/3 mark). */
  canWrite(): boolean {
    const used = this.sendBufferUsed();
    if (used + 1 > this.sndCapacity()) return false;
    return !this.writerBlocked || used <= Math.floor((2 * this.sndCapacity()) / 3);
  }

  /** Events on the wire or in the send buffer (not yet in the receive buffer). */
  inTransit(): number {
    return this.unsent.size + this.wireAt.length;
  }

  /** Seconds one event takes on the link. */
  serializationSec(): number {
    return (this.sc.eventBytes * 8) / this.sc.link;
  }

  /** Whether the head of the send buffer may go now (the window allows it). */
  windowOpen(): boolean {
    return this.sndNxt < this.sndLimit;
  }

  /** The next instant the sender can send, or Infinity (nothing to send, or a closed window). */
  nextSendSec(): number {
    if (this.unsent.size === 0 || !this.windowOpen()) return Infinity;
    return this.linkFreeSec;
  }

  /** Sends the head of the send buffer at `nowSec`: it reaches the receiver after the link and RTT/2. */
  send(nowSec: number): void {
    const emit = this.unsent.shiftOne();
    const ser = this.serializationSec();
    const start = nowSec > this.linkFreeSec ? nowSec : this.linkFreeSec;
    this.linkFreeSec = start + ser;
    this.wireAt.push(this.linkFreeSec + this.sc.rtt / 2);
    this.wireEmit.push(emit);
    this.sndNxt++;
  }

  /** The receiver sends an acknowledgement at `nowSec`, with the window its right edge leaves. */
  acknowledge(nowSec: number): void {
    const window = Math.max(0, this.rightEdge - this.rcvNxt);
    if (window === 0 && this.advertised > 0) this.zeroWindows++;
    this.advertised = window;
    this.ackAt.push(nowSec + this.sc.rtt / 2);
    this.ackUpTo.push(this.rcvNxt);
    this.ackWindow.push(window);
  }

  /** An acknowledgement reaches the sender: the buffer frees what it acknowledged, the window moves. */
  ackArrives(): void {
    const upTo = this.ackUpTo.shift()!;
    const window = this.ackWindow.shift()!;
    this.ackAt.shift();
    if (upTo > this.sndUna) this.sndUna = upTo;
    this.sndLimit = upTo + window;
  }

  /** Next event of the connection itself (an arrival at the receiver, an acknowledgement, a send), s. */
  nextEventSec(): number {
    let t = this.nextSendSec();
    if (this.wireAt.length > 0 && this.wireAt[0] < t) t = this.wireAt[0];
    if (this.ackAt.length > 0 && this.ackAt[0] < t) t = this.ackAt[0];
    return t;
  }

  /** The connection is reset (the receiver died): everything in transit is lost; returns how much. */
  reset(): number {
    const lost = this.inTransit();
    this.unsent.clear();
    this.wireAt.length = 0;
    this.wireEmit.length = 0;
    this.ackAt.length = 0;
    this.ackUpTo.length = 0;
    this.ackWindow.length = 0;
    this.sndNxt = 0;
    this.sndUna = 0;
    this.rcvNxt = 0;
    this.advertised = this.rcvCapacity();
    this.rightEdge = this.advertised;
    this.sndLimit = this.advertised;
    this.writerBlocked = false;
    this.resetLost += lost;
    return lost;
  }

  summary(): TcpHopSummary {
    return {
      kind: "tcp",
      written: this.written,
      unsent: this.unsent.size,
      unacked: this.sndNxt - this.sndUna,
      sendBufferBytes: this.sendBufferUsed() * this.sc.eventBytes,
      windowBytes: Math.max(0, this.sndLimit - this.sndNxt) * this.sc.eventBytes,
      zeroWindows: this.zeroWindows,
      inTransit: this.inTransit(),
      resetLost: this.resetLost,
    };
  }

  /** A deep copy (for checkpoints). */
  clone(): TcpHop {
    const c = Object.assign(new TcpHop(this.sc), this);
    Object.assign(c, { unsent: this.unsent.clone() });
    c.wireAt = this.wireAt.slice();
    c.wireEmit = this.wireEmit.slice();
    c.ackAt = this.ackAt.slice();
    c.ackUpTo = this.ackUpTo.slice();
    c.ackWindow = this.ackWindow.slice();
    return c;
  }
}
