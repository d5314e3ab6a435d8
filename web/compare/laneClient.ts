/**
 * The page's side of a comparison's worker (src-sim/worker/laneRuntime.ts): it stores each lanes
 * frame in one sample store and one event store per lane, acknowledges it at once (the worker's
 * flow control), asks the render loop for a frame, and passes the shared clock to the app store
 * and each lane's figures to the comparison store. It is the app store's SimCommands, so the
 * single run's transport drives every lane: play, pause, step, seek and speed go to all of them.
 *
 * Every message is checked before use (laneMessageCheck.ts); a crash, an error message or a
 * malformed frame discards the worker and is reported once, and Restart starts a fresh one at
 * the same moment. Where the page may not start a worker it runs on the page (simHost.ts).
 */
import type { EventKind } from "../../src-sim/engine/types";
import type { ScenarioChange } from "../../src-sim/scenario/changes";
import type { Scenario } from "../../src-sim/scenario/params";
import type { RunFigures } from "../../src-sim/sweep/figures";
import { readFromLanesWorker } from "../../src-sim/worker/laneMessageCheck";
import type { LanesFrameMessage, ToLanesWorker } from "../../src-sim/worker/laneProtocol";
import { PROTOCOL_VERSION, type Speed } from "../../src-sim/worker/protocol";
import { EventStore } from "../runtime/eventStore";
import type { RenderLoop } from "../runtime/renderLoop";
import { SeriesStore } from "../runtime/seriesStore";
import { errorDetail, type HostFactory, type SimulationHost, type WorkerHandle } from "../runtime/simClient";
import type { SimCommands } from "../store/commands";
import type { PlaybackState } from "../store/playbackSlice";

/** One lane's data on the page, outside React. */
export interface LaneData {
  series: SeriesStore;
  events: EventStore;
}

/** Where the client delivers what it learns. */
export interface LaneSink {
  playback(state: PlaybackState): void;
  /** Each lane's figures at the shared moment (the scorecard), and the scenario it runs. */
  lanes(figures: RunFigures[], scenarios: Scenario[]): void;
  error(detail: string): void;
  host?(host: SimulationHost): void;
  progress?(progress: { timeSec: number; targetSec: number } | null): void;
}

/** Options of {@link LaneClient}. */
export interface LaneClientOptions {
  createWorker: HostFactory;
  createFallback?: HostFactory;
  loop: RenderLoop;
  sink: LaneSink;
  /**
   * The app store's edits of the shared workload (its setParam sends them as a whole-run change):
   * the comparison turns them into every lane's scenario and calls {@link LaneClient.setLanes}.
   */
  onShared: (shared: Scenario) => void;
  now?: () => number;
}

/** Figures and playback reach the stores at most this often while playing, ms. */
const PUBLISH_INTERVAL_MS = 100;

/** Talks to a comparison's worker on behalf of the stores and the charts. */
export class LaneClient implements SimCommands {
  private handle: WorkerHandle | null = null;
  private useFallback = false;
  private heard = false;
  private lastPublishMs = -Infinity;
  private computing = false;
  private scenarios: Scenario[] = [];
  private speed: Speed = 1;
  private timeSec = 0;
  private readonly now: () => number;
  /** Each lane's samples and events; replaced when the number of lanes changes. */
  lanes: LaneData[] = [];
  /** Increases when {@link LaneClient.lanes} is replaced (charts rebuild their lane lists). */
  lanesVersion = 0;
  /** Frames received so far (tests). */
  framesReceived = 0;

  constructor(private readonly options: LaneClientOptions) {
    this.now = options.now ?? (() => performance.now());
  }

  /** Starts a worker on the lanes' scenarios, opening at `timeSec` (paused). */
  start(scenarios: Scenario[], speed: Speed, timeSec = 0): void {
    this.stop();
    this.scenarios = scenarios.map((s) => ({ ...s }));
    this.speed = speed;
    this.resizeLanes(scenarios.length);
    if (this.computing) {
      this.computing = false;
      this.options.sink.progress?.(null);
    }
    const handle = this.createHost(() => this.start(scenarios, speed, timeSec));
    if (!handle) return;
    this.handle = handle;
    this.heard = false;
    handle.endpoint.addEventListener("message", this.onMessage);
    handle.endpoint.start?.();
    this.options.sink.host?.(handle.host ?? "worker");
    this.send({ type: "lanesInit", protocolVersion: PROTOCOL_VERSION, scenarios: this.scenarios, speed, timeSec });
  }

  /** Gives every lane its scenario (a lane whose scenario changed replays; a new count starts over). */
  setLanes(scenarios: Scenario[]): void {
    this.scenarios = scenarios.map((s) => ({ ...s }));
    if (scenarios.length !== this.lanes.length) this.resizeLanes(scenarios.length);
    this.send({ type: "lanesSet", scenarios: this.scenarios });
  }

  /** Stops and discards the worker. */
  stop(): void {
    if (!this.handle) return;
    this.handle.endpoint.removeEventListener("message", this.onMessage);
    this.handle.terminate();
    this.handle = null;
  }

