/** The upload's words and numbers, the server's refusals, and the video settings form's checks. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ApiError } from '../../../../tool/src/api/api-client.js';
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
import {
  draftFromVideo,
  toVideoUpdate,
  validateVideoSettings,
  videoSettingsServerErrors,
} from '../../../../tool/src/video/editor/video-settings-draft.js';

const t = translatorFor('en');
const fr = translatorFor('fr');
/** Intl puts narrow no-break spaces in French numbers: compare with plain spaces. */
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('upload numbers', () => {
  it('writes sizes with the locale’s units', () => {
    assert.equal(formatBytes('en', 0), '0 byte');
    assert.equal(formatBytes('en', 999), '999 byte');
    assert.equal(formatBytes('en', 1500), '1.5 kB');
    assert.equal(formatBytes('en', 12_345_678), '12.3 MB');
    assert.equal(formatBytes('en', 250_000_000), '250 MB');
    assert.equal(formatBytes('en', 2_000_000_000), '2 GB');
    assert.equal(plain(formatBytes('fr', 12_345_678)), '12,3 Mo');
  });

  it('writes a wait with its two largest units', () => {
    assert.equal(formatDuration('en', 45), '45 sec');
    assert.equal(formatDuration('en', 80), '1 min 20 sec');
    assert.equal(formatDuration('en', 7500), '2 hr 5 min');
    assert.equal(formatDuration('en', 3600), '1 hr');
    assert.equal(formatDuration('en', 0.2), '1 sec', 'never "0 s left"');
    assert.equal(plain(formatDuration('fr', 80)), '1 min 20 s');
  });

  it('never shows 100 % before the last byte', () => {
    assert.equal(percentOf(0, 100), 0);
    assert.equal(percentOf(999, 1000), 99);
    assert.equal(percentOf(1000, 1000), 100);
    assert.equal(percentOf(5, 0), 0);
  });

  it('announces at each quarter only', () => {
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
    now = 10_000;
    rate.add(1_500_000);
    // The oldest sample fell out of the window: the estimate covers the last two samples only.
    assert.equal(Math.round(rate.bytesPerSecond()!), Math.round(500_000 / 9));
    rate.reset();
    assert.equal(rate.bytesPerSecond(), null);
  });

  it('describes a transfer, with speed and time left once measurable', () => {
    assert.equal(describeTransfer('en', t, 1_000_000, 4_000_000, null), '1 MB of 4 MB');
    assert.equal(describeTransfer('en', t, 1_000_000, 4_000_000, 1_000_000), '1 MB of 4 MB · 1 MB/s · about 3 sec left');
    assert.equal(plain(describeTransfer('fr', fr, 1_000_000, 4_000_000, 1_000_000)), '1 Mo sur 4 Mo · 1 Mo/s · encore 3 s environ');
  });

  it('checks the size before sending: empty, or over the platform’s limit', () => {
    assert.equal(checkFileSize('en', t, 10, 100), null);
    assert.equal(checkFileSize('en', t, 0, 100), t('videoEditor.upload.error.empty'));
    assert.equal(checkFileSize('en', t, 2_500_000, 1_000_000), t('videoEditor.upload.error.tooBig', { size: '2.5 MB', max: '1 MB' }));
  });
});

/** A tus DetailedError as tus-js-client builds it from an HTTP answer. */
function httpError(status: number, body: string): Error {
  return Object.assign(new Error('tus: unexpected response'), {
    originalResponse: { getStatus: () => status, getBody: () => body, getHeader: () => undefined, getUnderlyingObject: () => null },
  });
}

describe('upload refusals', () => {
  it('shows the server’s problem+json detail and code, in the page’s language', () => {
    const problem = JSON.stringify({ code: 'media-not-recognised', detail: 'Ce fichier n’est pas une vidéo.' });
    assert.deepEqual(describeUploadError(httpError(422, problem), fr, 'fr'), {
      message: 'Ce fichier n’est pas une vidéo.',
      code: 'media-not-recognised',
      lang: 'fr',
    });
  });

  it('falls back to its own words for 413, 507, a lost connection or a page that is not JSON', () => {
    assert.deepEqual(describeUploadError(httpError(413, '<html>'), t), { message: t('videoEditor.upload.error.tooLarge'), code: 'http-413' });
    assert.equal(describeUploadError(httpError(507, ''), t).message, t('videoEditor.upload.error.noSpace'));
    assert.equal(describeUploadError(httpError(401, '{}'), t).message, t('error.session-required'));
    assert.equal(describeUploadError(httpError(502, 'Bad gateway'), t).message, t('videoEditor.upload.error.failed', { status: '502' }));
    assert.deepEqual(describeUploadError(new Error('tus: failed to upload chunk'), t), { message: t('videoEditor.upload.error.network'), code: 'network' });
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

describe('video settings form', () => {
  it('edits the threshold as a whole percent and sends a share', () => {
    const draft = draftFromVideo(video({ completionThreshold: 0.75 }));
    assert.equal(draft.thresholdPercent, '75');
    assert.deepEqual(validateVideoSettings(draft, t), {});
    assert.deepEqual(toVideoUpdate({ ...draft, title: '  New  ' }), { title: 'New', description: 'Watch it', allowDownload: false, completionThreshold: 0.75 });
  });

  it('refuses an empty title and a threshold outside 50–100 or not whole', () => {
    const draft = draftFromVideo(video());
    for (const thresholdPercent of ['', '49', '101', '80.5', 'abc']) {
      const errors = validateVideoSettings({ ...draft, thresholdPercent }, t);
      assert.equal(errors.thresholdPercent?.text, t('videoEditor.settings.error.threshold', { min: '50', max: '100' }), thresholdPercent);
    }
    assert.ok(validateVideoSettings({ ...draft, thresholdPercent: '50' }, t).thresholdPercent === undefined);
    assert.equal(validateVideoSettings({ ...draft, title: '  ' }, t).title?.text, t('form.error.titleRequired'));
  });

  it('puts the server’s issues under their fields', () => {
    const error = new ApiError(400, 'invalid-request', undefined, undefined, [
      { path: 'body.completionThreshold', message: 'Too small' },
      { path: 'body.other', message: 'Unknown' },
    ]);
    const { fields, other } = videoSettingsServerErrors(error);
    assert.deepEqual(fields, { thresholdPercent: { text: 'Too small', lang: 'en' } });
    assert.deepEqual(other, [{ text: 'Unknown', lang: 'en' }]);
  });

  it('names the processing phase the editor announces', () => {
    const processing = { mediaId: 'm', progress: null, label: null, error: null, fileName: 'a.mp4', canRetry: false };
    assert.equal(phaseOf(undefined), 'none');
    assert.equal(phaseOf(video()), 'none');
    assert.equal(phaseOf(video({ processing: { ...processing, status: 'transcoding' } })), 'transcoding');
    assert.equal(phaseOf(video({ status: 'ready' })), 'ready');
    assert.equal(phaseOf(video({ status: 'ready', processing: { ...processing, status: 'failed' } })), 'failed');
  });
});
