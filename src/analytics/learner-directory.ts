import type { AppContext } from '../app-context.js';
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

  static async load(ctx: AppContext, contextId: string): Promise<LearnerDirectory> {
    const roster = await getRoster(ctx, contextId, { refresh: 'if-stale' });
    return new LearnerDirectory(roster.members);
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

function displayName(m: RosterMember): string | null {
  if (m.name) return m.name;
  const parts = [m.givenName, m.familyName].filter(Boolean);
  return parts.length ? parts.join(' ') : null;
}