  /**
   * Holds `count` lanes, empty: the same stores cleared while the count stays (charts keep
   * reading them), new ones when it changes (and {@link LaneClient.lanesVersion} moves on).
   */
  private resizeLanes(count: number): void {
    if (count === this.lanes.length) {
      for (const lane of this.lanes) {
        lane.series.clear();
        lane.events.clear();
      }
    } else {
      this.lanes = Array.from({ length: count }, () => ({ series: new SeriesStore(), events: new EventStore() }));
      this.lanesVersion++;
    }
    this.options.loop.invalidate();
  }

  private createHost(retry: () => void): WorkerHandle | null {
    const { createWorker, createFallback } = this.options;
    let handle: WorkerHandle | null = null;
    const onCrash = (detail: string) => {
      if (this.handle !== handle || handle === null) return;
      if (!this.heard && createFallback && !this.useFallback && (handle.host ?? "worker") === "worker") {
        this.useFallback = true;
        retry();
        return;
      }
      this.fail(detail);
    };
    try {
      if (!this.useFallback) {
        try {
          handle = createWorker(onCrash);
          return handle;
        } catch (error) {
          if (!createFallback) throw error;
          this.useFallback = true;
        }
      }
      handle = createFallback!(onCrash);
      return handle;
    } catch (error) {
      this.options.sink.error(
        `It could not start: ${errorDetail(error instanceof Error ? error.message : String(error))}`,
      );
      return null;
    }
  }

  private fail(detail: string): void {
    if (!this.handle) return;
    this.stop();
    this.options.sink.error(errorDetail(detail));
  }

  private send(message: ToLanesWorker): void {
    this.handle?.endpoint.postMessage(message);
  }

  private readonly onMessage = (event: MessageEvent) => {
    this.heard = true;
    const read = readFromLanesWorker(event.data);
    if (!read.ok) {
      this.fail(`It sent ${read.problem}.`);
      return;
    }
    const message = read.message;
    if (message === null) return;
    switch (message.type) {
      case "lanesFrame":
        this.onFrame(message);
        break;
      case "progress":
        this.computing = true;
        this.options.sink.progress?.({ timeSec: message.timeSec, targetSec: message.targetSec });
        break;
      case "error":
        this.fail(message.message);
        break;
      default:
        break;
    }
  };

  private onFrame(frame: LanesFrameMessage): void {
    this.framesReceived++;
    if (frame.lanes.length !== this.lanes.length) this.resizeLanes(frame.lanes.length);
    frame.lanes.forEach((lane, i) => {
      const data = this.lanes[i];
      data.series.sampleIntervalSec = frame.sampleIntervalSec;
      data.series.apply(lane.samplesStart, lane.sampleCount, lane.columns);
      data.events.apply(lane.eventsStart, lane.events, lane.eventTotals);
    });
    this.send({ type: "ack", frameId: frame.frameId });
    this.options.loop.invalidate();
    if (this.computing) {
      this.computing = false;
      this.options.sink.progress?.(null);
    }
    this.timeSec = frame.timeSec;
    const now = this.now();
    // While playing, the stores hear at most ten times a second; a stop or a jump at once.
    if (frame.playing && now - this.lastPublishMs < PUBLISH_INTERVAL_MS) return;
    this.lastPublishMs = now;
    this.options.sink.playback({
      playing: frame.playing,
      ended: frame.ended,
      speed: frame.speed,
      timeSec: frame.timeSec,
      sampleIntervalSec: frame.sampleIntervalSec,
    });
    this.options.sink.lanes(
      frame.lanes.map((l) => l.figures),
      frame.lanes.map((l) => l.scenario),
    );
  }

  // ---------------------------------------------------------------- SimCommands (the transport's)

  /** An edit of the shared workload (the app store's): every lane takes it. */
  setScenario(scenario: Scenario): void {
    this.options.onShared(scenario);
  }
  /** See {@link LaneClient.setScenario}: a comparison records no changes, every edit is the whole run's. */
  setBase(scenario: Scenario): void {
    this.options.onShared(scenario);
  }
  /** A comparison has no timeline of changes. */
  setChanges(changes: ScenarioChange[]): void {
    void changes;
  }
  play(stopAt?: readonly EventKind[]): void {
    this.send({ type: "play", stopAt: stopAt ? [...stopAt] : [] });
  }
  pause(): void {
    this.send({ type: "pause" });
  }
  step(samples: number): void {
    this.send({ type: "step", samples });
  }
  seek(timeSec: number): void {
    this.send({ type: "seek", timeSec });
  }
  setSpeed(speed: Speed): void {
    this.speed = speed;
    this.send({ type: "speed", speed });
  }
  reset(): void {
    this.send({ type: "lanesReset" });
  }
  /** A fresh worker on the same lanes at the moment the page last showed. */
  recover(_scenario: Scenario, speed: Speed, timeSec: number): void {
    this.start(this.scenarios, speed, timeSec);
  }
  /** A fresh worker on the same lanes, at the scenario's moment. */
  load(scenario: Scenario, speed: Speed): void {
    this.start(this.scenarios, speed, scenario.t);
  }
  /** The moment the lanes stand at, s (the last frame's). */
  get currentTimeSec(): number {
    return this.timeSec;
  }
  /** The speed last asked for. */
  get currentSpeed(): Speed {
    return this.speed;
  }
}
