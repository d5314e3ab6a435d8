/**
 * The guided tour's panel, above the stage while a chapter is open: the heading ("Chapter N:
 * ..."), the chapter's text, the one thing to try, what to look at (outlined on the page, with a
 * button that scrolls there), the checkpoints read off the run, and the way on: Previous, the
 * chapter numbers, Next, and Leave the tour. It is part of the page, not a dialog: every control
 * stays free and Tab moves on past it. Focus lands on the heading whenever a chapter opens. The
 * chapter's paragraphs fold away ("Hide text"; folded from the start on a phone) so the charts
 * stay close; what to try, what to look at and the checkpoints stay.
 */
import { useEffect, useId, useRef, type MouseEvent } from "react";
import { OOM_KINDS } from "../store/uiSlice";
import { EVENT_KINDS } from "../../src-sim/engine/types";
import { TIME_CHARTS } from "../charts/chartSpecs";
import { useApp, useAppStore, useRuntime } from "../components/context";
import { formatClock, formatCount } from "../format/numbers";
import { scenarioAddress } from "../runtime/urlSync";
import type { SampleSource } from "../runtime/moment";
import { CHAPTERS, chapterByNumber, type Chapter, type Checkpoint, type StoryFocus } from "./chapters";
import { useStory, useStoryStore } from "./context";
import { storyViewKeys } from "./storyLink";
import { chapterRun, leaveStory, openChapter } from "./storyNav";
import type { StoryStore } from "./storyStore";
import { noteValue } from "../charts/noteLayer";

/** How the panel names each part of the page it points at. */
const FOCUS_NAMES: Record<StoryFocus, string> = {
  "flow:producer": "the producer in the flow diagram",
  "flow:buffer": "the producer's buffer in the flow diagram",
  "flow:network": "the network in the flow diagram",
  "flow:broker": "the broker's log in the flow diagram",
  "flow:queue": "the queue in the flow diagram",
  "flow:consumer": "the consumer in the flow diagram",
  "flow:signal": "the backpressure signal under the flow diagram",
  "mechanism": "the mechanism view",
  "chart:queue": "the queue depth chart",
  "chart:memory": "the memory chart",
  "chart:latency": "the latency chart",
  "chart:throughput": "the throughput chart",
  "chart:tcp": "the TCP window chart",
  "chart:kafka-lag": "the Kafka lag chart",
  "chart:kafka-lag-time": "the Kafka lag in time chart",
  "chart:reactive": "the demand chart",
};

/** The page element a focus names (the outline itself is CSS on the page's data-story-focus). */
export function focusSelector(focus: StoryFocus): string {
  if (focus === "mechanism") return "section.mechanism";
  if (focus === "flow:signal") return ".flow-signal";
  if (focus.startsWith("flow:")) return `.flow-node[data-node="${focus.slice(5)}"]`;
  return `figure.chart[data-chart="${focus.slice(6)}"]`;
}

