/** The front end's pure logic behind the picker and the resource forms (tool/src). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../../tool/src/api/api-client.js';
import type { ResourceResponse } from '../../../tool/src/api/api-types.js';
import { nextTabIndex } from '../../../tool/src/components/tab-keys.js';
import { translatorFor } from '../../../tool/src/i18n/i18n.js';
import { plural } from '../../../tool/src/i18n/plural.js';
import { describeApiError } from '../../../tool/src/launch/error-message.js';
import { sourceParam, toggleSelection } from '../../../tool/src/picker/selection.js';
import { EMPTY_DRAFT, serverErrors, toCreateBody, toUpdateBody, validateDraft } from '../../../tool/src/resource-form/resource-draft.js';

const t = translatorFor('en');

function resource(id: string): ResourceResponse {
  return {
    id,
    kind: 'video',
    title: `Resource ${id}`,
    description: '',
    gradable: false,
    scoreMaximum: null,
    settings: {},
    course: { id: 'c1', title: 'Course', label: null, current: true },
    createdBy: null,
    thumbnailUrl: null,
    canEdit: true,
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: '2025-01-01T00:00:00Z',
  };
}

describe('tab keys (WAI-ARIA tabs, horizontal)', () => {
  it('moves with the arrows, wrapping around, and jumps with Home and End', () => {
    assert.equal(nextTabIndex('ArrowRight', 0, 3), 1);
    assert.equal(nextTabIndex('ArrowRight', 2, 3), 0);
    assert.equal(nextTabIndex('ArrowLeft', 0, 3), 2);
    assert.equal(nextTabIndex('Home', 2, 3), 0);
    assert.equal(nextTabIndex('End', 0, 3), 2);
  });
  it('leaves every other key alone', () => {
    assert.equal(nextTabIndex('ArrowDown', 0, 3), null);
    assert.equal(nextTabIndex('Tab', 0, 3), null);
    assert.equal(nextTabIndex('ArrowRight', 0, 0), null);
  });
});

describe('selection', () => {
  const [a, b] = [resource('a'), resource('b')];
  it('adds and removes with checkboxes, never twice', () => {
    let selected = toggleSelection([], a, true, true);
    selected = toggleSelection(selected, b, true, true);
    selected = toggleSelection(selected, a, true, true);
    assert.deepEqual(selected.map((r) => r.id), ['a', 'b']);
    assert.deepEqual(toggleSelection(selected, a, false, true).map((r) => r.id), ['b']);
  });
  it('keeps one resource at most with radio buttons', () => {
    assert.deepEqual(toggleSelection([a], b, true, false).map((r) => r.id), ['b']);
  });
  it('turns the source select value into the course query', () => {
    assert.equal(sourceParam('current'), 'current');
    assert.equal(sourceParam('all'), 'all');
    assert.deepEqual(sourceParam('course:42'), { courseId: '42' });
  });
});

describe('resource draft', () => {
  it('requires a title, and a maximum score above 0 only when grading is offered and ticked', () => {
    assert.deepEqual(Object.keys(validateDraft({ ...EMPTY_DRAFT, title: '  ' }, t, { grading: true })), ['title']);
    const graded = { ...EMPTY_DRAFT, title: 'Lecture', gradable: true, scoreMaximum: '0' };
    assert.deepEqual(Object.keys(validateDraft(graded, t, { grading: true })), ['scoreMaximum']);
    assert.deepEqual(validateDraft(graded, t, { grading: false }), {});
    assert.deepEqual(validateDraft({ ...graded, scoreMaximum: '20' }, t, { grading: true }), {});
  });
  it('refuses what the server would refuse: too long, maximum score too high', () => {
    const errors = validateDraft({ ...EMPTY_DRAFT, title: 'x'.repeat(256), gradable: true, scoreMaximum: '100001' }, t, { grading: true });
    assert.deepEqual(Object.keys(errors).sort(), ['scoreMaximum', 'title']);
  });
  it('sends only the kind’s own settings, and grading only when offered', () => {
    const draft = { ...EMPTY_DRAFT, title: ' Office hours ', welcomeMessage: ' Hi ', gradable: true, scoreMaximum: '20' };
    assert.deepEqual(toCreateBody('classroom', draft, { grading: false }), {
      kind: 'classroom',
      title: 'Office hours',
      description: '',
      settings: { welcomeMessage: 'Hi', recordingAllowed: true },
    });
    assert.deepEqual(toCreateBody('dashboard', draft, { grading: true }), {
      kind: 'dashboard',
      title: 'Office hours',
      description: '',
      gradable: true,
      scoreMaximum: 20,
      settings: { audience: 'instructors' },
    });
    assert.deepEqual(toUpdateBody('video', { ...draft, gradable: false }), {
      title: 'Office hours',
      description: '',
      gradable: false,
      settings: { allowDownload: false },
    });
  });
  it('puts the server’s validation issues under their fields, in its English, and keeps the rest', () => {
    const error = new ApiError(400, 'invalid-request', 'title: too long', 'r1', [
      { path: 'body.title', message: 'Too big' },
      { path: 'body.settings.welcomeMessage', message: 'Too long' },
      { path: 'body.kind', message: 'Invalid kind' },
    ]);
    assert.deepEqual(serverErrors(error), {
      fields: { title: { text: 'Too big', lang: 'en' }, welcomeMessage: { text: 'Too long', lang: 'en' } },
      other: [{ text: 'Invalid kind', lang: 'en' }],
    });
  });
});

describe('plural and API error wording', () => {
  it('says 0 as singular in French and plural in English', () => {
    assert.equal(plural('fr', 'picker.results', 0), '0 résultat');
    assert.equal(plural('en', 'picker.results', 0), '0 results');
    assert.equal(plural('en', 'picker.results', 1), '1 result');
    assert.equal(plural('fr', 'picker.selection.count', 1200), '1\u202f200 activités sélectionnées');
  });
  it('translates the codes people meet, and says a refusal is not a server failure', () => {
    assert.equal(describeApiError(new ApiError(409, 'score-out-of-range', 'A score must be…'), t).message, t('error.score-out-of-range'));
    const refused = describeApiError(new ApiError(409, 'something-new', 'The server says why', 'req-1'), t);
    assert.deepEqual(refused, { message: t('error.refused'), detail: 'The server says why', detailLang: 'en', reference: 'something-new · req-1' });
    // The server's own translation, when the request asked in French, is shown with its language.
    const translated = describeApiError(new ApiError(400, 'invalid-request', 'Invalid request: x', 'req-3', [], { text: 'Requête invalide\u00a0: x', lang: 'fr' }), t);
    assert.deepEqual([translated.detail, translated.detailLang], ['Requête invalide\u00a0: x', 'fr']);
    assert.equal(describeApiError(new ApiError(500, 'internal-error', 'x', 'req-2'), t).message, t('error.generic'));
    // Classroom errors a learner meets: said in their language, BBB's own reason kept as detail.
    assert.equal(describeApiError(new ApiError(409, 'bbb-not-configured', 'No BigBlueButton server…'), t).message, t('error.bbb-not-configured'));
    const down = describeApiError(new ApiError(502, 'external-service', 'BigBlueButton could not be reached or refused: create: no answer within 5000 ms'), t);
    assert.deepEqual([down.message, down.detail], [t('error.external-service'), 'BigBlueButton could not be reached or refused: create: no answer within 5000 ms']);
  });
});
