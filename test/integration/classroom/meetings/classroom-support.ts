import type { ResourceRow } from '../../../../src/content/resource.table.js';
import type { Db } from '../../../../src/db/database.js';
import { createResource } from '../../../support/factories.js';
import type { FakeBbb } from '../../../support/fake-bbb/index.js';

/** A classroom resource of a course, with settings as a teacher would save them (defaults for the rest). */
export function createClassroom(db: Db, fields: { platform_id: string; context_id: string; created_by?: string | null; title?: string }, settings: Record<string, unknown> = {}): Promise<ResourceRow> {
  return createResource(db, {
    kind: 'classroom',
    title: 'Travaux dirigés de statistique',
    gradable: false,
    score_maximum: null,
    ...fields,
    settings: JSON.stringify({ waitForModerator: false, ...settings }),
  });
}

/**
 * Opens a join URL as the browser would: BBB (and the fake) answer 302 into the client when the
 * URL is valid, and 302 to `/?errors=[…]` (or an XML error) when it is not.
 */
export async function openJoinUrl(fake: FakeBbb, joinUrl: string): Promise<{ valid: boolean; location: string | null }> {
  if (!joinUrl.startsWith(fake.url)) throw new Error(`join URL not on the fake BBB: ${joinUrl.slice(0, 60)}`);
  const res = await fetch(joinUrl, { redirect: 'manual' });
  await res.arrayBuffer();
  const location = res.headers.get('location');
  return { valid: res.status === 302 && !!location?.startsWith(`${fake.origin}/client/BigBlueButton.html?sessionToken=`), location };
}

/** A local date (YYYY-MM-DD) `days` from now in Europe/Paris. */
export function parisDate(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date(Date.now() + days * 86400_000));
}
