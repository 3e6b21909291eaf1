/**
 * The upload's words and numbers (binary sizes through the shared formatter), the server's
 * refusals, the completion threshold of the Settings tab, and the processing phases.
 * Replaces test/unit/tool/video-editor/upload.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { VideoResponse } from '../../../../tool/src/api/api-types.js';
import { translatorFor } from '../../../../tool/src/i18n/i18n.js';
import {
  announcementStep,
  checkFileSize,
  describeTransfer,
  formatBytes,
  formatDuration,
  percentOf,
  TransferRate,
} from '../../../../tool/src/video/editor/upload-format.js';
import { describeUploadError } from '../../../../tool/src/video/editor/useVideoUpload.js';
import { phaseOf } from '../../../../tool/src/video/editor/useEditedVideo.js';
import { thresholdDraft, thresholdError, thresholdShare } from '../../../../tool/src/video/editor/video-settings-draft.js';

const t = translatorFor('en');
const fr = translatorFor('fr');
/** Intl puts (narrow) no-break spaces in French numbers and before units: compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');
const MiB = 1024 ** 2;

describe('upload numbers', () => {
  it('writes sizes in binary units, as the limits are set', () => {
    assert.equal(plain(formatBytes('en', 0)), '0 B');
    assert.equal(plain(formatBytes('en', 1536)), '1.5 KiB');
    assert.equal(plain(formatBytes('en', 31.5 * MiB)), '31.5 MiB');
    assert.equal(plain(formatBytes('en', 250 * MiB)), '250 MiB');
    assert.equal(plain(formatBytes('en', 5 * 1024 ** 3)), '5 GiB', 'a 5 GiB limit is not "5.4 GB"');
    assert.equal(plain(formatBytes('fr', 31.5 * MiB)), '31,5 Mio');
    assert.equal(plain(formatBytes('fr', 5 * 1024 ** 3)), '5 Gio');
  });

  it('writes a wait with its two largest units, never "0 s left"', () => {
    assert.equal(formatDuration('en', 45), '45 sec');
    assert.equal(formatDuration('en', 80), '1 min 20 sec');
    assert.equal(formatDuration('en', 7500), '2 hr 5 min');
    assert.equal(formatDuration('en', 0.2), '1 sec');
    assert.equal(plain(formatDuration('fr', 80)), '1 min 20 s');
  });

  it('never shows 100 % before the last byte, and announces at each quarter only', () => {
    assert.deepEqual([percentOf(0, 100), percentOf(999, 1000), percentOf(1000, 1000), percentOf(5, 0)], [0, 99, 100, 0]);
    assert.deepEqual([0, 10, 24, 25, 49, 50, 99, 100].map(announcementStep), [0, 0, 0, 25, 25, 50, 75, 100]);
  });

  it('measures the speed over a sliding window, and forgets a pause', () => {
    let now = 0;
    const rate = new TransferRate(4000, () => now);
    rate.add(0);
    assert.equal(rate.bytesPerSecond(), null, 'one sample says nothing');
    now = 1000;
    rate.add(1_000_000);
    assert.equal(rate.bytesPerSecond(), 1_000_000);
    rate.reset();
    assert.equal(rate.bytesPerSecond(), null);
  });

  it('describes a transfer, with speed and time left once measurable', () => {
    assert.equal(plain(describeTransfer('en', t, MiB, 4 * MiB, null)), '1 MiB of 4 MiB');
    assert.equal(plain(describeTransfer('en', t, MiB, 4 * MiB, MiB)), '1 MiB of 4 MiB · 1 MiB/s · about 3 sec left');
    assert.equal(plain(describeTransfer('fr', fr, MiB, 4 * MiB, MiB)), '1 Mio sur 4 Mio · 1 Mio/s · encore 3 s environ');
  });

  it('checks the size before sending: empty, or over the platform’s limit, in the limit’s units', () => {
    assert.equal(checkFileSize('en', t, 10, 100), null);
    assert.equal(checkFileSize('en', t, 0, 100), t('videoEditor.upload.error.empty'));
    assert.equal(plain(checkFileSize('en', t, 2.5 * MiB, MiB)!), plain(t('videoEditor.upload.error.tooBig', { size: '2.5 MiB', max: '1 MiB' })));
  });
});

/** A tus DetailedError as tus-js-client builds it from an HTTP answer. */
function httpError(status: number, body: string): Error {
  return Object.assign(new Error('tus: unexpected response'), {
    originalResponse: { getStatus: () => status, getBody: () => body, getHeader: () => undefined, getUnderlyingObject: () => null },
  });
}

