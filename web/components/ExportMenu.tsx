/**
 * The Export menu (a disclosure in the header): the run so far as CSV or JSON, each chart shown
 * as PNG or SVG, and the embed snippet. Every file names the scenario's link at the current
 * moment. Escape or a click outside closes the menu; Escape returns focus to its button.
 */
import { ExportIcon } from "./icons";
import { useEffect, useId, useRef, useState } from "react";
import { exportFileName, runJson, samplesCsv } from "../../src-sim/export";
import { TIME_CHARTS, chartApplies, type TimeChartSpec } from "../charts/chartSpecs";
import { STRATEGY_NAMES } from "../content/strategyText";
import { chartPngFile, chartSvgFile } from "../export/chartExport";
import { downloadBlob, downloadText } from "../export/download";
import { exportSource, loggedEvents, seriesBatch } from "../export/runData";
import { formatClock } from "../format/numbers";
import { useApp, useAppStore, useRuntime } from "./context";
import { EmbedSnippet } from "./EmbedSnippet";

type DataFormat = "csv" | "json";
type ImageFormat = "png" | "svg";

/** The Export button and its panel. */
export function ExportMenu() {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const panelId = useId();

  useEffect(() => {
    if (!open) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    const onPointer = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("keydown", onKey);
    document.addEventListener("pointerdown", onPointer);
    return () => {
      document.removeEventListener("keydown", onKey);
      document.removeEventListener("pointerdown", onPointer);
    };
  }, [open]);

  return (
    <div className="menu" ref={root}>
      <button
        ref={button}
        type="button"
        className="btn"
        aria-expanded={open}
        aria-controls={panelId}
        onClick={() => setOpen(!open)}
      >
        <ExportIcon />
        <span className="btn-label">Export</span>
      </button>
      {open && <ExportPanel id={panelId} />}
    </div>
  );
}

/** The panel's content (mounted only while open, so it costs nothing while playing otherwise). */
function ExportPanel({ id }: { id: string }) {
  const store = useAppStore();
  const rt = useRuntime();
  const strategy = useApp((s) => s.scenario.strategy);
  const timeSec = useApp((s) => s.timeSec);
  const [status, setStatus] = useState("");
  const charts = TIME_CHARTS.filter((c) => chartApplies(c, strategy));

  /** The scenario's link at the moment shown, and the file names' parts. */
  const source = () => {
    const s = store.getState();
    return exportSource(window.location, s.base, s.timeSec, rt.series.sampleIntervalSec, s.changes);
  };

  const saveData = (format: DataFormat) => {
    const src = source();
    const batch = seriesBatch(rt.series);
    const name = exportFileName(src.scenario, src.scenario.t, format);
    if (format === "csv") downloadText(samplesCsv(batch, src), name, "text/csv");
    else downloadText(runJson(batch, loggedEvents(rt.events), src), name, "application/json");
    setStatus(`Saved ${name} (${batch.count.toLocaleString("en-US")} samples)`);
  };

  const saveChart = async (spec: TimeChartSpec, format: ImageFormat) => {
    const src = source();
    const s = store.getState();
    const input = {
      spec,
      series: rt.series,
      scenario: s.scenario,
      scale: s.queueScale,
      palette: rt.theme.palette,
      theory: s.theoryLines,
      meta: {
        url: src.url,
        caption: `Backpressure Playground · ${STRATEGY_NAMES[s.scenario.strategy]} · at ${formatClock(src.scenario.t)} · ${src.url}`,
      },
    };
    const name = exportFileName(src.scenario, src.scenario.t, format, spec.id);
    try {
      if (format === "svg") downloadText(chartSvgFile(input), name, "image/svg+xml");
      else downloadBlob(await chartPngFile(input), name);
      setStatus(`Saved ${name}`);
    } catch (error) {
      setStatus(`Could not save ${name}: ${(error as Error).message}`);
    }
  };

  return (
    <div id={id} className="menu-panel" role="region" aria-label="Export">
      <section className="menu-section" aria-labelledby={`${id}-data`}>
        <h2 className="menu-heading" id={`${id}-data`}>
          Data
        </h2>
        <p className="menu-note">
          The run from 0 to {formatClock(timeSec)}: every sample column, the events (JSON) and this scenario's link.
        </p>
        <div className="menu-row">
          <button type="button" className="btn" onClick={() => saveData("csv")}>
            Download CSV
          </button>
          <button type="button" className="btn" onClick={() => saveData("json")}>
            Download JSON
          </button>
        </div>
      </section>
      <section className="menu-section" aria-labelledby={`${id}-charts`}>
        <h2 className="menu-heading" id={`${id}-charts`}>
          Charts
        </h2>
        <ul className="menu-charts">
          {charts.map((spec) => (
            <li key={spec.id}>
              <span>{spec.title}</span>
              <button
                type="button"
                className="btn btn-small"
                aria-label={`${spec.title} chart as PNG`}
                onClick={() => saveChart(spec, "png")}
              >
                PNG
              </button>
              <button
                type="button"
                className="btn btn-small"
                aria-label={`${spec.title} chart as SVG`}
                onClick={() => saveChart(spec, "svg")}
              >
                SVG
              </button>
            </li>
          ))}
        </ul>
      </section>
      <EmbedSnippet />
      <p role="status" aria-live="polite" className="menu-status menu-saved">
        {status}
      </p>
    </div>
  );
}
