import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { GradebookResponse } from '../../../src/grades/grades.view.js';
import { launchPage } from '../../support/api-client.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { ROLE } from '../../support/test-platform.js';

const DL_SETTINGS = 'https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings';

/**
 * Regression: a video graded out of 20 from the picker showed "out of —" in its Grades tab. The
 * platform made the gradebook column from the deep-linking lineItem; Amphi knew it only by the
 * URL its launches announce, not its maximum. The gradebook now asks the platform once and keeps it.
 */
describe('gradebook column of an activity made by the picker', () => {
  const t = useRegisteredPlatform();

  it('shows the maximum set in the picker, asking the platform once', async () => {
    const picker = await launchPage(t.platform, t.app.url, {
      messageType: 'LtiDeepLinkingRequest',
      roles: [ROLE.instructor],
      sub: 'teacher-1',
      context: { id: '81', title: 'Statistiques' },
      tamper: (p) => Object.assign(p[DL_SETTINGS] as object, { accept_lineitem: true }),
    });
    // What the picker's create form sends with "Graded", maximum 20.
    const video = await picker.api('POST', '/api/resources', { kind: 'video', title: 'La loi normale', gradable: true, scoreMaximum: 20, settings: { allowDownload: false } });
    assert.equal(video.status, 201, JSON.stringify(video.body));
    const answer = await picker.api('POST', '/api/deep-linking/response', { items: [{ resourceId: video.body.id }] });
    assert.equal(answer.status, 200, JSON.stringify(answer.body));
    const returned = await fetch(answer.body.returnUrl, { method: 'POST', body: new URLSearchParams({ JWT: answer.body.jwt }) });
    assert.equal(returned.status, 200, await returned.text());
    const [activity] = t.platform.activities('81');
    assert.ok(activity?.lineItemUrl, 'the platform made the column from the response’s lineItem');

    // The teacher opens the new activity, then its Grades tab.
    const teacher = await launchPage(t.platform, t.app.url, t.platform.launchSpecForActivity(activity, { roles: [ROLE.instructor], sub: 'teacher-1' }));
    const before = t.platform.requestCounts.lineitems;
    const book = await teacher.api<GradebookResponse>('GET', `/api/resources/${video.body.id}/grades`);
    assert.equal(book.status, 200, JSON.stringify(book.body));
    assert.deepEqual(book.body.resource.scoreMaximum, 20);
    assert.deepEqual(book.body.lineItem, { label: 'La loi normale', scoreMaximum: 20 }, 'not "out of —"');
    assert.equal(t.platform.requestCounts.lineitems, before + 1, 'one GET of the line item');

    // Recorded: the next view reads it without asking again, and a score goes to that very column.
    const again = await teacher.api<GradebookResponse>('GET', `/api/resources/${video.body.id}/grades`);
    assert.deepEqual(again.body.lineItem, { label: 'La loi normale', scoreMaximum: 20 });
    assert.equal(t.platform.requestCounts.lineitems, before + 1, 'asked once');
    const rows = await t.app.ctx.db.selectFrom('grade_line_items').select(['url', 'score_maximum', 'resource_id']).execute();
    assert.deepEqual(rows, [{ url: activity.lineItemUrl, score_maximum: 20, resource_id: video.body.id }]);
  });
});
