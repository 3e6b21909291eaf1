/** The chapters editor's pure logic: reading and writing times, checking and ordering rows. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../../../tool/src/api/api-client.js';
import { translatorFor } from '../../../../tool/src/i18n/i18n.js';
import {
  CHAPTER_LIMITS,
  chapterServerErrors,
  rowsFromChapters,
  sortRows,
  toChapters,
  validateRows,
  type ChapterRow,
} from '../../../../tool/src/video/editor/chapter-draft.js';
import { formatTime, parseTime } from '../../../../tool/src/video/editor/chapter-time.js';

const t = translatorFor('en');
const fr = translatorFor('fr');

function row(key: string, start: string, title = `Chapter ${key}`): ChapterRow {
  return { key, start, title };
}

describe('parseTime', () => {
  it('reads m:ss and h:mm:ss', () => {
    assert.equal(parseTime('0:00'), 0);
    assert.equal(parseTime('1:05'), 65);
    assert.equal(parseTime('12:34'), 754);
    assert.equal(parseTime('1:02:03'), 3723);
    assert.equal(parseTime('10:00:00'), 36000);
  });

  it('accepts surrounding spaces, one-digit seconds, minutes over 59 without hours, and a fraction (dot or comma)', () => {
    assert.equal(parseTime('  2:30 '), 150);
    assert.equal(parseTime('0:7'), 7);
    assert.equal(parseTime('75:00'), 4500);
    assert.equal(parseTime('0:07.5'), 7.5);
    assert.equal(parseTime('0:07,25'), 7.25);
    assert.equal(parseTime('1:00:00.125'), 3600.125);
  });

  it('refuses what is not a clock time', () => {
    for (const text of ['', '90', 'abc', '1:60', '1:61:00', '1:5:00:00', ':30', '1:', '-1:00', '1:00.1234', '1 : 00', '1h30', '0:075']) {
      assert.equal(parseTime(text), null, JSON.stringify(text));
    }
  });
});

describe('formatTime', () => {
  it('writes m:ss, with hours when the time or the video needs them', () => {
    assert.equal(formatTime(0), '0:00');
    assert.equal(formatTime(65), '1:05');
    assert.equal(formatTime(599.9), '9:59', 'whole seconds, rounded down');
    assert.equal(formatTime(3723), '1:02:03');
    assert.equal(formatTime(65, 4000), '0:01:05', 'a long video writes every row with hours');
  });

  it('survives nonsense input', () => {
    assert.equal(formatTime(-3), '0:00');
    assert.equal(formatTime(Number.NaN), '0:00');
  });

  it('round-trips through parseTime', () => {
    for (const seconds of [0, 1, 59, 60, 61, 599, 3599, 3600, 3661, 86399]) assert.equal(parseTime(formatTime(seconds)), seconds);
  });
});

describe('chapter rows', () => {
  it('sorts by time, unreadable starts last in their order', () => {
    const rows = [row('a', '2:00'), row('b', 'oops'), row('c', '0:30'), row('d', ''), row('e', '1:00')];
    assert.deepEqual(sortRows(rows).map((r) => r.key), ['c', 'e', 'a', 'b', 'd']);
  });

  it('keeps the order of two rows at the same time (stable)', () => {
    assert.deepEqual(sortRows([row('x', '1:00'), row('y', '0:01:00')]).map((r) => r.key), ['x', 'y']);
  });

  it('finds nothing wrong with good rows, and turns them into sorted chapters', () => {
    const rows = [row('a', '1:30', '  Results  '), row('b', '0:00', 'Intro')];
    assert.deepEqual(validateRows(rows, 300, t), {});
    assert.deepEqual(toChapters(rows), [
      { startSeconds: 0, title: 'Intro' },
      { startSeconds: 90, title: 'Results' },
    ]);
  });

  it('says what is wrong with each row, in the teacher’s language', () => {
    const rows = [row('a', '0:00', ''), row('b', '1:75'), row('c', '5:00'), row('d', '0:00', 'Again'), row('e', '0:10', 'x'.repeat(CHAPTER_LIMITS.title + 1))];
    const errors = validateRows(rows, 300, t);
    assert.equal(errors.a?.title?.text, t('videoEditor.chapters.error.titleRequired'));
    assert.equal(errors.a?.start, undefined);
    assert.equal(errors.b?.start?.text, t('videoEditor.chapters.error.time'));
    assert.equal(errors.c?.start?.text, t('videoEditor.chapters.error.afterEnd', { duration: '5:00' }));
    assert.equal(errors.d?.start?.text, t('videoEditor.chapters.error.duplicate', { time: '0:00' }));
    assert.equal(errors.e?.title?.text, t('form.error.tooLong', { max: String(CHAPTER_LIMITS.title) }));
    assert.match(validateRows([row('a', 'x')], 0, fr).a!.start!.text, /Écrivez le temps/);
  });

  it('has no upper bound when the duration is unknown (no media yet)', () => {
    assert.deepEqual(validateRows([row('a', '9:59:59')], 0, t), {});
  });

  it('treats two starts in the same second as the same chapter start', () => {
    assert.ok(validateRows([row('a', '0:10'), row('b', '0:10.5')], 60, t).b?.start);
  });

  it('builds rows from saved chapters, with hours for a long video', () => {
    const rows = rowsFromChapters([{ startSeconds: 0, title: 'A' }, { startSeconds: 3700, title: 'B' }], 4000);
    assert.deepEqual(rows.map((r) => [r.start, r.title]), [['0:00:00', 'A'], ['1:01:40', 'B']]);
    assert.notEqual(rows[0]!.key, rows[1]!.key);
  });

  it('puts the server’s validation issues under the row they name, in English; the rest apart', () => {
    const sent = [row('a', '0:00'), row('b', '1:00')];
    const error = new ApiError(400, 'invalid-request', undefined, undefined, [
      { path: 'body.chapters.1.title', message: 'Too long' },
      { path: 'body.chapters.0.startSeconds', message: 'Must be before the end' },
      { path: 'body.chapters', message: 'Too many chapters' },
      { path: 'body.chapters.7.title', message: 'No such row' },
    ]);
    const { rows, other } = chapterServerErrors(error, sent);
    assert.deepEqual(rows, {
      b: { title: { text: 'Too long', lang: 'en' } },
      a: { start: { text: 'Must be before the end', lang: 'en' } },
    });
    assert.deepEqual(other.map((o) => o.text), ['Too many chapters', 'No such row']);
  });
});
