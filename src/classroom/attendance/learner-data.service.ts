import type { Db } from '../../db/database.js';
import { deleteAttendanceJoinedBefore, deleteAttendanceRows, findAttendanceRows } from './learner-data.repository.js';

/** A person's virtual classroom attendance, for src/privacy. */

export function exportAttendanceLearnerData(db: Db, userId: string) {
  return findAttendanceRows(db, userId);
}

export function eraseAttendanceLearnerData(db: Db, userId: string) {
  return deleteAttendanceRows(db, userId);
}

/** Retention: attendance last joined before `cutoff`, at most `limit` rows per call. */
export function deleteAttendanceBefore(db: Db, platformId: string, cutoff: Date, limit: number): Promise<number> {
  return deleteAttendanceJoinedBefore(db, platformId, cutoff, limit);
}