describe('upload refusals', () => {
  it('shows the server’s words in the page’s language (localizedDetail), else its English detail marked as such', () => {
    const problem = JSON.stringify({ code: 'upload-too-large', detail: 'This file (6 GiB) is larger…', locale: 'fr', localizedDetail: 'Ce fichier (6 GiB) dépasse…' });
    assert.deepEqual(describeUploadError(httpError(413, problem), fr, 'fr'), { message: 'Ce fichier (6 GiB) dépasse…', code: 'upload-too-large', lang: 'fr' });
    const english = JSON.stringify({ code: 'upload-too-large', detail: 'This file is larger…' });
    assert.deepEqual(describeUploadError(httpError(413, english), fr, 'fr'), { message: 'This file is larger…', code: 'upload-too-large', lang: 'en' });
  });

  it('falls back to its own words for 413, 507, a lost connection or a page that is not JSON', () => {
    assert.deepEqual(describeUploadError(httpError(413, '<html>'), t), { message: t('videoEditor.upload.error.tooLarge'), code: 'http-413' });
    assert.equal(describeUploadError(httpError(507, ''), t).message, t('videoEditor.upload.error.noSpace'));
    assert.equal(describeUploadError(httpError(401, '{}'), t).message, t('error.session-required'));
    assert.equal(describeUploadError(httpError(502, 'Bad gateway'), t).message, t('videoEditor.upload.error.failed', { status: '502' }));
    assert.deepEqual(describeUploadError(new Error('tus: failed to upload chunk'), t), { message: t('videoEditor.upload.error.network'), code: 'network' });
  });
});

describe('the completion threshold in the Settings tab', () => {
  it('edits it as a whole percent, the server’s default when the video never had one, and sends a share', () => {
    assert.equal(thresholdDraft(0.75), '75');
    assert.equal(thresholdDraft(undefined), '90');
    assert.equal(thresholdDraft('0.8'), '90', 'not a number: the default');
    assert.equal(thresholdShare(' 80 '), 0.8);
    assert.equal(thresholdError('50', t), null);
    assert.equal(thresholdError('100', t), null);
  });

  it('refuses a threshold outside 50–100 or not whole', () => {
    for (const text of ['', '49', '101', '80.5', 'abc']) {
      assert.equal(thresholdError(text, t)?.text, t('videoEditor.settings.error.threshold', { min: '50', max: '100' }), text);
    }
  });
});

function video(extra: Partial<VideoResponse> = {}): VideoResponse {
  return {
    resourceId: 'r1',
    title: 'Lecture',
    description: 'Watch it',
    status: 'empty',
    media: null,
    processing: null,
    chapters: [],
    captions: [],
    allowDownload: false,
    completionThreshold: 0.9,
    progress: null,
    canEdit: true,
    tracking: { activityId: 'a', statementsUrl: '/s', sessionId: 's', queueKey: 'q', maxPlaybackRate: 2 },
    upload: { endpoint: '/api/uploads/', maxBytes: 1000 },
    ...extra,
  };
}

describe('processing phases', () => {
  it('names the phase the editor announces', () => {
    const processing = { mediaId: 'm', progress: null, label: null, error: null, fileName: 'a.mp4', canRetry: false };
    assert.equal(phaseOf(undefined), 'none');
    assert.equal(phaseOf(video()), 'none');
    assert.equal(phaseOf(video({ processing: { ...processing, status: 'transcoding' } })), 'transcoding');
    assert.equal(phaseOf(video({ status: 'ready' })), 'ready');
    assert.equal(phaseOf(video({ status: 'ready', processing: { ...processing, status: 'failed' } })), 'failed');
  });
});
