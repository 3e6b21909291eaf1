import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { serviceUrl } from '../../../src/grades/ags.client.js';
import type { GradeScoreRow } from '../../../src/grades/grades.table.js';
import { newLineItem } from '../../../src/grades/line-item.service.js';
import { toScore } from '../../../src/grades/deliver-score.js';
import { toScoreResponse } from '../../../src/grades/score-view.js';

describe('AGS messages', () => {
  it('puts /scores and /results into the line item’s path, keeping its query (Moodle’s ?type_id=)', () => {
    const moodle = 'https://moodle.example.edu/mod/lti/services.php/42/lineitems/7/lineitem?type_id=1';
    assert.equal(serviceUrl(moodle, 'scores'), 'https://moodle.example.edu/mod/lti/services.php/42/lineitems/7/lineitem/scores?type_id=1');
    assert.equal(serviceUrl(moodle, 'results'), 'https://moodle.example.edu/mod/lti/services.php/42/lineitems/7/lineitem/results?type_id=1');
    assert.equal(serviceUrl('https://lms.example/api/lti/courses/5/line_items/2/', 'scores'), 'https://lms.example/api/lti/courses/5/line_items/2/scores');
    assert.equal(serviceUrl('https://lms.example/li/2?a=1&b=%20x#frag', 'scores'), 'https://lms.example/li/2/scores?a=1&b=%20x#frag');
  });

  it('builds a score with every field Moodle requires, timestamp in ISO 8601 with milliseconds', () => {
    const score = toScore({
      user_sub: 'learner-1',
      score_given: 15.5,
      score_maximum: 20,
      comment: null,
      score_timestamp: new Date('2026-03-02T10:11:12.345Z'),
      activity_progress: 'Completed',
      grading_progress: 'FullyGraded',
    });
    assert.deepEqual(score, {
      userId: 'learner-1',
      scoreGiven: 15.5,
      scoreMaximum: 20,
      comment: '',
      timestamp: '2026-03-02T10:11:12.345Z',
      activityProgress: 'Completed',
      gradingProgress: 'FullyGraded',
    });
  });

  it('asks for a line item named after the resource, tagged with its kind, bound to the activity when there is one', () => {
    const source = { title: 'Classe virtuelle 3', kind: 'classroom', score_maximum: 10, lti_resource_link_id: '812' };
    assert.deepEqual(newLineItem({ resource_id: 'r-1', score_maximum: 20 }, source), {
      scoreMaximum: 10,
      label: 'Classe virtuelle 3',
      resourceId: 'r-1',
      resourceLinkId: '812',
      tag: 'amphi-classroom',
    });
    const unbound = newLineItem({ resource_id: 'r-1', score_maximum: 20 }, { ...source, score_maximum: null, lti_resource_link_id: null });
    assert.equal(unbound.scoreMaximum, 20, 'the scores’ maximum when the resource has none');
    assert.equal('resourceLinkId' in unbound, false);
  });

  it('shows an outbox row as the gradebook’s ScoreResponse', () => {
    const base = {
      seq: '1', id: 's-1', platform_id: 'p', resource_id: 'r', resource_link_id: null, line_item_id: 'li', user_id: 'u',
      score_given: 12, score_maximum: 20, activity_progress: 'Completed', grading_progress: 'FullyGraded', comment: 'ok',
      score_timestamp: new Date('2026-03-02T10:00:00.000Z'), attempts: 2, next_attempt_at: new Date('2026-03-02T10:05:00.000Z'),
      locked_until: null, last_error: 'lti-ags: HTTP 503', last_status: 503, sent_at: null, created_at: new Date('2026-03-02T10:00:00.000Z'),
    } satisfies Omit<GradeScoreRow, 'status'>;
    assert.deepEqual(toScoreResponse({ ...base, status: 'pending' }), {
      id: 's-1', scoreGiven: 12, scoreMaximum: 20, comment: 'ok', activityProgress: 'Completed', gradingProgress: 'FullyGraded',
      timestamp: '2026-03-02T10:00:00.000Z', state: 'pending', attempts: 2, error: 'lti-ags: HTTP 503', sentAt: null, nextAttemptAt: '2026-03-02T10:05:00.000Z',
    });
    const sent = toScoreResponse({ ...base, status: 'sent', sent_at: new Date('2026-03-02T10:06:00.000Z') });
    assert.equal(sent.state, 'sent');
    assert.equal(sent.error, null, 'an old retry reason is not an error once sent');
    assert.equal(sent.nextAttemptAt, null);
    assert.equal(sent.sentAt, '2026-03-02T10:06:00.000Z');
    assert.equal(toScoreResponse({ ...base, status: 'failed' }).nextAttemptAt, null);
  });
});
