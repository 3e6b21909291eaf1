import type { AppContext } from '../app-context.js';
import type { Logger } from '../http/logger.js';

/**
 * Every job name and its payload. Payloads carry ids, never entities: the handler reloads what
 * it works on (it may have changed or gone while the job waited). A name without a handler in
 * job-handlers.ts does not compile.
 */
export interface JobPayloads {
  'transcode-video': { mediaId: string };
  /** A BBB recording's MP4 (and captions) into a new video resource of the classroom's course. */
  'import-recording': { platformId: string; recordId: string };
  /** The platform's analytics rollups up to its newest statements (src/analytics); `rebuild` starts from the first. */
  'refresh-analytics': { platformId: string; rebuild?: boolean };
  /** Automatic captions of a media in a language (src/captions): the caption_generations row. */
  'generate-captions': { generationId: string };
}

export type JobName = keyof JobPayloads;

/** What a handler gets besides its payload, for the run under way. */
export interface JobRunContext {
  jobId: string;
  /** 1 for the first run. */
  attempt: number;
  maxAttempts: number;
  /** When this run fails, the job fails for good: the handler marks its entity failed. */
  isLastAttempt: boolean;
  /** Aborted when the job is cancelled or the worker shuts down: stop soon (kill ffmpeg…) and throw. */
  signal: AbortSignal;
  /** 0..1 with an optional label; written to the job's row at most about once a second. */
  reportProgress(fraction: number, label?: string): void;
  logger: Logger;
}

export type JobHandler<N extends JobName> = (ctx: AppContext, payload: JobPayloads[N], run: JobRunContext) => Promise<void>;

/** The production map: one handler per job name. */
export type JobHandlers = { [N in JobName]: JobHandler<N> };

/**
 * A handler map a worker runs. Production workers run JobHandlers; tests give workers handlers
 * of their own under other names (which enqueueJob cannot produce: it only takes a JobName).
 */
export type AnyJobHandler = (ctx: AppContext, payload: any, run: JobRunContext) => Promise<void>;
export type JobHandlerMap = Readonly<Record<string, AnyJobHandler>>;

/** Why a run's signal was aborted: `cancel` (cancelJob), `shutdown` (worker stopping), `lost` (lease taken over). */
export type JobAbortReason = 'cancel' | 'shutdown' | 'lost';

/**
 * The reason a job's signal carries. Here rather than beside the worker: handlers and services
 * throw and recognise it, and may import this registry but not the worker (which runs them).
 */
export class JobAbortedError extends Error {
  constructor(readonly reason: JobAbortReason) {
    super(reason === 'cancel' ? 'The job was cancelled.' : reason === 'shutdown' ? 'The worker is stopping.' : 'The job was taken over by another worker.');
    this.name = 'JobAbortedError';
  }
}
