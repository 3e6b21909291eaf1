import type { Db } from '../../db/database.js';
import { deleteMembershipsLaunchedBefore, deleteUnreferencedUsersBefore, deleteUserRows, findMemberships, findSessions, findUserBySub } from './learner-data.repository.js';

/** An LTI user's own rows (their profile from the launches, course memberships, sessions), for src/privacy. */

export interface LtiLearner {
  id: string;
  sub: string;
  email: string | null;
}

/** The user a platform's `sub` names, if they ever launched Amphi. */
export async function findLtiLearner(db: Db, platformId: string, sub: string): Promise<LtiLearner | undefined> {
  const row = await findUserBySub(db, platformId, sub);
  return row && { id: row.id, sub: row.sub, email: row.email };
}

export async function exportLtiLearnerData(db: Db, platformId: string, sub: string) {
  const user = await findUserBySub(db, platformId, sub);
  if (!user) return { user: null, memberships: [], sessions: [] };
  return { user, memberships: await findMemberships(db, user.id), sessions: await findSessions(db, user.id) };
}

/**
 * Deletes the user's sessions, memberships and profile. The rows other features keep about them
 * must be gone first (src/privacy erases them): what references lti_users would cascade unseen.
 */
export function eraseLtiLearnerData(db: Db, userId: string) {
  return deleteUserRows(db, userId);
}

/** Retention of launch logs: course memberships last launched before `cutoff`, at most `limit` per call. */
export function deleteLaunchLogsBefore(db: Db, platformId: string, cutoff: Date, limit: number): Promise<number> {
  return deleteMembershipsLaunchedBefore(db, platformId, cutoff, limit);
}

/** Retention of launch profiles: users not seen since `cutoff` whom no remaining row refers to, at most `limit` per call. */
export function deleteUnreferencedUsers(db: Db, platformId: string, cutoff: Date, limit: number): Promise<number> {
  return deleteUnreferencedUsersBefore(db, platformId, cutoff, limit);
}
