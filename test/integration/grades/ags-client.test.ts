import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { AGS_SCOPE, AgsClient } from '../../../src/grades/ags.client.js';
import { PlatformServiceError } from '../../../src/lti/services/service-error.js';
import { launchPerson } from '../../support/factories.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { ROLE } from '../../support/test-platform.js';

/** The AGS calls against the Moodle-like platform: line items, scores, results, scopes, paging. */
describe('AGS client', () => {
  const t = useRegisteredPlatform();
  const ALL = Object.values(AGS_SCOPE);
  let lineItemsUrl: string;

  beforeEach(async () => {
    t.platform.resetServices();
    await launchPerson(t.app.ctx.db, t.platform, t.app.url, { sub: 'learner-1', roles: [ROLE.learner] });
    lineItemsUrl = `${t.platform.url}/mod/lti/services.php/42/lineitems?type_id=1`;
  });

  async function client(scopes: string[] = ALL): Promise<AgsClient> {
    const platform = await t.app.ctx.db.selectFrom('platforms').select(['id', 'client_id', 'auth_token_url', 'registered_via']).executeTakeFirstOrThrow();
    return new AgsClient(t.app.ctx, platform, scopes);
  }

  it('creates line items, finds them by activity across pages, posts a score and reads it back as a result', async () => {
    const ags = await client();
    const created = await ags.createLineItem(lineItemsUrl, { scoreMaximum: 20, label: 'Vidéo 1', resourceId: 'r-1', resourceLinkId: '17', tag: 'amphi-video' });
    assert.match(created.id, /\/mod\/lti\/services\.php\/42\/lineitems\/\d+\/lineitem\?type_id=1$/);
    assert.deepEqual({ ...created, id: undefined }, { id: undefined, label: 'Vidéo 1', scoreMaximum: 20, resourceId: 'r-1', resourceLinkId: '17', ltiLinkId: '17', tag: 'amphi-video' });
    await ags.createLineItem(lineItemsUrl, { scoreMaximum: 10, label: 'Vidéo 2', resourceId: 'r-2', resourceLinkId: '17' });
    await ags.createLineItem(lineItemsUrl, { scoreMaximum: 10, label: 'Hors activité', resourceId: 'r-3' });

    const paged = `${lineItemsUrl}&limit=1`;
    assert.deepEqual((await ags.findLineItems(paged, { resourceLinkId: '17' })).map((li) => li.label), ['Vidéo 1', 'Vidéo 2']);
    assert.deepEqual((await ags.findLineItems(paged, { resourceId: 'r-3' })).map((li) => li.label), ['Hors activité']);
    assert.equal((await ags.findLineItems(lineItemsUrl)).length, 3);

    await ags.postScore(created.id, {
      userId: 'learner-1', scoreGiven: 14, scoreMaximum: 20, comment: 'Bien', timestamp: new Date().toISOString(), activityProgress: 'Completed', gradingProgress: 'FullyGraded',
    });
    const results = await ags.getResults(created.id, { userId: 'learner-1' });
    assert.equal(results.length, 1);
    assert.deepEqual([results[0]!.userId, results[0]!.resultScore, results[0]!.resultMaximum, results[0]!.comment], ['learner-1', 14, 20, 'Bien']);
    assert.deepEqual(await ags.getResults(created.id, { userId: 'someone-else' }), []);
  });

  it('asks only for the scopes the course granted, and refuses a call it was not granted without asking the platform', async () => {
    const scoresOnly = await client([AGS_SCOPE.score]);
    const requestsBefore = { ...t.platform.requestCounts };
    await assert.rejects(scoresOnly.createLineItem(lineItemsUrl, { scoreMaximum: 1, label: 'x' }), (err: PlatformServiceError) => {
      assert.equal(err.retryable, false);
      assert.match(String(err.params.reason), /did not grant the scope https:\/\/purl\.imsglobal\.org\/spec\/lti-ags\/scope\/lineitem/);
      return true;
    });
    await assert.rejects(scoresOnly.getResults(`${t.platform.url}/mod/lti/services.php/42/lineitems/1/lineitem?type_id=1`), PlatformServiceError);
    assert.deepEqual(t.platform.requestCounts, requestsBefore);

    // Read-only line items are enough to look for them.
    const readOnly = await client([AGS_SCOPE.lineItemReadonly]);
    assert.deepEqual(await readOnly.findLineItems(lineItemsUrl), []);
  });

  it('passes the platform’s refusal on with its status and classified reason; its body goes to the logs only', async () => {
    const ags = await client();
    const created = await ags.createLineItem(lineItemsUrl, { scoreMaximum: 20, label: 'Vidéo 1' });
    const score = { userId: 'nobody', scoreGiven: 1, scoreMaximum: 20, comment: '', timestamp: new Date().toISOString(), activityProgress: 'Completed', gradingProgress: 'FullyGraded' } as const;
    await assert.rejects(ags.postScore(created.id, score), (err: PlatformServiceError) => {
      assert.equal(err.httpStatus, 400);
      assert.equal(err.retryable, false);
      assert.equal(String(err.params.reason), 'HTTP 400 Bad Request');
      assert.match(err.detail ?? '', /user nobody is not enrolled in course 42/);
      return true;
    });
  });
});
