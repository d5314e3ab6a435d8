/**
 * The guided tour (story mode, `story=N`): the chapters in reading order, each a scenario to load
 * (a preset of src-sim/scenario/presets.ts, with any keys it changes), the parts of the page it
 * points at, notes to draw on the charts at given simulated times, checkpoints to read off the
 * run, and one thing for the reader to try. Pure data: the panel (StoryPanel.tsx), the charts
 * (chartNotes.ts) and the tests read it. Chapters are numbered from 1 in links and headings.
 */
import type { ScenarioChange } from "../../src-sim/scenario/changes";
import { encodeScenario } from "../../src-sim/scenario/codec";
import type { SampleColumn } from "../../src-sim/scenario/columns";
import { DEFAULT_SCENARIO, type Scenario } from "../../src-sim/scenario/params";
import { presetById } from "../../src-sim/scenario/presets";

/** The time charts a note can sit on (ids of web/charts/chartSpecs.ts). */
export type StoryChartId =
  "queue" | "memory" | "latency" | "throughput" | "tcp" | "kafka-lag" | "kafka-lag-time" | "reactive";

/** A part of the flow diagram (the `data-node` of its box), or its signal line. */
export type FlowPart = "producer" | "buffer" | "network" | "broker" | "queue" | "consumer" | "signal";

/**
 * A part of the page a chapter points at: a box of the flow diagram (`flow:queue`), the
 * mechanism view slot (`mechanism`, `section.mechanism`), or a chart (`chart:latency`). The page
 * outlines each one while the chapter is open.
 */
export type StoryFocus = `flow:${FlowPart}` | "mechanism" | `chart:${StoryChartId}`;

/**
 * A mark on a chart at a simulated time: a dashed line with a label. With `column`, the label
 * adds the run's value there once the run has reached that time ("10 s: 500K"), read from the
 * samples the chart draws; before then it is the label alone.
 */
export interface ChartNote {
  chart: StoryChartId;
  /** Simulated time of the mark, s (within the chapter's duration). */
  atSec: number;
  /** Short text drawn beside the line (a phone chart has about 150 px for it). */
  label: string;
  /** The sample column whose value at `atSec` follows the label, formatted as the chart's axis. */
  column?: SampleColumn;
}

/**
 * A figure the chapter asks the reader to watch for, listed in the panel and filled in from the
 * run as it gets there: a column's value at a time (with a button that moves the run there), or
 * the first out-of-memory crash.
 */
export type Checkpoint =
  { kind: "value"; atSec: number; column: SampleColumn; label: string } | { kind: "oom"; label: string };

/** One chapter of the tour. */
export interface ChapterSpec {
  /** Stable id (tests, data attributes). */
  id: string;
  /** Heading after "Chapter N: ". */
  title: string;
  /** The preset the chapter starts from (src-sim/scenario/presets.ts). */
  preset: string;
  /** Keys that differ from the preset. */
  params?: Partial<Scenario>;
  /** Replaces the preset's timeline of changes when given. */
  changes?: ScenarioChange[];
  /** What the chapter says, a paragraph each. */
  text: string[];
  /** The one thing the reader is asked to try (every control stays free). */
  tryThis: string;
  /** Parts of the page the chapter talks about, outlined while it is open. */
  focus: StoryFocus[];
  /** Marks drawn on the charts. */
  notes: ChartNote[];
  /** Figures to read off the run, filled in as it gets there. */
  checkpoints?: Checkpoint[];
  /**
   * Whether the chapter wants the theory lines on the charts (issue 15, item 3: the "Theory
   * lines" toggle). A hook for the page to wire once the toggle exists: on opening a chapter, set
   * the toggle to this value. The story itself draws no theory line.
   */
  theory: boolean;
}

/** A chapter with its number and the scenario it loads. */
export interface Chapter extends ChapterSpec {
  /** 1-based, as in `story=N` and the heading. */
  number: number;
  /** The chapter's scenario as a link's query (no `?`), written by the codec. */
  query: string;
}

