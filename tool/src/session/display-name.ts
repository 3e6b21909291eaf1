import type { SessionResponse } from './session-types.js';

/** The name the LMS gave, or one made of the given and family names; null when it named nobody. */
export function displayName(user: SessionResponse['user']): string | null {
  if (!user) return null;
  return user.name || [user.givenName, user.familyName].filter(Boolean).join(' ') || null;
}
