/**
 * The transport bar: Play/Pause, Step, Reset, Speed, "Stop at OOM", and the timeline (a scrubber over the run's
 * span with the current time). The timeline is a native range input, so arrow keys scrub it by
 * one sample and Page Up/Down by larger steps without extra code.
 */
import { useEffect, useId, useState, type CSSProperties } from "react";
import type { Speed } from "../../src-sim/worker/protocol";
import { formatClock, formatDuration } from "../format/numbers";
import { ChangeMarks, ChangeTimeline } from "./ChangeTimeline";
import { useApp } from "./context";

/** Speeds offered, simulated seconds per wall second ("max": as fast as the worker can). */
export const SPEEDS: readonly Speed[] = [0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 100, 300, 1000, "max"];

/** How a speed reads in the picker. */
export function speedLabel(speed: Speed): string {
  return speed === "max" ? "Max" : `${speed}×`;
}

function PlayIcon({ playing }: { playing: boolean }) {
  return (
    <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
      {playing ? (
        <path d="M3 2h3.5v12H3zM9.5 2H13v12H9.5z" fill="currentColor" />
      ) : (
        <path d="M4 2.2v11.6L13.5 8z" fill="currentColor" />
      )}
    </svg>
  );
}

/** The timeline scrubber and the time readout. */
function Timeline() {
  const timeSec = useApp((s) => s.timeSec);
  const duration = useApp((s) => s.scenario.duration);
  const interval = useApp((s) => s.sampleIntervalSec);
  const seek = useApp((s) => s.seek);
  // While the thumb is held, show where it is, not where the last frame said the run was.
  const [dragging, setDragging] = useState<number | null>(null);
  useEffect(() => {
    if (dragging !== null && Math.abs(timeSec - dragging) < interval / 2) setDragging(null);
  }, [timeSec, dragging, interval]);
  const shown = dragging ?? timeSec;
  const id = useId();
  return (
    <div className="timeline">
      <label htmlFor={id} className="visually-hidden">
        Timeline
      </label>
      <div className="scrubber">
        <input
          id={id}
          type="range"
          min={0}
          max={duration}
          step={interval}
          value={Math.min(duration, shown)}
          aria-valuetext={`${formatClock(shown)} of ${formatDuration(duration)}`}
          style={{ "--progress": `${(Math.min(duration, shown) / duration) * 100}%` } as CSSProperties}
          onChange={(e) => {
            const t = Number(e.target.value);
            setDragging(t);
            seek(t);
          }}
          onPointerUp={() => setDragging(null)}
        />
        <ChangeMarks />
      </div>
      <span className="clock" data-value={shown}>
        <span className="clock-now">{formatClock(shown)}</span>
        <span className="clock-span"> / {formatDuration(duration)}</span>
      </span>
    </div>
  );
}

/**
 * Play/Pause, Step, Reset, Speed and the timeline; with `recordsChanges` (the single run) also the
 * timeline of changes. A comparison records none.
 */
export function Transport({ recordsChanges = true }: { recordsChanges?: boolean }) {
  const playing = useApp((s) => s.playing);
  const speed = useApp((s) => s.speed);
  const togglePlay = useApp((s) => s.togglePlay);
  const step = useApp((s) => s.step);
  const reset = useApp((s) => s.reset);
  const setSpeed = useApp((s) => s.setSpeed);
  const interval = useApp((s) => s.sampleIntervalSec);
  const achieved = useApp((s) => s.achievedSpeed ?? NaN);
  const stopAtOom = useApp((s) => s.stopAtOom);
  const setStopAtOom = useApp((s) => s.setStopAtOom);
  const speedId = useId();
  // Say so when the run cannot keep the chosen pace (a heavy scenario, or "max").
  const behind = playing && Number.isFinite(achieved) && (speed === "max" || achieved < speed * 0.8);
  return (
    <div className="transport" role="group" aria-label="Playback">
      <div className="transport-buttons">
        <button type="button" className="btn btn-primary play" onClick={togglePlay} aria-keyshortcuts="Space">
          <PlayIcon playing={playing} />
          <span>{playing ? "Pause" : "Play"}</span>
        </button>
        <button
          type="button"
          className="btn"
          onClick={() => step(1)}
          title={`Advance one sample (${formatDuration(interval)})`}
          aria-keyshortcuts="ArrowRight"
        >
          Step
        </button>
        <button type="button" className="btn" onClick={reset} title="Start over at 0 s">
          Reset
        </button>
        <div className="speed">
          <label htmlFor={speedId}>Speed</label>
          <select
            id={speedId}
            value={String(speed)}
            onChange={(e) => setSpeed(e.target.value === "max" ? "max" : Number(e.target.value))}
          >
            {SPEEDS.map((s) => (
              <option key={String(s)} value={String(s)}>
                {speedLabel(s)}
              </option>
            ))}
          </select>
          {behind && (
            <span className="speed-actual" title="Simulated seconds per second actually achieved">
              ≈{achieved.toLocaleString("en-US")}×
            </span>
          )}
        </div>
        <label className="stop-at" title="Pause playback on the moment a process runs out of memory">
          <input type="checkbox" checked={stopAtOom} onChange={(e) => setStopAtOom(e.target.checked)} />
          Stop at OOM
        </label>
      </div>
      <SeekProgressNote />
      <Timeline />
      {recordsChanges && <ChangeTimeline />}
    </div>
  );
}

/**
 * "Computing t = 42.3 s of 180 s…" while the worker computes its way to a moment far into a
 * heavy run (a link opened at t = 180, a long seek). A status region, so screen readers hear
 * it without losing focus; throttled by the worker to about 10 updates a second.
 */
function SeekProgressNote() {
  const computing = useApp((s) => s.computing);
  return (
    <span className="seek-progress" role="status">
      {computing && `Computing t = ${formatClock(computing.timeSec)} of ${formatClock(computing.targetSec)}…`}
    </span>
  );
}
