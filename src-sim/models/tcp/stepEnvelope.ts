/**
 * The envelope of the TCP model's level columns over the steps it took since it last reported to
 * the engine. The engine widens its per-sample envelope with the state after every step of a
 * model (runContext.ts `stepped`), which means writing a whole sample row and scanning every level
 * column per segment, ACK, read and write: about half of a TCP run's time. While nothing reads
 * each step's state (no fine sampler), the TCP model notes the same values here instead, and hands
 * the range over once per call of advanceTo. Min and max do not depend on the order of the values,
 * so the samples are the same bit for bit.
 */
import type { Envelope } from "../../engine/envelope";

/** Least and greatest value of each TCP level column over the steps noted since the last flush. */
export class StepEnvelope {
  /** Steps noted since the last flush. */
  steps = 0;
  private queuedLo = Infinity;
  private queuedHi = -Infinity;
  private inServiceLo = Infinity;
  private inServiceHi = -Infinity;
  private userLo = Infinity;
  private userHi = -Infinity;
  private ageLo = Infinity;
  private ageHi = -Infinity;
  private upstreamLo = Infinity;
  private upstreamHi = -Infinity;
  private wndLo = Infinity;
  private wndHi = -Infinity;
  private inFlightLo = Infinity;
  private inFlightHi = -Infinity;
  private sendLo = Infinity;
  private sendHi = -Infinity;
  private unaLo = Infinity;
  private unaHi = -Infinity;
  private nxtLo = Infinity;
  private nxtHi = -Infinity;

  /**
   * Notes the state after one step: events queued and in service, RCV.USER (bytes), the oldest
   * waiting event's age (s), events in the producer's buffer, SND.WND, bytes in flight, bytes in
   * the send buffer, SND.UNA and SND.NXT.
   */
  note(
    queued: number,
    inService: number,
    user: number,
    ageSec: number,
    upstream: number,
    wnd: number,
    inFlight: number,
    send: number,
    una: number,
    nxt: number,
  ): void {
    this.steps++;
    if (queued < this.queuedLo) this.queuedLo = queued;
    if (queued > this.queuedHi) this.queuedHi = queued;
    if (inService < this.inServiceLo) this.inServiceLo = inService;
    if (inService > this.inServiceHi) this.inServiceHi = inService;
    if (user < this.userLo) this.userLo = user;
    if (user > this.userHi) this.userHi = user;
    if (ageSec < this.ageLo) this.ageLo = ageSec;
    if (ageSec > this.ageHi) this.ageHi = ageSec;
    if (upstream < this.upstreamLo) this.upstreamLo = upstream;
    if (upstream > this.upstreamHi) this.upstreamHi = upstream;
    if (wnd < this.wndLo) this.wndLo = wnd;
    if (wnd > this.wndHi) this.wndHi = wnd;
    if (inFlight < this.inFlightLo) this.inFlightLo = inFlight;
    if (inFlight > this.inFlightHi) this.inFlightHi = inFlight;
    if (send < this.sendLo) this.sendLo = send;
    if (send > this.sendHi) this.sendHi = send;
    if (una < this.unaLo) this.unaLo = una;
    if (una > this.unaHi) this.unaHi = una;
    if (nxt < this.nxtLo) this.nxtLo = nxt;
    if (nxt > this.nxtHi) this.nxtHi = nxt;
  }

  /**
   * Widens `envelope` to the ranges noted and starts over. Memory is baseline + RCV.USER and the
   * producer's buffer is upstream x eventBytes: both grow with what is tracked, so their extremes
   * are the tracked extremes' images (floating-point addition and multiplication by a positive
   * number are monotone, so this is exact).
   */
  flush(envelope: Envelope, baselineBytes: number, eventBytes: number): void {
    if (this.steps === 0) return;
    envelope.noteRange("queued", this.queuedLo, this.queuedHi);
    envelope.noteRange("inService", this.inServiceLo, this.inServiceHi);
    envelope.noteRange("memoryBytes", baselineBytes + this.userLo, baselineBytes + this.userHi);
    envelope.noteRange("oldestAgeSec", this.ageLo, this.ageHi);
    envelope.noteRange("upstreamQueued", this.upstreamLo, this.upstreamHi);
    envelope.noteRange("upstreamBytes", this.upstreamLo * eventBytes, this.upstreamHi * eventBytes);
    envelope.noteRange("tcpWindowBytes", this.wndLo, this.wndHi);
    envelope.noteRange("tcpInFlightBytes", this.inFlightLo, this.inFlightHi);
    envelope.noteRange("tcpSendBufferBytes", this.sendLo, this.sendHi);
    envelope.noteRange("tcpReceiveBufferBytes", this.userLo, this.userHi);
    envelope.noteRange("tcpSndUna", this.unaLo, this.unaHi);
    envelope.noteRange("tcpSndNxt", this.nxtLo, this.nxtHi);
    this.reset();
  }

  private reset(): void {
    this.steps = 0;
    this.queuedLo = this.inServiceLo = this.userLo = this.ageLo = this.upstreamLo = Infinity;
    this.wndLo = this.inFlightLo = this.sendLo = this.unaLo = this.nxtLo = Infinity;
    this.queuedHi = this.inServiceHi = this.userHi = this.ageHi = this.upstreamHi = -Infinity;
    this.wndHi = this.inFlightHi = this.sendHi = this.unaHi = this.nxtHi = -Infinity;
  }

  /** A copy (for checkpoints; a model is copied between calls, when nothing is pending). */
  clone(): StepEnvelope {
    return Object.assign(new StepEnvelope(), this);
  }
}
