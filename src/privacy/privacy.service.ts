import type { AppContext } from '../app-context.js';
import type { Db } from '../db/database.js';
import { AppError } from '../http/errors.js';
import { getPlatformView } from '../lti/platforms/platform.service.js';
import { eraseLtiLearnerData, exportLtiLearnerData, findLtiLearner } from '../lti/launch/learner-data.service.js';
import { eraseLrsLearnerData, exportLrsLearnerData, learnerAgentKeys, type ForwardedCopies } from '../lrs/learner-data.service.js';
import { eraseVideoLearnerData, exportVideoLearnerData } from '../video/tracking/learner-data.service.js';
import { eraseAttendanceLearnerData, exportAttendanceLearnerData } from '../classroom/attendance/learner-data.service.js';
import { eraseGradesLearnerData, exportGradesLearnerData } from '../grades/learner-data.service.js';
import { eraseRosterLearnerData, exportRosterLearnerData } from '../roster/learner-data.service.js';
import { analyticsLearnerKeys, eraseAnalyticsLearnerData, exportAnalyticsLearnerData } from '../analytics/learner-data.service.js';

/**
 * A learner's right of access and right to erasure (GDPR art. 15, 17, 20): everything Amphi keeps
 * about one LTI user of one platform, found through each owning feature's service.
 */

/** Bumped when the export's shape changes, so that whoever reads one knows which it is. */
export const LEARNER_EXPORT_VERSION = 1;

interface Learner {
  platform: { id: string; name: string; issuer: string };
  sub: string;
  userId: string | null;
  agentKeys: string[];
  analyticsKeys: string[];
}

/** Who the sub is on this platform: their user row, and every key their traces may carry. Unknown platform: an AppError. */
async function identify(db: Db, platformId: string, sub: string): Promise<Learner> {
  const platform = await getPlatformView(db, platformId);
  const user = await findLtiLearner(db, platformId, sub);
  const roster = await exportRosterLearnerData(db, platformId, sub);
  const agentKeys = learnerAgentKeys(platform.issuer, sub, [user?.email, ...roster.map((r) => r.email)]);
  return {
    platform: { id: platform.id, name: platform.name, issuer: platform.issuer },
    sub,
    userId: user?.id ?? null,
    agentKeys,
    analyticsKeys: analyticsLearnerKeys(sub, agentKeys),
  };
}

export async function exportLearnerData(ctx: AppContext, platformId: string, sub: string) {
  return ctx.db.transaction().execute(async (db) => {
    const learner = await identify(db, platformId, sub);
    const userId = learner.userId;
    const data = {
      format: 'amphi-learner-export',
      version: LEARNER_EXPORT_VERSION,
      exportedAt: new Date(),
      platform: learner.platform,
      learner: { sub, agentKeys: learner.agentKeys },
      lti: await exportLtiLearnerData(db, platformId, sub),
      roster: await exportRosterLearnerData(db, platformId, sub),
      lrs: await exportLrsLearnerData(db, platformId, learner.agentKeys, ctx.config.lrsSinks),
      video: userId ? await exportVideoLearnerData(db, userId) : { videoViews: [], watchBudgets: [], uploadedMedia: [] },
      classroom: { attendance: userId ? await exportAttendanceLearnerData(db, userId) : [] },
      grades: { scores: userId ? await exportGradesLearnerData(db, userId) : [] },
      analytics: await exportAnalyticsLearnerData(db, platformId, learner.analyticsKeys),
    };
    if (isEmpty(data)) throw new AppError('unknown-learner', 404, { platformId, sub });
    return data;
  });
}

export type LearnerExport = Awaited<ReturnType<typeof exportLearnerData>>;

interface Presence {
  lti: { user: unknown };
  roster: unknown[];
  lrs: { statements: unknown[]; documents: unknown[] };
  analytics: { learners: unknown[]; learnerDays: unknown[]; daily: unknown[] };
}

/** No row names the person: the rows of the other features all hang off lti_users or the traces. */
function isEmpty(d: Presence): boolean {
  return (
    d.lti.user === null &&
    d.roster.length === 0 &&
    d.lrs.statements.length === 0 &&
    d.lrs.documents.length === 0 &&
    d.analytics.learners.length === 0 &&
    d.analytics.learnerDays.length === 0 &&
    d.analytics.daily.length === 0
  );
}

export interface LearnerErasure {
  platformId: string;
  sub: string;
  /** Rows deleted (or, for `…_uploader`/`…_importer`, no longer naming the person), per table. */
  counts: Record<string, number>;
  /** Copies already sent to the sinks: the operator erases them there. */
  forwarded: ForwardedCopies[];
}

/**
 * Deletes every row about the learner in one transaction: all of it or, on any failure, none.
 * An unknown learner (nothing anywhere for that platform and sub) is an error that changes nothing.
 */
export async function eraseLearnerData(ctx: AppContext, platformId: string, sub: string): Promise<LearnerErasure> {
  return ctx.db.transaction().execute(async (db) => {
    const learner = await identify(db, platformId, sub);
    const lrs = await eraseLrsLearnerData(db, platformId, learner.agentKeys, ctx.config.lrsSinks);
    const analytics = await eraseAnalyticsLearnerData(db, platformId, learner.analyticsKeys);
    const roster = await eraseRosterLearnerData(db, platformId, sub);
    let counts: Record<string, number> = { ...lrs.counts, ...analytics, ...roster };
    if (learner.userId) {
      counts = {
        ...counts,
        ...(await eraseVideoLearnerData(db, learner.userId)),
        ...(await eraseAttendanceLearnerData(db, learner.userId)),
        ...(await eraseGradesLearnerData(db, learner.userId)),
        ...(await eraseLtiLearnerData(db, learner.userId)),
      };
    }
    const personal = ['lti_users', 'roster_members', 'lrs_statements', 'lrs_documents', 'analytics_daily', 'analytics_learner_days', 'analytics_learners'];
    if (!personal.some((table) => (counts[table] ?? 0) > 0)) throw new AppError('unknown-learner', 404, { platformId, sub });
    return { platformId, sub, counts, forwarded: lrs.forwarded };
  });
}
