import assert from 'node:assert/strict';
import { beforeEach, describe, it } from 'node:test';
import { findCourseMember, getRoster, refreshRoster } from '../../../src/roster/roster.service.js';
import { readBootstrap } from '../../support/browser-client.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import type { Member } from '../../support/platform-services.js';
import { ROLE, TestPlatform, type LaunchSpec } from '../../support/test-platform.js';

const COURSE = { id: '42', title: 'Introduction to Statistics', label: 'STAT101' };

/** An NRPS member as the platform lists it (NRPS 2.0 §2.3). */
function member(sub: string, given: string, family: string, roles = [ROLE.learner], extra: Partial<Member> = {}): Member {
  return { user_id: sub, roles, name: `${given} ${family}`, given_name: given, family_name: family, email: `${sub}@univ.example`, status: 'Active', ...extra };
}

const CLASS = [
  member('t1', 'Claire', 'Dubois', [ROLE.instructor]),
  member('s1', 'Inès', 'Martin'),
  member('s2', 'Hugo', 'Bernard'),
  member('s3', 'Léa', 'Petit'),
  member('s4', 'Noah', 'Durand'),
];

describe('course roster (NRPS)', () => {
  const fx = useRegisteredPlatform();
  beforeEach(() => {
    fx.platform.resetServices();
    fx.platform.nrpsPageSize = 100;
    fx.platform.down = false;
  });

  async function launch(spec: LaunchSpec, platform: TestPlatform = fx.platform): Promise<string> {
    const { response, html } = await platform.launch(fx.app.url, { context: COURSE, ...spec });
    assert.equal(response.status, 200, html.slice(0, 300));
    return readBootstrap(html).token;
  }
  const launchTeacher = (platform?: TestPlatform) =>
    launch({ sub: 't1', name: 'Claire Dubois', givenName: 'Claire', familyName: 'Dubois', roles: [ROLE.instructor] }, platform);

  /** lti_contexts.id of the course on that platform. */
  async function courseOf(platform: TestPlatform = fx.platform, lmsCourseId = COURSE.id): Promise<string> {
    const row = await fx.app.ctx.db
      .selectFrom('lti_contexts as c')
      .innerJoin('deployments as d', 'd.id', 'c.deployment_id')
      .innerJoin('platforms as p', 'p.id', 'd.platform_id')
      .select('c.id')
      .where('p.issuer', '=', platform.issuer)
      .where('p.client_id', '=', platform.clientId)
      .where('c.context_id', '=', lmsCourseId)
      .executeTakeFirstOrThrow();
    return row.id;
  }
  async function userOf(sub: string, platform: TestPlatform = fx.platform): Promise<string> {
    const row = await fx.app.ctx.db
      .selectFrom('lti_users as u')
      .innerJoin('platforms as p', 'p.id', 'u.platform_id')
      .select('u.id')
      .where('p.issuer', '=', platform.issuer)
      .where('p.client_id', '=', platform.clientId)
      .where('u.sub', '=', sub)
      .executeTakeFirstOrThrow();
    return row.id;
  }
  const storedCount = async (contextId: string) =>
    Number((await fx.app.ctx.db.selectFrom('roster_members').select((eb) => eb.fn.countAll().as('n')).where('context_id', '=', contextId).executeTakeFirstOrThrow()).n);
  /** Ages the stored copy instead of waiting for it to age. */
  const ageRoster = (contextId: string, seconds: number) =>
    fx.app.ctx.db
      .updateTable('roster_syncs')
      .set({ fetched_at: new Date(Date.now() - seconds * 1000), attempted_at: new Date(Date.now() - seconds * 1000) })
      .where('context_id', '=', contextId)
      .execute();
  const rosterApi = (token: string, query = '') => fetch(`${fx.app.url}/api/roster${query}`, { headers: { Authorization: `Bearer ${token}` } });

  it('fetches every page of the membership and stores the whole class', async () => {
    fx.platform.nrpsPageSize = 2;
    fx.platform.setMembers(COURSE.id, CLASS);
    await launchTeacher();
    const contextId = await courseOf();
    const before = fx.platform.requestCounts.memberships;

    const roster = await getRoster(fx.app.ctx, contextId);
    assert.equal(fx.platform.requestCounts.memberships - before, 3, '5 members at 2 a page: 3 pages');
    assert.equal(roster.status, 'ok');
    assert.equal(roster.error, null);
    assert.ok(roster.fetchedAt instanceof Date);
    assert.equal(await storedCount(contextId), 5);
    assert.deepEqual(
      roster.members.map((m) => [m.familyName, m.role, m.source, m.status]),
      [
        ['Bernard', 'learner', 'nrps', 'Active'],
        ['Dubois', 'instructor', 'nrps', 'Active'],
        ['Durand', 'learner', 'nrps', 'Active'],
        ['Martin', 'learner', 'nrps', 'Active'],
        ['Petit', 'learner', 'nrps', 'Active'],
      ],
    );
    const teacher = roster.members.find((m) => m.userSub === 't1')!;
    assert.equal(teacher.userId, await userOf('t1'), 'a member who launched is matched to their Amphi user');
    assert.deepEqual(teacher.roles, [ROLE.instructor]);
    assert.equal(roster.members.find((m) => m.userSub === 's1')!.userId, null, 'a member who never launched has no Amphi user');
  });

  it('serves the stored copy while it is fresh, asks again once it is older than the maximum age, and on force', async () => {
    fx.platform.setMembers(COURSE.id, CLASS);
    await launchTeacher();
    const contextId = await courseOf();
    const count = () => fx.platform.requestCounts.memberships;
    const start = count();

    await getRoster(fx.app.ctx, contextId);
    assert.equal(count() - start, 1);
    const again = await getRoster(fx.app.ctx, contextId);
    assert.equal(count() - start, 1, 'fresh: the platform is not asked');
    assert.equal(again.members.length, 5);

    fx.platform.setMembers(COURSE.id, CLASS.slice(0, 3));
    await ageRoster(contextId, fx.app.config.roster.maxAgeSeconds + 1);
    const aged = await getRoster(fx.app.ctx, contextId);
    assert.equal(count() - start, 2, 'stale: the platform is asked again');
    assert.equal(aged.members.length, 3, 'members who left the course are gone');
    assert.equal(await storedCount(contextId), 3);

    await getRoster(fx.app.ctx, contextId, { refresh: 'force' });
    assert.equal(count() - start, 3, 'force asks even when fresh');
    await ageRoster(contextId, fx.app.config.roster.maxAgeSeconds + 1);
    await getRoster(fx.app.ctx, contextId, { refresh: 'never' });
    assert.equal(count() - start, 3, 'never does not ask');
  });

  it('keeps the class when the platform lists a member it cannot identify, and says so', async () => {
    await launchTeacher();
    fx.platform.setMembers(COURSE.id, [...CLASS, { roles: [ROLE.learner], name: 'No user_id' } as unknown as Member]);
    const roster = await getRoster(fx.app.ctx, await courseOf());
    assert.equal(roster.status, 'ok');
    assert.equal(roster.members.length, 5);
    assert.match(roster.error!, /^1 member\(s\) the platform sent could not be read: user_id/);
  });

  it('shares one fetch between concurrent readers of the same course', async () => {
    fx.platform.setMembers(COURSE.id, CLASS);
    await launchTeacher();
    const contextId = await courseOf();
    const start = fx.platform.requestCounts.memberships;
    const rosters = await Promise.all([getRoster(fx.app.ctx, contextId), getRoster(fx.app.ctx, contextId), refreshRoster(fx.app.ctx, contextId)]);
    assert.equal(fx.platform.requestCounts.memberships - start, 1);
    assert.deepEqual(rosters.map((r) => r.status), ['ok', 'ok', 'ok']);
  });

  for (const failure of [500, 'drop'] as const) {
    it(`keeps the last good copy when the platform fails (${failure}) and says why`, async () => {
      fx.platform.setMembers(COURSE.id, CLASS);
      await launchTeacher();
      const contextId = await courseOf();
      const good = await getRoster(fx.app.ctx, contextId);

      fx.platform.failNext('memberships', [failure]);
      const failed = await getRoster(fx.app.ctx, contextId, { refresh: 'force' });
      assert.equal(failed.status, 'failed');
      assert.match(failed.error!, failure === 500 ? /HTTP 500/ : /unreachable/);
      assert.deepEqual(failed.fetchedAt, good.fetchedAt, 'the copy served is the last good one');
      assert.deepEqual(failed.members.map((m) => m.userSub), good.members.map((m) => m.userSub));
      assert.equal(await storedCount(contextId), 5);

      // A stale copy after a failure: readers do not make every page wait on a failing platform.
      const count = fx.platform.requestCounts.memberships;
      await fx.app.ctx.db.updateTable('roster_syncs').set({ fetched_at: new Date(Date.now() - 86_400_000) }).where('context_id', '=', contextId).execute();
      assert.equal((await getRoster(fx.app.ctx, contextId)).status, 'failed');
      assert.equal(fx.platform.requestCounts.memberships, count);

      const recovered = await getRoster(fx.app.ctx, contextId, { refresh: 'force' });
      assert.equal(recovered.status, 'ok');
      assert.equal(recovered.error, null);
    });
  }

  it('falls back to launches when the first fetch fails, and when the course never announced NRPS', async () => {
    fx.platform.setMembers(COURSE.id, CLASS);
    await launchTeacher();
    fx.platform.down = true;
    try {
      const roster = await getRoster(fx.app.ctx, await courseOf());
      assert.equal(roster.status, 'failed');
      assert.equal(roster.fetchedAt, null);
      assert.deepEqual(roster.members.map((m) => [m.userSub, m.source, m.role]), [['t1', 'launch', 'instructor']]);
    } finally {
      fx.platform.down = false;
    }

    const other = { id: '77', title: 'No NRPS here' };
    await launch({ sub: 't1', roles: [ROLE.instructor], context: other, nrps: false });
    const start = fx.platform.requestCounts.memberships;
    const roster = await getRoster(fx.app.ctx, await courseOf(fx.platform, other.id));
    assert.equal(roster.status, 'unavailable');
    assert.deepEqual(roster.members.map((m) => [m.userSub, m.source]), [['t1', 'launch']]);
    assert.equal(fx.platform.requestCounts.memberships, start, 'no URL, no request');
  });

  it('adds people who launched from the course without being in the NRPS roster', async () => {
    await launchTeacher();
    await launch({ sub: 's1', roles: [ROLE.learner] });
    await launch({ sub: 'late', name: 'Zoé Roux', givenName: 'Zoé', familyName: 'Roux', roles: [ROLE.learner] });
    // Unenrolled after launching: the platform (which enrols whoever launches) no longer lists them.
    fx.platform.setMembers(COURSE.id, CLASS.slice(0, 2));
    const contextId = await courseOf();

    const roster = await getRoster(fx.app.ctx, contextId);
    assert.deepEqual(
      roster.members.map((m) => [m.userSub, m.source, m.role, m.userId !== null]),
      [
        ['t1', 'nrps', 'instructor', true],
        ['s1', 'nrps', 'learner', true],
        ['late', 'launch', 'learner', true],
      ],
    );
    assert.equal(await storedCount(contextId), 2, 'launch members are not written into the NRPS copy');

    const late = await findCourseMember(fx.app.ctx, contextId, await userOf('late'));
    assert.equal(late?.source, 'launch');
    assert.equal(late?.name, 'Zoé Roux');
    const s1 = await findCourseMember(fx.app.ctx, contextId, await userOf('s1'));
    assert.equal(s1?.source, 'nrps');
    assert.equal(s1?.familyName, 'Martin');
  });

  it('GET /api/roster: the class for the course’s instructors, refused to learners', async () => {
    fx.platform.setMembers(COURSE.id, [...CLASS, member('s5', 'Anna', 'Zola', [ROLE.learner], { status: 'Inactive' })]);
    const teacher = await launchTeacher();
    const learner = await launch({ sub: 's1', roles: [ROLE.learner] });

    assert.equal((await rosterApi(learner)).status, 403);
    assert.equal((await fetch(`${fx.app.url}/api/roster`)).status, 401);
    assert.equal((await rosterApi(teacher, '?refresh=yes')).status, 400);

    const response = await rosterApi(teacher);
    assert.equal(response.status, 200);
    assert.equal(response.headers.get('cache-control'), 'no-store');
    const body = (await response.json()) as { status: string; fetchedAt: string; error: null; members: Record<string, unknown>[] };
    assert.equal(body.status, 'ok');
    assert.ok(!Number.isNaN(Date.parse(body.fetchedAt)));
    assert.deepEqual(
      body.members.map((m) => m.familyName),
      ['Bernard', 'Dubois', 'Durand', 'Martin', 'Petit', 'Zola'],
    );
    const ines = body.members.find((m) => m.familyName === 'Martin')!;
    assert.deepEqual(ines, {
      userId: await userOf('s1'),
      name: 'Inès Martin',
      givenName: 'Inès',
      familyName: 'Martin',
      email: 's1@univ.example',
      role: 'learner',
      status: 'Active',
      source: 'nrps',
    });
    assert.equal(body.members.find((m) => m.familyName === 'Zola')!.status, 'Inactive');

    const count = fx.platform.requestCounts.memberships;
    await rosterApi(teacher);
    assert.equal(fx.platform.requestCounts.memberships, count, 'fresh copy');
    await rosterApi(teacher, '?refresh=1');
    assert.equal(fx.platform.requestCounts.memberships, count + 1, 'refresh=1 asks the platform');
  });

  it('never mixes the courses of two platforms, even with the same course id and the same subs', async () => {
    const other = await TestPlatform.start();
    try {
      await fx.app.register(other);
      const teacherA = await launchTeacher();
      const teacherB = await launch({ sub: 't1', name: 'Autre Prof', roles: [ROLE.instructor] }, other);
      await launch({ sub: 'only-a', roles: [ROLE.learner] });
      await launch({ sub: 's1', roles: [ROLE.learner] });
      // Set after the launches (the platform enrols whoever launches): only-a is known from launches only.
      fx.platform.setMembers(COURSE.id, CLASS);
      other.setMembers(COURSE.id, [member('t1', 'Autre', 'Prof', [ROLE.instructor]), member('s1', 'Autre', 'Élève')]);

      const a = (await (await rosterApi(teacherA)).json()) as { members: { familyName: string; userId: string | null }[] };
      const b = (await (await rosterApi(teacherB)).json()) as { members: { familyName: string; userId: string | null; source: string }[] };
      assert.deepEqual(a.members.map((m) => m.familyName), ['Bernard', 'Dubois', 'Durand', 'Martin', 'Petit', null], 'only-a launched: last, nameless');
      assert.ok(!a.members.some((m) => m.familyName === 'Prof' || m.familyName === 'Élève'));
      assert.deepEqual(b.members.map((m) => [m.familyName, m.source]), [['Élève', 'nrps'], ['Prof', 'nrps']]);
      // s1 launched on platform A only: the same sub on platform B is another person.
      assert.equal(b.members.find((m) => m.familyName === 'Élève')!.userId, null);
      assert.equal(b.members.find((m) => m.familyName === 'Prof')!.userId, await userOf('t1', other));

      const courseB = await courseOf(other);
      assert.equal(await findCourseMember(fx.app.ctx, courseB, await userOf('s1')), undefined);
      assert.equal(await findCourseMember(fx.app.ctx, courseB, await userOf('only-a')), undefined);
      assert.equal((await findCourseMember(fx.app.ctx, await courseOf(), await userOf('only-a')))?.source, 'launch');
    } finally {
      await other.close();
    }
  });
});
