import { toAppRole, type AppRole } from '../lti/launch/roles.js';

/** One person of a course, as the grades and dashboard modules see them. */
export interface RosterMember {
  /** The LTI user id (`sub`) on the course's platform. */
  userSub: string;
  /** lti_users.id when that person has launched Amphi, else null. */
  userId: string | null;
  name: string | null;
  givenName: string | null;
  familyName: string | null;
  email: string | null;
  /** The LTI roles as NRPS sent them; empty for a member known only from launches. */
  roles: string[];
  role: 'instructor' | 'learner' | 'other';
  /** NRPS membership status: Active | Inactive | Deleted (or what the platform sent). */
  status: 'Active' | 'Inactive' | 'Deleted' | string;
  source: 'nrps' | 'launch';
}

/** A roster_members row with the launch user it matches on the course's platform. */
export interface NrpsMemberRecord {
  user_sub: string;
  user_id: string | null;
  name: string | null;
  given_name: string | null;
  family_name: string | null;
  email: string | null;
  roles: string[];
  status: string;
  /** The names the person's own launches sent: used when NRPS leaves them out (privacy settings). */
  launch_name: string | null;
  launch_given_name: string | null;
  launch_family_name: string | null;
  launch_email: string | null;
}

/** An lti_memberships row with its user. */
export interface LaunchMemberRecord {
  user_id: string;
  sub: string;
  name: string | null;
  given_name: string | null;
  family_name: string | null;
  email: string | null;
  role: string;
}

const LEARNER = /^(?:Learner|http:\/\/purl\.imsglobal\.org\/vocab\/lis\/v2\/membership(?:#Learner|\/Learner#\w+))$/;

/**
 * The course role from LTI roles (LTI 1.3 §A.2.3): instructor for any role that manages the
 * course, learner for Learner, other for the rest (Mentor, Member, no context role). System and
 * institution roles say nothing about this course and are ignored.
 */
export function rosterRole(roles: readonly string[]): RosterMember['role'] {
  const contextRoles = roles.filter((r) => !/\/vocab\/lis\/v2\/(?:system|institution)\/person#/.test(r));
  if (toAppRole(contextRoles) === 'instructor') return 'instructor';
  return contextRoles.some((r) => LEARNER.test(r)) ? 'learner' : 'other';
}

/** A launch records Amphi's role only; an admin launching into a course acts as its instructor. */
export function launchRole(role: string): RosterMember['role'] {
  const appRole = role as AppRole;
  return appRole === 'admin' || appRole === 'instructor' ? 'instructor' : appRole === 'learner' ? 'learner' : 'other';
}

export function fromNrps(row: NrpsMemberRecord): RosterMember {
  return {
    userSub: row.user_sub,
    userId: row.user_id,
    name: row.name ?? row.launch_name,
    givenName: row.given_name ?? row.launch_given_name,
    familyName: row.family_name ?? row.launch_family_name,
    email: row.email ?? row.launch_email,
    roles: row.roles,
    role: rosterRole(row.roles),
    status: row.status,
    source: 'nrps',
  };
}

export function fromLaunch(row: LaunchMemberRecord): RosterMember {
  return {
    userSub: row.sub,
    userId: row.user_id,
    name: row.name,
    givenName: row.given_name,
    familyName: row.family_name,
    email: row.email,
    roles: [],
    role: launchRole(row.role),
    status: 'Active',
    source: 'launch',
  };
}

/** The NRPS roster, plus whoever launched from the course without being in it; sorted for people. */
export function mergeRoster(nrps: readonly NrpsMemberRecord[], launches: readonly LaunchMemberRecord[]): RosterMember[] {
  const subs = new Set(nrps.map((m) => m.user_sub));
  const members = [...nrps.map(fromNrps), ...launches.filter((l) => !subs.has(l.sub)).map(fromLaunch)];
  return members.sort(compareMembers);
}

const collator = new Intl.Collator('fr', { sensitivity: 'base', numeric: true });

/** By family name, then given name, then full name; members without names last, by sub. */
export function compareMembers(a: RosterMember, b: RosterMember): number {
  const key = (m: RosterMember) => [m.familyName ?? m.name ?? '', m.givenName ?? '', m.name ?? ''];
  const [ka, kb] = [key(a), key(b)];
  if (!ka[0] !== !kb[0]) return ka[0] ? -1 : 1;
  for (let i = 0; i < ka.length; i++) {
    const order = collator.compare(ka[i]!, kb[i]!);
    if (order !== 0) return order;
  }
  return a.userSub < b.userSub ? -1 : a.userSub > b.userSub ? 1 : 0;
}
