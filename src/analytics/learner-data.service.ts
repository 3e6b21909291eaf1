import type { Db } from '../db/database.js';
import { deleteLearnerRollups, deleteRollupsBefore, findLearnerRollups } from './learner-data.repository.js';

/**
 * A person's rows in the analytics rollups, for src/privacy. The rollups name a learner as
 * `sub:<LTI sub>` when the statement's account is the platform's (statement-facts.ts learnerOf),
 * else by the actor's agent key: `learners` is both.
 */

export function analyticsLearnerKeys(sub: string, agentKeys: string[]): string[] {
  return [`sub:${sub}`, ...agentKeys];
}

export function exportAnalyticsLearnerData(db: Db, platformId: string, learners: string[]) {
  return findLearnerRollups(db, platformId, learners);
}

export function eraseAnalyticsLearnerData(db: Db, platformId: string, learners: string[]) {
  return deleteLearnerRollups(db, platformId, learners);
}

/** Retention: rollup rows of days before `cutoff` (they follow the statements they count), at most `limit` per table and call. */
export function deleteAnalyticsBefore(db: Db, platformId: string, cutoff: Date, limit: number): Promise<number> {
  return deleteRollupsBefore(db, platformId, cutoff.toISOString().slice(0, 10), limit);
}
