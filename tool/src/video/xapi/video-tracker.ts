import { SegmentRecorder, roundTime, watchedShare, type Segment } from './played-segments.js';
import type { PlayerState, VideoStatement } from './video-profile.js';
import {
  completedStatement,
  initializedStatement,
  interactedStatement,
  pausedStatement,
  playedStatement,
  seekedStatement,
  terminatedStatement,
  type StatementSession,
} from './video-statements.js';

export interface TrackerOptions extends StatementSession {
  durationSeconds: number;
  /** 0..1: completed is sent once when the watched share reaches it. */
  completionThreshold: number;
  emit(statement: VideoStatement): void;
}

/**
 * Turns player events into the video profile's statements for one viewing session: one
 * initialized first, one terminated last (nothing after it), completed at most once and only
 * from played segments.
 */
export class VideoTracker {
  private readonly recorder = new SegmentRecorder();
  private initialized = false;
  private terminated = false;
  private completed = false;
  private position = 0;
  /** The player's whole state as last reported: interacted carries all of it (the profile's templates want the groups together). */
  private state: Partial<PlayerState> = {};

  constructor(private readonly options: TrackerOptions) {}

  /** The share of the media played in this session (0..1). */
  progress(): number {
    return watchedShare(this.recorder.segments(), this.options.durationSeconds);
  }

  /** What this session played so far, merged (the open segment up to the last time seen). */
  playedSegments(): Segment[] {
    return this.recorder.segments();
  }

  get isCompleted(): boolean {
    return this.completed;
  }

  get isTerminated(): boolean {
    return this.terminated;
  }

  initialize(state: PlayerState): void {
    if (this.initialized || this.terminated) return;
    this.initialized = true;
    this.state = { ...state };
    const { durationSeconds: length, completionThreshold } = this.options;
    this.send(initializedStatement(this.options, { length, completionThreshold }, state));
  }

  play(time: number): void {
    if (!this.ready() || this.recorder.playing) return;
    this.position = time;
    this.recorder.start(time);
    this.send(playedStatement(this.options, time));
  }

  /** Playback advanced (timeupdate): may complete. */
  timeUpdate(time: number): void {
    if (!this.ready()) return;
    this.position = time;
    this.recorder.update(time);
    this.completeIfNeeded(time);
  }

  pause(time: number): void {
    if (!this.ready() || !this.recorder.playing) return;
    this.position = time;
    this.recorder.stop(time);
    this.send(pausedStatement(this.options, time, this.recorder.segments(), this.progress()));
    this.completeIfNeeded(time);
  }

  /** `from` is where playback was before the seek (a playing segment ends there). */
  seek(from: number, to: number): void {
    if (!this.ready() || roundTime(from) === roundTime(to)) return;
    const wasPlaying = this.recorder.playing;
    if (wasPlaying) this.recorder.stop(from);
    this.position = to;
    this.send(seekedStatement(this.options, from, to));
    if (wasPlaying) this.recorder.start(to);
  }

  interact(time: number, changed: Partial<PlayerState>): void {
    if (!this.ready() || Object.keys(changed).length === 0) return;
    this.state = { ...this.state, ...changed };
    this.send(interactedStatement(this.options, time, this.state));
  }

  /** Ends the session (page hidden for good, player removed). Idempotent. */
  terminate(time = this.position): void {
    if (!this.initialized || this.terminated) return;
    this.recorder.stop(time);
    this.completeIfNeeded(time);
    this.terminated = true;
    this.send(terminatedStatement(this.options, time, this.recorder.segments(), this.progress()));
  }

  private completeIfNeeded(time: number): void {
    if (this.completed || this.progress() < this.options.completionThreshold) return;
    this.completed = true;
    this.send(completedStatement(this.options, time, this.recorder.segments(), this.progress(), this.recorder.played()));
  }

  private ready(): boolean {
    return this.initialized && !this.terminated;
  }

  private send(statement: VideoStatement): void {
    this.options.emit(statement);
  }
}
