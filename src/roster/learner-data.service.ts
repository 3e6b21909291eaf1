import type { Db } from '../db/database.js';
import { deleteRosterRows, findRosterRows } from './learner-data.repository.js';

/**
 * A person's roster rows, for src/privacy. The next roster fetch brings them back while the
 * platform still lists the person in the course: erasure is for people who left it (or whose
 * platform account is erased too).
 */

export function exportRosterLearnerData(db: Db, platformId: string, sub: string) {
  return findRosterRows(db, platformId, sub);
}

export function eraseRosterLearnerData(db: Db, platformId: string, sub: string) {
  return deleteRosterRows(db, platformId, sub);
}
