import type { Logger } from '../http/logger.js';
import { registerDbGauges } from './db-gauges.js';
import type { Metrics } from './metrics.js';

/** What the composition root reads through the features' services, in the shapes they return. */
export interface QueueSources {
  /** Per job kind (job.service jobQueueStats). */
  jobs: () => Promise<{ kind: string; queued: number; running: number; oldestDueSeconds: number }[]>;
  /** Over every platform (score.service scoreOutboxBacklog). */
  gradeOutbox: () => Promise<{ pending: number; failed: number }>;
  /** Per sink and status (forwarding.service forwardingBacklog). */
  lrsForwarding: () => Promise<{ sink: string; status: string; count: number }[]>;
}

/**
 * The backlogs that live in the database: the job queue, the score outbox and the LRS
 * forwarding outbox, one aggregate query each per scrape (see registerDbGauges).
 */
export function registerQueueGauges(metrics: Metrics, logger: Logger, sources: QueueSources): void {
  registerDbGauges(metrics, logger, {
    name: 'jobs',
    families: {
      jobs_queued: { help: 'Jobs waiting to run, by kind (retries waiting for their backoff included)', labelNames: ['kind'] },
      jobs_running: { help: 'Jobs running, by kind', labelNames: ['kind'] },
      jobs_oldest_due_age_seconds: { help: 'How long the job due the longest has waited, by kind', labelNames: ['kind'] },
    },
    read: async () => {
      const stats = await sources.jobs();
      return {
        jobs_queued: stats.map((s) => ({ labels: { kind: s.kind }, value: s.queued })),
        jobs_running: stats.map((s) => ({ labels: { kind: s.kind }, value: s.running })),
        jobs_oldest_due_age_seconds: stats.map((s) => ({ labels: { kind: s.kind }, value: s.oldestDueSeconds })),
      };
    },
  });
  registerDbGauges(metrics, logger, {
    name: 'grade-outbox',
    families: { grade_outbox_scores: { help: 'Scores in the outbox: pending delivery, or failed for good', labelNames: ['status'] } },
    read: async () => {
      const backlog = await sources.gradeOutbox();
      return {
        grade_outbox_scores: [
          { labels: { status: 'pending' }, value: backlog.pending },
          { labels: { status: 'failed' }, value: backlog.failed },
        ],
      };
    },
  });
  registerDbGauges(metrics, logger, {
    name: 'lrs-forwarding',
    families: { lrs_forwarding_backlog: { help: 'Statements waiting for a forwarding sink (pending) or refused by it for good (failed)', labelNames: ['sink', 'status'] } },
    read: async () => ({
      lrs_forwarding_backlog: (await sources.lrsForwarding()).map((c) => ({ labels: { sink: c.sink, status: c.status }, value: c.count })),
    }),
  });
}
