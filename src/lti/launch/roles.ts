/**
 * LTI role vocabularies (LTI 1.3 §A.2). Amphi needs three application roles.
 * https://www.imsglobal.org/spec/lti/v1p3/#role-vocabularies
 */
export type AppRole = 'admin' | 'instructor' | 'learner';

const ADMIN = new Set([
  'http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator',
  'http://purl.imsglobal.org/vocab/lis/v2/system/person#SysAdmin',
  'http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator',
]);

/** Context roles that manage the course's content. Short names are deprecated but still sent. */
const INSTRUCTOR_CONTEXT_ROLES = new Set(['Instructor', 'ContentDeveloper', 'Administrator', 'Manager', 'TeachingAssistant']);
const MEMBERSHIP = 'http://purl.imsglobal.org/vocab/lis/v2/membership#';
const MEMBERSHIP_SUB = 'http://purl.imsglobal.org/vocab/lis/v2/membership/';

export function toAppRole(roles: readonly string[]): AppRole {
  if (roles.some((r) => ADMIN.has(r))) return 'admin';
  if (roles.some(isInstructorRole)) return 'instructor';
  return 'learner';
}

function isInstructorRole(role: string): boolean {
  let name = role;
  if (role.startsWith(MEMBERSHIP)) name = role.slice(MEMBERSHIP.length);
  else if (role.startsWith(MEMBERSHIP_SUB)) name = role.slice(MEMBERSHIP_SUB.length);
  else if (role.includes('://')) return false;
  // Sub-roles: membership/Instructor#TeachingAssistant → TeachingAssistant
  const [principal, sub] = name.split('#');
  return INSTRUCTOR_CONTEXT_ROLES.has(principal!) || (sub !== undefined && INSTRUCTOR_CONTEXT_ROLES.has(sub));
}

/** Instructors and admins may do what a learner can; admins may do what an instructor can. */
export function hasRole(actual: AppRole, required: AppRole): boolean {
  const rank: Record<AppRole, number> = { learner: 0, instructor: 1, admin: 2 };
  return rank[actual] >= rank[required];
}
