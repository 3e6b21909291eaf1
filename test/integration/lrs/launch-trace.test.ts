import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { platformsChanged } from '../../../src/lti/platforms/platform-cache.js';
import { setLrsIdentity } from '../../../src/lti/platforms/platform.service.js';
import { launchPage } from '../../support/api-client.js';
import { eventually } from '../../support/factories.js';
import { useRegisteredPlatform } from '../../support/lti-fixture.js';
import { createLrsClient } from '../../support/lrs-client.js';
import { ROLE, type LaunchSpec } from '../../support/test-platform.js';

const TEACHER = { sub: 'teacher-1', name: 'Claire Martin', roles: [ROLE.instructor] };
const STUDENT: Partial<LaunchSpec> = { sub: 'student-1', name: 'Inès Dupont', email: 'ines.dupont@etu.univ.example', roles: [ROLE.learner] };
const LAUNCHED = 'http://adlnet.gov/expapi/verbs/launched';

describe('launch traces in the LRS', () => {
  const t = useRegisteredPlatform();

  async function setUp() {
    const course = { id: '42', title: 'Statistique L1' };
    const picker = await launchPage(t.platform, t.app.url, { ...TEACHER, messageType: 'LtiDeepLinkingRequest', context: course });
    const video = (await picker.api('POST', '/api/resources', { kind: 'video', title: 'Cours 1' })).body as { id: string };
    const platformId = (await t.app.ctx.db.selectFrom('platforms').select('id').executeTakeFirstOrThrow()).id;
    const activity: LaunchSpec = { ...STUDENT, context: course, resourceLink: { id: 'link-1', title: 'Semaine 1 : la moyenne' }, custom: { amphi_resource_id: video.id } };
    return { platformId, video, activity, lrs: await createLrsClient(t.app, platformId, ['statements/read']) };
  }

  async function launchedStatements(lrs: Awaited<ReturnType<typeof setUp>>['lrs'], count: number) {
    return eventually(`${count} launched statement(s)`, async () => {
      const res = await lrs.request('GET', '/statements', { params: { verb: LAUNCHED } });
      return res.json.statements.length >= count ? res.json.statements : undefined;
    });
  }

  it('records a "launched" statement per resource launch, the learner as a pseudonymous account by default', async () => {
    const { video, activity, lrs } = await setUp();
    await launchPage(t.platform, t.app.url, activity);
    const [statement] = await launchedStatements(lrs, 1);
    assert.deepEqual(statement.actor, { objectType: 'Agent', account: { homePage: t.platform.issuer, name: 'student-1' } });
    assert.doesNotMatch(JSON.stringify(statement), /ines|Inès|Dupont/i, 'neither name nor email anywhere');
    assert.equal(statement.object.id, `${t.app.url}/xapi/activities/resources/${video.id}`);
    assert.equal(statement.object.definition.name.und, 'Semaine 1 : la moyenne');
    assert.equal(statement.context.contextActivities.parent[0].definition.name.und, 'Statistique L1');
    assert.equal(statement.authority.account.name, 'amphi');
  });

  it('names learners by email when the platform is set so, and by account when the platform sends no email', async () => {
    const { platformId, activity, lrs } = await setUp();
    await setLrsIdentity(t.app.ctx.db, platformId, 'email');
    platformsChanged(t.app.ctx);
    await launchPage(t.platform, t.app.url, activity);
    await launchPage(t.platform, t.app.url, { ...activity, sub: 'student-2', name: 'Hugo', email: undefined });
    const statements = await launchedStatements(lrs, 2);
    const actors = statements.map((s: { actor: unknown }) => s.actor);
    assert.deepEqual(actors, [
      { objectType: 'Agent', account: { homePage: t.platform.issuer, name: 'student-2' } },
      { objectType: 'Agent', mbox: 'mailto:ines.dupont@etu.univ.example', name: 'Inès Dupont' },
    ]);
  });

  it('records nothing for a deep-linking launch (no resource opened)', async () => {
    const { activity, lrs } = await setUp();
    // The teacher's picker launch came first; the learner's launch after it is the only trace.
    await launchPage(t.platform, t.app.url, activity);
    await launchedStatements(lrs, 1);
    const all = await lrs.request('GET', '/statements');
    assert.deepEqual(all.json.statements.map((s: { actor: { account: { name: string } } }) => s.actor.account.name), ['student-1']);
  });
});
