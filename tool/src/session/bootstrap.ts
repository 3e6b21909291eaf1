import type { Bootstrap } from './session-types.js';

export const BOOTSTRAP_ELEMENT_ID = 'amphi-bootstrap';

/** The launch's bootstrap JSON, or null when the page was not opened through a launch. */
export function readBootstrap(doc: Document = document): Bootstrap | null {
  const text = doc.getElementById(BOOTSTRAP_ELEMENT_ID)?.textContent;
  if (!text) return null;
  try {
    const value = JSON.parse(text) as Partial<Bootstrap> | null;
    if (typeof value?.token !== 'string' || typeof value.tokenExpiresAt !== 'string' || !value.session) return null;
    return value as Bootstrap;
  } catch {
    return null;
  }
}