/** "a, b and c". */
function listText(items: readonly string[]): string {
  return items.length < 2 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

/** True for clicks the browser should handle itself (new tab, new window). */
function modified(e: MouseEvent): boolean {
  return e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey;
}

/** How a checkpoint's column reads: as the chart that draws it formats its axis. */
function formatColumn(column: string, value: number): string {
  const spec = TIME_CHARTS.find((c) => c.series.some((s) => s.column === column));
  return spec ? spec.format(value) : formatCount(value);
}

/** The first out-of-memory crash in the run so far: its time and what it lost, or null. */
function firstOom(events: { length: number; timeSec: Float64Array; kind: Uint8Array; value: Float64Array }) {
  const kinds = new Set(OOM_KINDS.map((k) => EVENT_KINDS.indexOf(k)));
  let found: { timeSec: number; lost: number } | null = null;
  for (let i = 0; i < events.length; i++) {
    if (kinds.has(events.kind[i]) && (found === null || events.timeSec[i] < found.timeSec))
      found = { timeSec: events.timeSec[i], lost: events.value[i] };
  }
  return found;
}

/** One checkpoint, filled in from the run once it gets there. */
function CheckpointRow({ checkpoint, series }: { checkpoint: Checkpoint; series: SampleSource }) {
  const rt = useRuntime();
  const seek = useApp((s) => s.seek);
  // Re-read at the readouts' pace, as the run moves.
  useApp((s) => s.moment);
  if (checkpoint.kind === "oom") {
    const oom = firstOom(rt.events);
    return (
      <li data-checkpoint="oom" data-value={oom ? String(oom.timeSec) : ""}>
        <span className="story-check-label">{checkpoint.label}:</span>{" "}
        <output>{oom ? `at ${formatClock(oom.timeSec)}, ${formatCount(oom.lost)} events lost` : "not yet"}</output>
      </li>
    );
  }
  const value = noteValue(series, { chart: "queue", atSec: checkpoint.atSec, label: "", column: checkpoint.column });
  return (
    <li data-checkpoint={String(checkpoint.atSec)} data-value={Number.isFinite(value) ? String(value) : ""}>
      <button type="button" className="btn btn-small" onClick={() => seek(checkpoint.atSec)}>
        Go to {formatClock(checkpoint.atSec)}
      </button>{" "}
      <span className="story-check-label">{checkpoint.label}:</span>{" "}
      <output>{Number.isFinite(value) ? formatColumn(checkpoint.column, value) : "not reached yet"}</output>
    </li>
  );
}

/** A link to chapter `n` that opens it in place (a plain click) or in a new tab. */
function ChapterLink({
  chapter,
  story,
  className,
  children,
  label,
  current,
}: {
  chapter: Chapter;
  story: StoryStore;
  className?: string;
  children: React.ReactNode;
  label?: string;
  current?: boolean;
}) {
  const app = useAppStore();
  const { scenario, changes } = chapterRun(chapter);
  return (
    <a
      className={className}
      href={scenarioAddress(window.location, scenario, 0, storyViewKeys(chapter.number), changes)}
      aria-label={label}
      aria-current={current ? "step" : undefined}
      onClick={(e) => {
        if (modified(e)) return;
        e.preventDefault();
        openChapter(app, story, chapter.number);
      }}
    >
      {children}
    </a>
  );
}

/** The panel; nothing outside the tour. */
export function StoryPanel() {
  const story = useStoryStore();
  const app = useAppStore();
  const number = useStory((s) => s.chapter);
  const collapsed = useStory((s) => s.collapsed);
  const rt = useRuntime();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const headingId = useId();
  const bodyId = useId();
  const chapter = number === null ? undefined : chapterByNumber(number);

  useEffect(() => {
    if (chapter) headingRef.current?.focus();
  }, [chapter]);

  if (!story || !chapter) return null;
  const prev = chapterByNumber(chapter.number - 1);
  const next = chapterByNumber(chapter.number + 1);
  const showMe = () => {
    const el = document.querySelector(
      focusSelector(chapter.focus.find((f) => f.startsWith("chart:")) ?? chapter.focus[0]),
    );
    el?.scrollIntoView({ block: "center" });
  };
  const leave = () => {
    leaveStory(story, app);
    document.querySelector<HTMLButtonElement>(".transport .play")?.focus({ preventScroll: true });
  };

  return (
    <section className="story" aria-labelledby={headingId} data-chapter={chapter.number} data-story={chapter.id}>
      <div className="story-head">
        <p className="story-kicker">
          Guided tour · {chapter.number} of {CHAPTERS.length}
        </p>
        <h2 id={headingId} ref={headingRef} tabIndex={-1}>
          Chapter {chapter.number}: {chapter.title}
        </h2>
        <div className="story-tools">
          <button
            type="button"
            className="btn btn-small"
            aria-expanded={!collapsed}
            aria-controls={bodyId}
            onClick={() => story.setState({ collapsed: !collapsed })}
          >
            {collapsed ? "Show text" : "Hide text"}
          </button>
          <button type="button" className="btn btn-small" onClick={leave}>
            Leave the tour
          </button>
        </div>
      </div>
      <div className="story-body">
        <div className="story-text" id={bodyId} hidden={collapsed}>
          {chapter.text.map((p, i) => (
            <p key={i}>{p}</p>
          ))}
        </div>
        <div className="story-side">
          <p className="story-try">
            <strong>Try this:</strong> {chapter.tryThis}
          </p>
          <p className="story-look">
            <strong>Look at</strong> {listText(chapter.focus.map((f) => FOCUS_NAMES[f]))}, outlined on the page.{" "}
            <button type="button" className="btn btn-small" onClick={showMe}>
              Show me
            </button>
          </p>
          {chapter.checkpoints && (
            <ul className="story-checkpoints" aria-label="Checkpoints">
              {chapter.checkpoints.map((c, i) => (
                <CheckpointRow key={i} checkpoint={c} series={rt.series} />
              ))}
            </ul>
          )}
        </div>
      </div>
      <nav className="story-nav" aria-label="Tour chapters">
        {prev ? (
          <ChapterLink
            chapter={prev}
            story={story}
            className="btn"
            label={`Previous: chapter ${prev.number}, ${prev.title}`}
          >
            ← Previous
          </ChapterLink>
        ) : (
          <span className="btn is-disabled" aria-disabled="true">
            ← Previous
          </span>
        )}
        <ol className="story-toc">
          {CHAPTERS.map((c) => (
            <li key={c.id}>
              <ChapterLink
                chapter={c}
                story={story}
                className="story-toc-link"
                label={`Chapter ${c.number}: ${c.title}`}
                current={c.number === chapter.number}
              >
                {c.number}
              </ChapterLink>
            </li>
          ))}
        </ol>
        {next ? (
          <ChapterLink
            chapter={next}
            story={story}
            className="btn btn-primary"
            label={`Next: chapter ${next.number}, ${next.title}`}
          >
            Next →
          </ChapterLink>
        ) : (
          <button type="button" className="btn btn-primary" onClick={leave}>
            Finish the tour
          </button>
        )}
      </nav>
    </section>
  );
}
