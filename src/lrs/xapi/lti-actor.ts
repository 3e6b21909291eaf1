import type { LrsIdentity } from '../../lti/platforms/platform.table.js';
import { isMailto } from '../statements/validation/primitives.js';
import type { Agent } from './xapi.types.js';

/**
 * The xAPI actor for an LTI user, as the platform's `lrs_identity` setting says.
 *
 * 'pseudonymous' (the default) is an account on the platform: homePage = the LTI issuer, name =
 * the LTI `sub` (xAPI Data 2.4.2.4, Account Object). No name and no email: the statement carries
 * nothing a reader can tie to a person without the platform's own user table (GDPR art. 4(5)).
 *
 * 'email' names the person by `mbox` (Data 2.4.2.3) with their name, which another LRS or a
 * reporting tool can match across systems. It needs the platform to send the `email` claim
 * (LTI 1.3 §5.3.6, optional): without it, or when it is not an address the statement
 * validator accepts as an mbox (a space, no '@', too long), the account form, never an
 * invented or repaired address: an invalid mbox would get the whole statement refused.
 *
 * An Agent has exactly one inverse functional identifier (Data 2.4.2.1): never both.
 */
export function ltiActor(
  platform: { issuer: string; lrsIdentity: LrsIdentity },
  user: { sub: string; email?: string | null; name?: string | null },
): Agent {
  const mbox = `mailto:${user.email?.trim() ?? ''}`;
  if (platform.lrsIdentity === 'email' && isMailto(mbox)) {
    const name = user.name?.trim();
    return { objectType: 'Agent', mbox, ...(name ? { name } : {}) };
  }
  return { objectType: 'Agent', account: { homePage: platform.issuer, name: user.sub } };
}
