import { z } from 'zod';

/**
 * One page of a membership container (LTI NRPS 2.0 §2.2, §2.3,
 * https://www.imsglobal.org/spec/lti-nrps/v2p0#membership-container-media-type), in the spec's words.
 */
export interface Membership {
  /** The member's LTI user id: the `sub` of their launches on this platform (§2.3). */
  user_id: string;
  roles: string[];
  /** Active | Inactive | Deleted (§2.3, §2.4.2); absent means Active. Other values are kept as sent. */
  status: string;
  name?: string;
  given_name?: string;
  family_name?: string;
  middle_name?: string;
  email?: string;
  picture?: string;
  lis_person_sourcedid?: string;
}

/** A member the platform sent that could not be read, reported instead of failing the whole roster. */
export interface SkippedMember {
  index: number;
  userId?: string;
  reason: string;
}

/** A bad optional field (wrong type, null) costs that field, not the member. */
const optionalText = z.string().optional().catch(undefined);

const MemberSchema = z.object({
  // LTI 1.3 §5.3.6: sub is a string of at most 255 ASCII characters; a number is read as its text.
  user_id: z.union([z.string(), z.number().transform(String)]).pipe(z.string().trim().min(1).max(255)),
  roles: z.array(z.string()),
  status: z.string().min(1).optional().catch(undefined),
  name: optionalText,
  given_name: optionalText,
  family_name: optionalText,
  middle_name: optionalText,
  email: optionalText,
  picture: optionalText,
  lis_person_sourcedid: optionalText,
});

/** Only `members` matters; `id` and `context` are informative and other fields are ignored. */
const PageSchema = z.object({ members: z.array(z.unknown()) });

export class MembershipPageError extends Error {}

/**
 * Validates one page. A page that is not a membership container throws MembershipPageError: the
 * whole fetch fails and the last good roster stays. A single malformed member (no user_id, roles
 * not a list) is skipped and reported: one bad record on the platform must not hide the whole
 * class, and it could not be matched to anyone anyway.
 */
export function parseMembershipPage(body: unknown): { members: Membership[]; skipped: SkippedMember[] } {
  const page = PageSchema.safeParse(body);
  if (!page.success) throw new MembershipPageError(`not a membership container: ${page.error.issues.map(describeIssue).join('; ')}`);
  const members: Membership[] = [];
  const skipped: SkippedMember[] = [];
  page.data.members.forEach((raw, index) => {
    const parsed = MemberSchema.safeParse(raw);
    if (parsed.success) {
      const { status, ...rest } = parsed.data;
      members.push(withoutUndefined({ ...rest, status: status ?? 'Active' }));
      return;
    }
    const userId = typeof raw === 'object' && raw !== null && typeof (raw as { user_id?: unknown }).user_id === 'string' ? (raw as { user_id: string }).user_id : undefined;
    skipped.push({ index, ...(userId ? { userId } : {}), reason: parsed.error.issues.map(describeIssue).join('; ') });
  });
  return { members, skipped };
}

function describeIssue(issue: z.core.$ZodIssue): string {
  return `${issue.path.join('.') || 'page'}: ${issue.message}`;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
