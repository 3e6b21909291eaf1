import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MembershipPageError, parseMembershipPage } from '../../../src/roster/names-roles.schemas.js';

const LEARNER = 'http://purl.imsglobal.org/vocab/lis/v2/membership#Learner';

describe('NRPS membership container page', () => {
  it('reads members in the spec words, Active when status is absent, unknown fields ignored', () => {
    const { members, skipped } = parseMembershipPage({
      id: 'https://moodle.example/memberships',
      context: { id: '42', label: 'STAT101', title: 'Statistics' },
      members: [
        {
          user_id: '7',
          roles: [LEARNER],
          name: 'Inès Martin',
          given_name: 'Inès',
          family_name: 'Martin',
          email: 'ines@example.edu',
          picture: 'https://moodle.example/pic/7',
          lis_person_sourcedid: 'S-7',
          lti11_legacy_user_id: 'abc',
          message: [{ 'https://purl.imsglobal.org/spec/lti/claim/message_type': 'LtiResourceLinkRequest' }],
        },
        { user_id: '8', roles: [], status: 'Inactive' },
      ],
    });
    assert.deepEqual(skipped, []);
    assert.deepEqual(members, [
      {
        user_id: '7',
        roles: [LEARNER],
        status: 'Active',
        name: 'Inès Martin',
        given_name: 'Inès',
        family_name: 'Martin',
        email: 'ines@example.edu',
        picture: 'https://moodle.example/pic/7',
        lis_person_sourcedid: 'S-7',
      },
      { user_id: '8', roles: [], status: 'Inactive' },
    ]);
  });

  it('skips and reports a member without user_id or with roles that are not a list, keeping the others', () => {
    const { members, skipped } = parseMembershipPage({
      members: [{ roles: [LEARNER], name: 'No id' }, { user_id: '9', roles: 'Learner' }, { user_id: '', roles: [] }, 'nonsense', { user_id: '10', roles: [LEARNER] }],
    });
    assert.deepEqual(members.map((m) => m.user_id), ['10']);
    assert.deepEqual(skipped.map((s) => [s.index, s.userId]), [[0, undefined], [1, '9'], [2, undefined], [3, undefined]]);
    assert.match(skipped[0]!.reason, /user_id/);
    assert.match(skipped[1]!.reason, /roles/);
  });

  it('drops a bad optional field instead of the member, and reads a numeric user_id as text', () => {
    const { members, skipped } = parseMembershipPage({ members: [{ user_id: 12, roles: [LEARNER], email: null, name: 42, status: 7 }] });
    assert.deepEqual(skipped, []);
    assert.deepEqual(members, [{ user_id: '12', roles: [LEARNER], status: 'Active' }]);
  });

  it('refuses a page that is not a membership container', () => {
    for (const body of [null, [], { members: 'all' }, { id: 'x' }, 'text']) {
      assert.throws(() => parseMembershipPage(body), MembershipPageError, JSON.stringify(body));
    }
  });

  it('refuses a user_id longer than an LTI sub may be', () => {
    const { members, skipped } = parseMembershipPage({ members: [{ user_id: 'x'.repeat(256), roles: [] }] });
    assert.equal(members.length, 0);
    assert.equal(skipped.length, 1);
  });
});
