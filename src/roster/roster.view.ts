import type { Roster } from './roster.service.js';

/** The roster as the teacher's pages see it (wire shape of GET /api/roster); no LTI subs, no raw roles. */
export function toRosterResponse(roster: Roster) {
  return {
    status: roster.status,
    fetchedAt: roster.fetchedAt?.toISOString() ?? null,
    error: roster.error,
    members: roster.members.map((m) => ({
      userId: m.userId,
      name: m.name,
      givenName: m.givenName,
      familyName: m.familyName,
      email: m.email,
      role: m.role,
      status: m.status,
      source: m.source,
    })),
  };
}
