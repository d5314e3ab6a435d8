/**
 * A stand-in for a canvas 2D context that writes SVG instead of pixels: the chart's own drawing
 * code (drawSeries, through paintSeries) runs unchanged and each stroke or fill becomes a <path>.
 * One implementation draws the live canvas and the exported SVG, so they cannot drift apart.
 */
import type { PathContext } from "../charts/drawSeries";

/** Rounds a coordinate to 0.01 px: invisible at any zoom, and keeps files small. */
function n(v: number): string {
  return String(Math.round(v * 100) / 100);
}

/** Escapes text for an XML attribute or element. */
export function xml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
}

/** Records paths as SVG markup; read `markup` when drawing is done. */
export class SvgPathContext implements PathContext {
  strokeStyle: PathContext["strokeStyle"] = "#000";
  fillStyle: PathContext["fillStyle"] = "#000";
  lineWidth = 1;
  globalAlpha = 1;
  private d: string[] = [];
  private dash: number[] = [];
  private readonly out: string[] = [];
  private clipDepth = 0;
  private clips = 0;

  constructor(private readonly idPrefix = "clip") {}

  /** The SVG elements drawn so far (paths, clip groups closed). */
  get markup(): string {
    return this.out.join("") + "</g>".repeat(this.clipDepth);
  }

  beginPath(): void {
    this.d = [];
  }
  moveTo(x: number, y: number): void {
    this.d.push(`M${n(x)} ${n(y)}`);
  }
  lineTo(x: number, y: number): void {
    this.d.push(`L${n(x)} ${n(y)}`);
  }
  closePath(): void {
    this.d.push("Z");
  }
  setLineDash(segments: number[]): void {
    this.dash = [...segments];
  }
  /** Adds a rectangle to the current path (used to clip). */
  rect(x: number, y: number, w: number, h: number): void {
    this.d.push(`M${n(x)} ${n(y)}h${n(w)}v${n(h)}h${n(-w)}Z`);
  }
  /** Starts a group clipped to the current path; `restore()` ends it. */
  clip(): void {
    const id = `${this.idPrefix}-${++this.clips}`;
    this.out.push(`<clipPath id="${id}"><path d="${this.d.join("")}"/></clipPath><g clip-path="url(#${id})">`);
    this.clipDepth++;
  }
  save(): void {}
  restore(): void {
    if (this.clipDepth > 0) {
      this.out.push("</g>");
      this.clipDepth--;
    }
  }
  stroke(): void {
    if (this.d.length === 0) return;
    const dash = this.dash.length ? ` stroke-dasharray="${this.dash.join(" ")}"` : "";
    const alpha = this.globalAlpha < 1 ? ` stroke-opacity="${this.globalAlpha}"` : "";
    this.out.push(
      `<path d="${this.d.join("")}" fill="none" stroke="${xml(String(this.strokeStyle))}" stroke-width="${this.lineWidth}" stroke-linejoin="round"${dash}${alpha}/>`,
    );
  }
  fill(): void {
    if (this.d.length === 0) return;
    const alpha = this.globalAlpha < 1 ? ` fill-opacity="${this.globalAlpha}"` : "";
    this.out.push(`<path d="${this.d.join("")}" fill="${xml(String(this.fillStyle))}" stroke="none"${alpha}/>`);
  }
}
