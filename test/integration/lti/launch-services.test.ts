import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { launchPage } from '../../support/api-client.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { ROLE } from '../../support/test-platform.js';

describe('launches keep the LTI Advantage endpoints for later features', () => {
  const t = useRegisteredPlatform();
  const link = { id: 'graded', title: 'Devoir' };

  it('stores the AGS and NRPS endpoints a launch announces, keeps them when a launch omits them, takes new ones', async () => {
    const first = `${t.platform.url}/mod/lti/services.php/42/lineitems/1/lineitem?type_id=1`;
    const second = `${t.platform.url}/mod/lti/services.php/42/lineitems/2/lineitem?type_id=1`;
    const read = async () => {
      const c = await t.app.ctx.db.selectFrom('lti_contexts').select(['memberships_url', 'lineitems_url', 'ags_scopes']).executeTakeFirstOrThrow();
      const l = await t.app.ctx.db.selectFrom('lti_resource_links').select('lineitem_url').executeTakeFirstOrThrow();
      return { ...c, lineitem_url: l.lineitem_url };
    };
    await launchPage(t.platform, t.app.url, { roles: [ROLE.learner], resourceLink: link, ags: null, nrps: false });
    assert.deepEqual(await read(), { memberships_url: null, lineitems_url: null, ags_scopes: null, lineitem_url: null });

    await launchPage(t.platform, t.app.url, { roles: [ROLE.learner], resourceLink: link, ags: { lineitem: first } });
    const announced = await read();
    assert.equal(announced.lineitem_url, first, 'a column announced after launches without one is kept');
    assert.match(announced.memberships_url!, /\/memberships$/);
    assert.match(announced.lineitems_url!, /\/lineitems\?type_id=1$/);
    assert.ok(announced.ags_scopes!.includes('https://purl.imsglobal.org/spec/lti-ags/scope/score'));

    await launchPage(t.platform, t.app.url, { roles: [ROLE.learner], resourceLink: link, ags: null, nrps: false });
    assert.deepEqual(await read(), announced, 'a launch without the claims does not erase them');

    await launchPage(t.platform, t.app.url, { roles: [ROLE.learner], resourceLink: link, ags: { lineitem: second } });
    assert.equal((await read()).lineitem_url, second);
  });
});
