/**
 * Wire shapes of the grades API (the front end imports these types).
 *
 * GET  /api/resources/:id/grades                      instructor → GradebookResponse
 * POST /api/resources/:id/scores  RecordScoreBody      instructor → 202 ScoreResponse   (a teacher's grade for one learner)
 * POST /api/resources/:id/grades/retry  { userId? }    instructor → 202 { requeued: number } (failed deliveries, all or one learner)
 */
export type DeliveryState = 'pending' | 'sent' | 'failed';

export interface ScoreResponse {
  id: string;
  scoreGiven: number;
  scoreMaximum: number;
  comment: string | null;
  activityProgress: string;
  gradingProgress: string;
  /** ISO 8601: when the score was given. */
  timestamp: string;
  state: DeliveryState;
  attempts: number;
  /** Why delivery failed or is being retried (the platform's answer), null when fine. */
  error: string | null;
  sentAt: string | null;
  nextAttemptAt: string | null;
}

export interface GradebookResponse {
  resource: { id: string; title: string; gradable: boolean; scoreMaximum: number | null };
  /** The gradebook column at the platform, null until it exists. */
  lineItem: { label: string | null; scoreMaximum: number | null } | null;
  roster: { status: 'ok' | 'failed' | 'unavailable'; fetchedAt: string | null; error: string | null };
  learners: {
    userId: string;
    name: string | null;
    email: string | null;
    lastScore: ScoreResponse | null;
  }[];
  counts: { sent: number; pending: number; failed: number };
}

export interface RecordScoreBody {
  /** lti_users.id of the learner (GradebookResponse.learners[].userId). */
  userId: string;
  scoreGiven: number;
  comment?: string;
}