const SPECS: readonly ChapterSpec[] = [
  {
    id: "problem",
    title: "The queue that only grows",
    preset: "story",
    text: [
      "A producer emits 100,000 events a second; the consumer behind it finishes 50,000. Nothing tells the producer to wait, so the difference, 50,000 events every second, waits in the queue between them.",
      "Each queued event holds about 1 KB of the consumer's memory, and the consumer has 6 GB. The line on the depth chart is straight: it is the surplus rate times the time, and it ends where the memory does.",
    ],
    tryThis:
      "Press Play (or Space) and watch the three checkpoints below fill in. The run stops on its own at the crash.",
    focus: ["flow:queue", "chart:queue"],
    notes: [
      { chart: "queue", atSec: 10, label: "10 s", column: "queued" },
      { chart: "queue", atSec: 60, label: "60 s", column: "queued" },
      { chart: "memory", atSec: 60, label: "60 s", column: "memoryBytes" },
    ],
    checkpoints: [
      { kind: "value", atSec: 10, column: "queued", label: "Queue depth at 10 s" },
      { kind: "value", atSec: 60, column: "queued", label: "Queue depth at 60 s" },
      { kind: "oom", label: "The consumer runs out of memory" },
    ],
    theory: true,
  },
  {
    id: "bigger-queue",
    title: "A bigger queue is not a fix",
    preset: "bigger-queue",
    text: [
      "The usual first answer is more memory. Here the consumer has 24 GB, four times the story's. The slope of the line has not changed: the producer is still 50,000 events a second ahead.",
      "So the crash moves from 120 s to 480 s, and every event in the queue waits longer before it is served. A bigger buffer turns a fast failure into a slow one; only the rates decide whether the queue is stable.",
    ],
    tryThis:
      "Raise the Consumer rate to the producer's 100,000 events/s: the line goes flat, whatever the memory limit.",
    focus: ["chart:queue", "chart:memory", "flow:consumer"],
    notes: [
      { chart: "queue", atSec: 120, label: "story's crash", column: "queued" },
      { chart: "queue", atSec: 360, label: "360 s", column: "queued" },
    ],
    checkpoints: [
      { kind: "value", atSec: 120, column: "queued", label: "Queue depth at 120 s, still alive" },
      { kind: "oom", label: "The bigger consumer runs out of memory" },
    ],
    theory: true,
  },
  {
    id: "failure-modes",
    title: "Three ways to fail",
    preset: "buffer-upstream",
    text: [
      "An unbounded queue fails in three ways. Memory: the queue fills the process until it is killed. Latency: every queued event is waiting time; 3 million events ahead of a 50,000/s consumer are a minute of delay, long before any crash. Cascade: a stage that cannot keep up fills the buffers of the stage before it, and the trouble travels up the chain.",
      "This run shows the cascade. The consumer's queue is guarded by watermarks, but the producer is a hot source that cannot slow down: told to pause, it keeps what it cannot send in its own 2 GB buffer. The consumer stays healthy while the producer fills up and dies instead, and events wait in its buffer for tens of seconds.",
    ],
    tryThis:
      "Set Producer when stopped to slow (a source that can wait): the producer's buffer stays empty, nothing is lost, and p99 latency falls from tens of seconds to a little over a tenth of a second.",
    focus: ["flow:producer", "flow:buffer", "chart:memory", "chart:latency"],
    notes: [
      { chart: "memory", atSec: 20, label: "20 s", column: "upstreamBytes" },
      { chart: "latency", atSec: 30, label: "30 s", column: "latencyP99" },
    ],
    theory: false,
  },
  {
    id: "feedback-loop",
    title: "The feedback loop",
    preset: "block",
    text: [
      "Backpressure closes a loop from the consumer back to the producer, in three steps. The consumer signals how much it can take (a count, a window, a ready flag). The producer observes the signal and slows down, buffers or drops. When the consumer has caught up, it signals again and the producer resumes.",
      "The simplest loop is a bounded queue whose put blocks. At 10,000 events it is full, and the producer's next put waits until the consumer takes one out: the producer now runs at the consumer's 50,000 a second. Nothing is lost and nothing grows.",
    ],
    tryThis:
      "Switch Strategy to drop newest: the same bound, answered by refusing events instead of waiting. Compare the dropped line on the throughput chart.",
    focus: ["flow:signal", "chart:throughput"],
    notes: [
      { chart: "throughput", atSec: 30, label: "30 s", column: "producedRate" },
      { chart: "queue", atSec: 30, label: "30 s", column: "queued" },
    ],
    theory: false,
  },
  {
    id: "watermarks",
    title: "Watermarks and hysteresis",
    preset: "watermarks",
    params: { duration: 5 },
    text: [
      "With watermarks the consumer tells the producer to pause when its queue reaches HIGH (8,000 here) and to resume only when it has drained to LOW (2,000). Between the two marks neither signal fires.",
      "That gap is hysteresis. With one threshold the depth would wobble across it and the producer would be paused and resumed thousands of times a second. With the gap the queue saws between LOW and HIGH about four times a second, and each signal is worth sending.",
    ],
    tryThis:
      "Set the low watermark equal to the high one and watch the signal count on the mechanism view and the event lane.",
    focus: ["mechanism", "chart:queue"],
    notes: [
      { chart: "queue", atSec: 1, label: "1 s", column: "queued" },
      { chart: "queue", atSec: 3, label: "3 s", column: "queued" },
    ],
    theory: true,
  },
  {
    id: "tcp",
    title: "TCP: the receive window",
    preset: "tcp-slow-reader",
    text: [
      "TCP has backpressure built in. Every acknowledgement carries the receiver's window: how many bytes of its buffer are still free. The sender may not have more unacknowledged bytes in flight than that.",
      "Here the reading application takes one event a second. Its socket buffer fills, the window it advertises shrinks to zero, and the sender stops. It probes now and then, on the persist timer, to learn when space opens again; meanwhile its own send buffer fills and the producer's write() blocks. No application code asked for any of this.",
    ],
    tryThis: "Raise the Consumer rate to 50,000 events/s and watch the window open again.",
    focus: ["flow:network", "mechanism", "chart:tcp"],
    notes: [{ chart: "tcp", atSec: 5, label: "5 s", column: "tcpWindowBytes" }],
    theory: true,
  },
  {
    id: "kafka",
    title: "Kafka: the consumer pulls",
    preset: "kafka-broker-backlog",
    text: [
      "Kafka never pushes. The consumer calls poll() when it is ready for more, so its pace is the flow control. This is the story's workload again: 100,000 records a second in, 50,000 processed.",
      "The surplus still piles up, but as lag in the partition log on the broker's disk, not in the consumer's heap. There is no crash at 120 s. The one rule to keep is max.poll.interval: a batch that takes longer than that gets the consumer evicted from its group.",
    ],
    tryThis: "Set Hand-off to async: records handed to an in-memory queue bring the heap, and the crash, back.",
    focus: ["flow:broker", "mechanism", "chart:kafka-lag"],
    notes: [
      { chart: "kafka-lag", atSec: 60, label: "60 s", column: "kafkaLagRecords" },
      { chart: "memory", atSec: 60, label: "60 s", column: "memoryBytes" },
    ],
    theory: false,
  },
  {
    id: "reactive",
    title: "Reactive Streams: demand",
    preset: "reactive-cold",
    text: [
      "In Reactive Streams the subscriber asks for a number of items with request(n), and the publisher may send no more than it has been asked for. Here the first request is 128, and each time three quarters of them are used the subscriber asks for 96 more.",
      "A cold publisher, one that produces on demand, simply waits between requests. A hot one, such as a stream of clicks or prices, cannot wait; its overflow strategy decides what happens to items nobody has asked for.",
    ],
    tryThis: "Make the Publisher hot: with the default overflow buffer it grows until the consumer runs out of memory.",
    focus: ["mechanism", "chart:reactive"],
    notes: [{ chart: "reactive", atSec: 60, label: "60 s", column: "rsDemand" }],
    theory: false,
  },
  {
    id: "choose",
    title: "How to choose",
    preset: "burst-absorbed",
    text: [
      "First ask whether the overload is a burst or sustained. A buffer is the right tool for a burst: here bursts of 150,000 events a second for 6 s fill a bounded queue to 600,000, and the 20,000 a second the consumer has to spare drains it in 30 s, before the next burst.",
      "Sustained overload needs backpressure or shedding. When the source can wait, slow it down: a blocking queue, watermarks, TCP, Kafka's poll loop or request(n). When it cannot, drop on purpose, newest first or oldest first, and count what you drop. Never leave a queue without a bound.",
    ],
    tryThis:
      "Make the bursts come every 20 s instead of every 60 s while keeping them 6 s long: Shape period to 20 s and Burst duty to 0.3 (a burst lasts period × duty). Now the queue cannot drain between bursts, and the bound starts dropping.",
    focus: ["chart:queue", "chart:throughput"],
    notes: [
      { chart: "queue", atSec: 16, label: "burst ends", column: "queued" },
      { chart: "queue", atSec: 46, label: "drained", column: "queued" },
    ],
    theory: true,
  },
];

/** The chapter's starting scenario and its timeline of changes. */
function chapterScenario(spec: ChapterSpec): { scenario: Scenario; changes: ScenarioChange[] } {
  const preset = presetById(spec.preset);
  if (!preset) throw new Error(`Chapter "${spec.id}" names an unknown preset "${spec.preset}"`);
  return {
    scenario: { ...DEFAULT_SCENARIO, ...preset.params, ...spec.params },
    changes: spec.changes ?? preset.changes ?? [],
  };
}

/** Every chapter, in reading order (number = index + 1). */
export const CHAPTERS: readonly Chapter[] = SPECS.map((spec, i) => {
  const { scenario, changes } = chapterScenario(spec);
  return { ...spec, number: i + 1, query: encodeScenario(scenario, {}, changes) };
});

/** The chapter numbered `n` (1-based), or undefined. */
export function chapterByNumber(n: number): Chapter | undefined {
  return CHAPTERS[n - 1];
}

/** The chapter's notes on one chart (none outside the story). */
export function chartNotes(chapter: Chapter | undefined, chart: string): readonly ChartNote[] {
  return chapter ? chapter.notes.filter((n) => n.chart === chart) : [];
}
