import crypto from 'node:crypto';
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mergeDefinitions, upsertActivityDefinitions } from '../../../src/lrs/activities/activity.service.js';
import { recordPageStatements, recordStatements } from '../../../src/lrs/lrs.service.js';
import type { Activity, ActivityDefinition, Statement } from '../../../src/lrs/xapi/xapi.types.js';
import type { TestApp } from '../../support/test-app.js';
import { addLrsPlatform, createLrsClient, useLrsApp, type LrsClient } from '../../support/lrs-client.js';

const MEETING = 'http://www.example.com/meetings/occurances/34534';
const QUIZ = 'https://moodle.example/mod/quiz/view.php?id=9';

const activity = (id: string, definition?: ActivityDefinition): Activity => ({ objectType: 'Activity', id, ...(definition ? { definition } : {}) });

describe('xAPI Activities resource (/activities)', () => {
  let app: TestApp;
  let lrs: LrsClient;
  useLrsApp((fixture) => ({ app, lrs } = fixture));

  const getActivity = (activityId: string) => lrs.request('GET', '/activities', { params: { activityId } });
  const storedRow = (id: string) =>
    app.ctx.db.selectFrom('lrs_activities').selectAll().where('platform_id', '=', lrs.platformId).where('id', '=', id).executeTakeFirst();

  it('returns the Activity with the definition statements gave it', async () => {
    const definition: ActivityDefinition = {
      type: 'http://adlnet.gov/expapi/activities/meeting',
      name: { 'en-GB': 'example meeting', 'en-US': 'example meeting' },
      moreInfo: 'http://virtualmeeting.example.com/345256',
      extensions: { 'http://example.com/profiles/meetings/extension/reporter': { name: 'Thomas', id: 'http://openid.com/342' } },
    };
    await upsertActivityDefinitions(app.ctx.db, lrs.platformId, [activity(MEETING, definition)]);
    const got = await getActivity(MEETING);
    assert.equal(got.status, 200, got.text);
    assert.deepEqual(got.json, { objectType: 'Activity', id: MEETING, definition });
  });

  it('lets only a credential with the define scope change a definition; others only make an Activity known', async () => {
    const statement = (name: string, id = MEETING) => ({
      actor: { mbox: 'mailto:learner@univ.example' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/attended' },
      object: { id, definition: { name: { 'en-US': name } } },
    });
    assert.equal((await lrs.request('POST', '/statements', { json: statement('Amphi lecture') })).status, 200);
    const writer = await createLrsClient(app, lrs.platformId, ['statements/write']);
    assert.equal((await writer.request('POST', '/statements', { json: [statement('Renamed by a plugin'), statement('New one', QUIZ)] })).status, 200);
    assert.deepEqual((await getActivity(MEETING)).json.definition.name, { 'en-US': 'Amphi lecture' }, 'kept');
    assert.deepEqual((await getActivity(QUIZ)).json.definition.name, { 'en-US': 'New one' }, 'a first definition is recorded');
    const definer = await createLrsClient(app, lrs.platformId, ['statements/write', 'define']);
    await definer.request('POST', '/statements', { json: statement('Amphi lecture (v2)') });
    assert.deepEqual((await getActivity(MEETING)).json.definition.name, { 'en-US': 'Amphi lecture (v2)' });
  });

  it('never lets statements reported by a page (recordPageStatements, no define) rename or retype an Activity, in any part of a statement', async () => {
    const amphi = 'https://amphi.example/xapi/activities';
    const ids = {
      video: `${amphi}/resources/v1`,
      course: `${amphi}/courses/c1`,
      classroom: `${amphi}/resources/room1`,
      category: 'https://w3id.org/xapi/video',
      other: QUIZ,
      inner: MEETING,
      innerParent: `${amphi}/courses/c2`,
    };
    const kinds: Record<keyof typeof ids, string> = {
      video: 'https://w3id.org/xapi/video/activity-type/video',
      course: 'http://adlnet.gov/expapi/activities/course',
      classroom: 'https://w3id.org/xapi/virtual-classroom/activity-types/virtual-classroom',
      category: 'http://adlnet.gov/expapi/activities/profile',
      other: 'http://adlnet.gov/expapi/activities/assessment',
      inner: 'http://adlnet.gov/expapi/activities/meeting',
      innerParent: 'http://adlnet.gov/expapi/activities/course',
    };
    const named = (key: keyof typeof ids, name: string, type = kinds[key]) => ({ objectType: 'Activity' as const, id: ids[key], definition: { type, name: { und: name } } });
    const actor = { objectType: 'Agent' as const, account: { homePage: 'https://moodle.example', name: 'learner-1' } };
    const played = { id: 'https://w3id.org/xapi/video/verbs/played' };
    /** Every place a statement can carry an Activity: object, the four context lists, a SubStatement's object and context. */
    const everywhere = (name: (key: keyof typeof ids) => string, type?: string): Statement[] => [
      {
        actor,
        verb: played,
        object: named('video', name('video'), type),
        context: {
          contextActivities: {
            parent: [named('course', name('course'), type)],
            grouping: [named('classroom', name('classroom'), type)],
            category: [named('category', name('category'), type)],
            other: [named('other', name('other'), type)],
          },
        },
      },
      {
        actor,
        verb: { id: 'http://adlnet.gov/expapi/verbs/planned' },
        object: {
          objectType: 'SubStatement',
          actor,
          verb: { id: 'http://adlnet.gov/expapi/verbs/attended' },
          object: named('inner', name('inner'), type),
          context: { contextActivities: { parent: [named('innerParent', name('innerParent'), type)] } },
        },
      },
    ];
    const definitions = async () =>
      Object.fromEntries(await Promise.all(Object.entries(ids).map(async ([key, id]) => [key, (await getActivity(id)).json.definition])));

    await recordStatements(app.ctx, lrs.platformId, everywhere((key) => `Amphi's ${key}`));
    const before = await definitions();
    assert.deepEqual(before.course, { type: kinds.course, name: { und: "Amphi's course" } });

    const renamed = everywhere((key) => `Renamed ${key}`);
    const retyped = everywhere(() => 'Retyped', 'http://adlnet.gov/expapi/activities/link');
    const byRef: Statement = { actor, verb: played, object: { objectType: 'StatementRef', id: crypto.randomUUID() }, context: renamed[0]!.context };
    await recordPageStatements(app.ctx, lrs.platformId, [...renamed, ...retyped, byRef]);
    assert.deepEqual(await definitions(), before, 'this process knows the definitions are stored');
    // A new context: no cache of stored definitions, the insert itself must leave them alone.
    await app.restart();
    await recordPageStatements(app.ctx, lrs.platformId, everywhere((key) => `Renamed again ${key}`, 'http://adlnet.gov/expapi/activities/link'));
    assert.deepEqual(await definitions(), before, 'the database keeps them');
    assert.deepEqual((await lrs.request('GET', '/statements', { params: { activity: ids.video } })).json.statements[0].authority.account.name, 'amphi-page');
  });

  it('records a definition sent again after a refused batch (nothing of a rolled-back batch counts as stored)', async () => {
    const id = crypto.randomUUID();
    const about = (verb: string, name: string) => ({
      id,
      actor: { mbox: 'mailto:learner@univ.example' },
      verb: { id: verb },
      object: { id: MEETING, definition: { name: { 'en-US': name } } },
    });
    await lrs.request('POST', '/statements', { json: { ...about('http://adlnet.gov/expapi/verbs/attended', 'Lecture'), object: { id: QUIZ } } });
    const refused = await lrs.request('POST', '/statements', { json: about('http://adlnet.gov/expapi/verbs/experienced', 'Lecture') });
    assert.equal(refused.status, 409, 'same id, other content');
    assert.equal((await getActivity(MEETING)).json.definition, undefined);
    const accepted = await lrs.request('POST', '/statements', { json: { ...about('http://adlnet.gov/expapi/verbs/experienced', 'Lecture'), id: crypto.randomUUID() } });
    assert.equal(accepted.status, 200);
    assert.deepEqual((await getActivity(MEETING)).json.definition, { name: { 'en-US': 'Lecture' } });
  });

  it('still returns an Activity Object for an Activity it has no definition of', async () => {
    await upsertActivityDefinitions(app.ctx.db, lrs.platformId, [activity(QUIZ), activity(QUIZ, {})]);
    assert.equal(await storedRow(QUIZ), undefined);
    const got = await getActivity(QUIZ);
    assert.deepEqual(got.json, { objectType: 'Activity', id: QUIZ });
    const head = await lrs.request('HEAD', '/activities', { params: { activityId: QUIZ } });
    assert.equal(head.status, 200);
    assert.equal(head.text, '');
  });

  it('merges the definitions of a batch and of later batches: language maps and extensions key by key, the rest replaced', async () => {
    await upsertActivityDefinitions(app.ctx.db, lrs.platformId, [
      activity(MEETING, { name: { 'en-US': 'example meeting' }, type: 'http://adlnet.gov/expapi/activities/meeting' }),
      activity(QUIZ, { name: { en: 'Quiz' } }),
      activity(MEETING, { name: { 'fr-FR': 'réunion' }, description: { 'en-US': 'A meeting' } }),
    ]);
    assert.deepEqual((await getActivity(MEETING)).json.definition, {
      name: { 'en-US': 'example meeting', 'fr-FR': 'réunion' },
      description: { 'en-US': 'A meeting' },
      type: 'http://adlnet.gov/expapi/activities/meeting',
    });

    await upsertActivityDefinitions(app.ctx.db, lrs.platformId, [
      activity(MEETING, {
        name: { 'en-US': 'Weekly meeting' },
        type: 'http://adlnet.gov/expapi/activities/event',
        extensions: { 'http://example.com/x': 1 },
      }),
    ]);
    await upsertActivityDefinitions(app.ctx.db, lrs.platformId, [activity(MEETING, { extensions: { 'http://example.com/y': null } })]);
    assert.deepEqual((await getActivity(MEETING)).json.definition, {
      name: { 'en-US': 'Weekly meeting', 'fr-FR': 'réunion' },
      description: { 'en-US': 'A meeting' },
      type: 'http://adlnet.gov/expapi/activities/event',
      extensions: { 'http://example.com/x': 1, 'http://example.com/y': null },
    });
    assert.deepEqual((await getActivity(QUIZ)).json.definition, { name: { en: 'Quiz' } });
  });

  it('merges in SQL exactly as mergeDefinitions does in a batch', async () => {
    const steps: ActivityDefinition[] = [
      { name: { en: 'A' }, interactionType: 'choice', choices: [{ id: 'a' }, { id: 'b' }], correctResponsesPattern: ['a'] },
      { name: { fr: 'A' }, description: { en: 'd' }, choices: [{ id: 'c' }] },
      { extensions: { 'http://e.example/1': [1] }, moreInfo: 'https://moodle.example/more' },
      { extensions: { 'http://e.example/2': { k: 'v' } }, correctResponsesPattern: ['c'] },
    ];
    for (const step of steps) await upsertActivityDefinitions(app.ctx.db, lrs.platformId, [activity(QUIZ, step)]);
    await upsertActivityDefinitions(app.ctx.db, lrs.platformId, steps.map((d) => activity(MEETING, d)));
    const expected = steps.reduce(mergeDefinitions);
    assert.deepEqual((await getActivity(QUIZ)).json.definition, expected);
    assert.deepEqual((await getActivity(MEETING)).json.definition, expected);
  });

  it('does not rewrite a stored definition that already says everything a new one says', async () => {
    await upsertActivityDefinitions(app.ctx.db, lrs.platformId, [activity(QUIZ, { name: { en: 'Quiz', fr: 'Test' }, type: 'http://adlnet.gov/expapi/activities/assessment' })]);
    const before = await storedRow(QUIZ);
    await new Promise((r) => setTimeout(r, 20));
    await upsertActivityDefinitions(app.ctx.db, lrs.platformId, [activity(QUIZ, { name: { fr: 'Test' } }), activity(QUIZ, { type: 'http://adlnet.gov/expapi/activities/assessment' })]);
    assert.deepEqual(await storedRow(QUIZ), before);
    await upsertActivityDefinitions(app.ctx.db, lrs.platformId, [activity(QUIZ, { name: { de: 'Prüfung' } })]);
    assert.notDeepEqual((await storedRow(QUIZ))!.updated_at, before!.updated_at);
  });

  it('merges concurrent batches about the same Activities without losing a language', async () => {
    const languages = ['en', 'fr', 'de', 'es', 'it', 'nl'];
    await Promise.all(
      languages.map((lang) =>
        app.ctx.db.transaction().execute((trx) =>
          upsertActivityDefinitions(trx, lrs.platformId, [activity(QUIZ, { name: { [lang]: `Quiz ${lang}` } }), activity(MEETING, { name: { [lang]: lang } })]),
        ),
      ),
    );
    assert.deepEqual(Object.keys((await getActivity(QUIZ)).json.definition.name).sort(), [...languages].sort());
    assert.deepEqual(Object.keys((await getActivity(MEETING)).json.definition.name).sort(), [...languages].sort());
  });

  it('upserts a large batch in one go', async () => {
    const batch = Array.from({ length: 3000 }, (_, i) => activity(`${QUIZ}&q=${i % 1000}`, { name: { [`l${i % 3}`]: `Question ${i % 1000}` } }));
    await upsertActivityDefinitions(app.ctx.db, lrs.platformId, batch);
    const count = await app.ctx.db.selectFrom('lrs_activities').select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
    assert.equal(Number(count.n), 1000);
    const one = await getActivity(`${QUIZ}&q=7`);
    assert.deepEqual(one.json.definition.name, { l0: 'Question 7', l1: 'Question 7', l2: 'Question 7' });
  });

  it('learns definitions from the statements it accepts, Activities in context included', async () => {
    const base = {
      actor: { mbox: 'mailto:xapi@adlnet.gov' },
      verb: { id: 'http://adlnet.gov/expapi/verbs/attended' },
    };
    const posted = await lrs.request('POST', '/statements', {
      json: [
        { ...base, object: { id: MEETING, definition: { name: { 'en-US': 'example meeting' } } } },
        {
          ...base,
          object: { id: MEETING, definition: { name: { 'fr-FR': 'réunion' } } },
          context: { contextActivities: { parent: [{ id: QUIZ, definition: { name: { en: 'Course' } } }] } },
        },
      ],
    });
    assert.equal(posted.status, 200, posted.text);
    assert.deepEqual((await getActivity(MEETING)).json.definition.name, { 'en-US': 'example meeting', 'fr-FR': 'réunion' });
    assert.deepEqual((await getActivity(QUIZ)).json.definition.name, { en: 'Course' });
  });

  it('keeps each platform to its own definitions', async () => {
    await upsertActivityDefinitions(app.ctx.db, lrs.platformId, [activity(QUIZ, { name: { en: 'Quiz of A' } })]);
    const other = await createLrsClient(app, await addLrsPlatform(app, 'Other Moodle'));
    const got = await other.request('GET', '/activities', { params: { activityId: QUIZ } });
    assert.deepEqual(got.json, { objectType: 'Activity', id: QUIZ });
  });

  describe('parameters', () => {
    const rejections: [string, Record<string, string>][] = [
      ['without activityId', {}],
      ['with an activityId that is not an IRI', { activityId: 'true' }],
      ['with an unknown parameter', { activityId: QUIZ, agent: '{}' }],
      ['with activityId in the wrong case', { activityID: QUIZ }],
    ];
    for (const [what, params] of rejections) {
      it(`refuses GET ${what} with 400`, async () => {
        const res = await lrs.request('GET', '/activities', { params });
        assert.equal(res.status, 400, res.text);
      });
    }
  });

  it('needs a read scope: 403 for a write-only credential, 405 for other methods', async () => {
    const writer = await createLrsClient(app, lrs.platformId, ['statements/write', 'state']);
    assert.equal((await writer.request('GET', '/activities', { params: { activityId: QUIZ } })).status, 403);
    const definer = await createLrsClient(app, lrs.platformId, ['define']);
    assert.equal((await definer.request('GET', '/activities', { params: { activityId: QUIZ } })).status, 200);
    assert.equal((await lrs.request('PUT', '/activities', { params: { activityId: QUIZ }, json: {} })).status, 405);
  });
});
