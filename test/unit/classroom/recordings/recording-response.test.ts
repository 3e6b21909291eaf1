import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Recording, RecordingsPage } from '../../../../src/classroom/bbb/bbb.types.js';
import type { ClassroomRecordingRow } from '../../../../src/classroom/classroom.table.js';
import { captionFolders } from '../../../../src/classroom/recordings/recording-captions.js';
import { pageOfRecordings, recordingName, toRecordingResponse, videoFormat } from '../../../../src/classroom/recordings/recording-response.js';

function recording(over: Partial<Recording> = {}): Recording {
  return {
    recordID: 'ab12-1700000000000',
    meetingID: 'amphi-r1',
    internalMeetingID: 'ab12-1700000000000',
    name: 'Amphi de probabilités',
    published: true,
    protected: false,
    state: 'published',
    startTime: 1_700_000_000_000,
    endTime: 1_700_000_000_000 + 45 * 60_000 + 29_400,
    participants: 12,
    metadata: {},
    formats: [
      {
        type: 'presentation',
        url: 'https://bbb.example.edu/playback/presentation/2.3/ab12-1700000000000',
        length: 45,
        previewImages: [{ url: 'https://bbb.example.edu/thumb-1.png', width: 176, height: 136, alt: 'Slide 1' }],
      },
    ],
    ...over,
  };
}

describe('recording responses', () => {
  it('names a recording by its rename, else its meta name, else BBB’s name', () => {
    assert.equal(recordingName(recording()), 'Amphi de probabilités');
    assert.equal(recordingName(recording({ metadata: { name: 'Meta name' } })), 'Meta name');
    assert.equal(recordingName(recording({ metadata: { name: 'Meta name', 'bbb-recording-name': 'Séance 1' } })), 'Séance 1');
    assert.equal(recordingName(recording({ metadata: { 'bbb-recording-name': '   ' } })), 'Amphi de probabilités');
  });

  it('finds the video format only when it has a URL', () => {
    assert.equal(videoFormat(recording()), undefined);
    const video = { type: 'video', url: 'https://bbb.example.edu/playback/video/ab12/', length: 45, previewImages: [] };
    assert.equal(videoFormat(recording({ formats: [video] })), video);
    assert.equal(videoFormat(recording({ formats: [{ ...video, url: '' }] })), undefined);
  });

  it('answers dates, the duration in seconds, previews, and import details only when a row is given', () => {
    const r = recording();
    const learner = toRecordingResponse(r, undefined);
    assert.equal(learner.startTime, '2023-11-14T22:13:20.000Z');
    assert.equal(learner.durationSeconds, 45 * 60 + 29);
    assert.deepEqual(learner.formats[0]!.previewImages, [{ url: 'https://bbb.example.edu/thumb-1.png', width: 176, height: 136, alt: 'Slide 1' }]);
    assert.equal(learner.importable, false);
    assert.equal(learner.import, null);
    const row = { import_status: 'failed', import_error: 'HTTP 404', imported_resource_id: null } as ClassroomRecordingRow;
    assert.deepEqual(toRecordingResponse(r, row).import, { status: 'failed', error: 'HTTP 404', videoResourceId: null });
    assert.equal(toRecordingResponse(r, { ...row, import_status: null }).import, null);
  });

  it('keeps a paginating server’s page and total, and pages locally a server that does not paginate', () => {
    const all = Array.from({ length: 7 }, (_, i) => recording({ recordID: `r${i}`, meetingID: i === 3 ? 'amphi-other' : 'amphi-r1' }));
    const mine = (r: Recording) => r.meetingID === 'amphi-r1';
    const paged: RecordingsPage = { recordings: all.slice(0, 2), totalElements: 40, offset: 0, limit: 2 };
    assert.deepEqual(pageOfRecordings(paged, { offset: 0, limit: 2 }, mine), { recordings: all.slice(0, 2), total: 40 });
    const unpaged: RecordingsPage = { recordings: all, totalElements: 7, offset: 0, limit: null };
    const second = pageOfRecordings(unpaged, { offset: 2, limit: 2 }, mine);
    assert.deepEqual(second.recordings.map((r) => r.recordID), ['r2', 'r4']);
    assert.equal(second.total, 6);
    assert.deepEqual(pageOfRecordings(unpaged, { offset: 6, limit: 2 }, mine).recordings, []);
  });

  it('looks for captions in the video format’s folder, then where the presentation player reads them', () => {
    const r = recording({
      formats: [
        { type: 'video', url: 'https://bbb.example.edu/playback/video/ab12-1700000000000/', length: 45, previewImages: [] },
        { type: 'presentation', url: 'https://bbb.example.edu/playback/presentation/2.3/ab12-1700000000000', length: 45, previewImages: [] },
        { type: 'podcast', url: 'https://bbb.example.edu/podcast/ab12/audio.ogg', length: 45, previewImages: [] },
      ],
    });
    assert.deepEqual(captionFolders(r), ['https://bbb.example.edu/playback/video/ab12-1700000000000/', 'https://bbb.example.edu/presentation/ab12-1700000000000/']);
  });
});
