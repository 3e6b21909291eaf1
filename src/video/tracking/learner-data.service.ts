import type { Db } from '../../db/database.js';
import { deleteViewingRows, deleteViewsUpdatedBefore, findViewingRows } from './learner-data.repository.js';

/** A person's watching records (video views, watching budget) for src/privacy. */

export function exportVideoLearnerData(db: Db, userId: string) {
  return findViewingRows(db, userId);
}

export function eraseVideoLearnerData(db: Db, userId: string) {
  return deleteViewingRows(db, userId);
}

/** Retention: views and budgets untouched since `cutoff`, at most `limit` views per call. */
export function deleteVideoViewsBefore(db: Db, platformId: string, cutoff: Date, limit: number): Promise<number> {
  return deleteViewsUpdatedBefore(db, platformId, cutoff, limit);
}
