import { sql } from 'kysely';
import type { AppContext } from '../app-context.js';
import type { Db } from '../db/database.js';
import { getRoster, type RosterMember } from '../roster/roster.service.js';
import type { LearnerRef } from './analytics.view.js';
import type { LearnerKeyMap } from './course-activity.repository.js';

/**
 * The people of a course as the analytics see them: rollup learner keys (`sub:…`, `mbox:…`,
 * other agent keys) matched to roster members, by sub or by email, so that one person is one
 * learner whichever source named them. Staff (the course's instructors) are no learners.
 */
export class LearnerDirectory {
  private readonly bySub = new Map<string, RosterMember>();
  private readonly subByEmail = new Map<string, string>();

  private constructor(readonly members: readonly RosterMember[]) {
    for (const m of members) {
      this.bySub.set(m.userSub, m);
      if (m.email) this.subByEmail.set(`mbox:mailto:${m.email.toLowerCase()}`, m.userSub);
    }
  }

  /**
   * The course's directory, kept per process while the roster is unchanged (its last fetch, the
   * number of people who launched) and for at most a minute: every dashboard request needs it,
   * and reading and sorting a roster of 2,000 people costs more than the rest of most requests.
   * After the minute, the roster's own rule applies again (fetched from the platform when stale).
   */
  static async load(ctx: AppContext, contextId: string): Promise<LearnerDirectory> {
    const version = await rosterVersion(ctx.db, contextId);
    let cache = directories.get(ctx.db);
    if (!cache) directories.set(ctx.db, (cache = new Map()));
    const hit = cache.get(contextId);
    if (hit && hit.version === version && Date.now() - hit.at < KEEP_DIRECTORY_MS) return hit.directory;
    const roster = await getRoster(ctx, contextId, { refresh: 'if-stale' });
    const directory = new LearnerDirectory(roster.members);
    cache.delete(contextId);
    // The version read after getRoster: a fetch it made is the state this directory has.
    cache.set(contextId, { version: await rosterVersion(ctx.db, contextId), at: Date.now(), directory });
    while (cache.size > MAX_DIRECTORIES) cache.delete(cache.keys().next().value!);
    return directory;
  }

  /** One key per person: `sub:<sub>` when the roster knows them (by email too), else the key as stored. */
  canonical(key: string): string {
    const sub = this.subByEmail.get(key);
    return sub ? `sub:${sub}` : key;
  }

  /** Whether this key counts as a learner of the course: not staff, and not someone the roster says left. */
  isLearner(canonicalKey: string): boolean {
    const m = canonicalKey.startsWith('sub:') ? this.bySub.get(canonicalKey.slice(4)) : undefined;
    return m ? m.role !== 'instructor' && m.status !== 'Deleted' : true;
  }

  /**
   * For the rollup queries: each roster email key → its member's sub key, and the keys that are
   * no learner (the staff's, and members the roster says were deleted).
   */
  keyMap(): LearnerKeyMap {
    const aliases: string[] = [];
    const canonicals: string[] = [];
    for (const [alias, sub] of this.subByEmail) {
      aliases.push(alias);
      canonicals.push(`sub:${sub}`);
    }
    const excluded = this.members.filter((m) => m.role === 'instructor' || m.status === 'Deleted').flatMap((m) => LearnerDirectory.ownKeys({ sub: m.userSub, email: m.email }));
    return { aliases, canonicals, excluded };
  }

  /** The lti_users ids of the course's members who are no learner (staff, members the roster says left) and launched once. */
  nonLearnerUserIds(): string[] {
    return this.members.filter((m) => (m.role === 'instructor' || m.status === 'Deleted') && m.userId).map((m) => m.userId!);
  }

  /** The lti_users ids of the roster's learners who launched once (rosterLearnerKeys). */
  rosterLearnerUserIds(): string[] {
    return this.members.filter((m) => m.role === 'learner' && m.status !== 'Deleted' && m.userId).map((m) => m.userId!);
  }

  /** The roster's learners (Active or Inactive members with the learner role), as canonical keys. */
  rosterLearnerKeys(): string[] {
    return this.members.filter((m) => m.role === 'learner' && m.status !== 'Deleted').map((m) => `sub:${m.userSub}`);
  }

  ref(canonicalKey: string): LearnerRef {
    const m = canonicalKey.startsWith('sub:') ? this.bySub.get(canonicalKey.slice(4)) : undefined;
    if (m) return { id: m.userSub, name: displayName(m), inRoster: true };
    return { id: canonicalKey.startsWith('sub:') ? canonicalKey.slice(4) : canonicalKey, name: null, inRoster: false };
  }

  /** Keys a person's own traces may carry (their sub, their email). */
  static ownKeys(user: { sub: string; email: string | null }): string[] {
    return [`sub:${user.sub}`, ...(user.email ? [`mbox:mailto:${user.email.toLowerCase()}`] : [])];
  }
}

const directories = new WeakMap<Db, Map<string, { version: string; at: number; directory: LearnerDirectory }>>();
const KEEP_DIRECTORY_MS = 60_000;
const MAX_DIRECTORIES = 200;

/** The roster's state: when it was last fetched from the platform, how many people launched from the course. */
async function rosterVersion(db: Db, contextId: string): Promise<string> {
  const { rows } = await sql<{ roster: string | null; launches: string }>`
    select (select fetched_at::text from roster_syncs where context_id = ${contextId}) as roster,
      (select count(*)::text from lti_memberships where context_id = ${contextId}) as launches`.execute(db);
  return `${rows[0]?.roster ?? ''}|${rows[0]?.launches ?? ''}`;
}

function displayName(m: RosterMember): string | null {
  if (m.name) return m.name;
  const parts = [m.givenName, m.familyName].filter(Boolean);
  return parts.length ? parts.join(' ') : null;
}
