import type { GradeScoreRow } from './grades.table.js';
import type { DeliveryState, ScoreResponse } from './grades.view.js';

/** An outbox row as the front end sees it. */
export function toScoreResponse(row: GradeScoreRow): ScoreResponse {
  const pending = row.status === 'pending';
  return {
    id: row.id,
    scoreGiven: row.score_given,
    scoreMaximum: row.score_maximum,
    comment: row.comment,
    activityProgress: row.activity_progress,
    gradingProgress: row.grading_progress,
    timestamp: iso(row.score_timestamp)!,
    state: deliveryState(row.status),
    attempts: row.attempts,
    error: row.status === 'sent' ? null : row.last_error,
    sentAt: iso(row.sent_at),
    nextAttemptAt: pending ? iso(row.next_attempt_at) : null,
  };
}

/** A superseded score gives way to a newer one of the same learner, which carries the state that matters. */
function deliveryState(status: GradeScoreRow['status']): DeliveryState {
  return status === 'superseded' ? 'pending' : status;
}

function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
