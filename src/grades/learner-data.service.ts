import type { Db } from '../db/database.js';
import { deleteScoreRows, deleteSettledScoresBefore, findScoreRows } from './learner-data.repository.js';

/**
 * A person's scores, for src/privacy. Erasing them here does not change the gradebook of the
 * platform, which keeps its own copy (the operator or the platform's DPO erases it there).
 */

export function exportGradesLearnerData(db: Db, userId: string) {
  return findScoreRows(db, userId);
}

export function eraseGradesLearnerData(db: Db, userId: string) {
  return deleteScoreRows(db, userId);
}

/** Retention: scores delivered (or given up) before `cutoff`, at most `limit` per call; pending ones stay until delivered. */
export function deleteScoresBefore(db: Db, platformId: string, cutoff: Date, limit: number): Promise<number> {
  return deleteSettledScoresBefore(db, platformId, cutoff, limit);
}
