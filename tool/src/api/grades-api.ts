import { callApi, type ApiClient } from './api-client.js';
import type { GradebookResponse, RecordScoreBody, ScoreResponse } from './api-types.js';

/** The grades API (src/grades/grades.view.ts lists the routes). */

export function getGradebook(client: ApiClient, resourceId: string): Promise<GradebookResponse> {
  return callApi<GradebookResponse>(client, `/api/resources/${encodeURIComponent(resourceId)}/grades`);
}

/** A teacher's score for one learner; delivered to the platform by the outbox (202). */
export function recordScore(client: ApiClient, resourceId: string, body: RecordScoreBody): Promise<ScoreResponse> {
  return callApi<ScoreResponse>(client, `/api/resources/${encodeURIComponent(resourceId)}/scores`, { method: 'POST', body });
}

/** Queues failed deliveries again: every learner's, or one learner's. */
export async function retryFailedDeliveries(client: ApiClient, resourceId: string, userId?: string): Promise<number> {
  const { requeued } = await callApi<{ requeued: number }>(client, `/api/resources/${encodeURIComponent(resourceId)}/grades/retry`, {
    method: 'POST',
    body: userId ? { userId } : {},
  });
  return requeued;
}
