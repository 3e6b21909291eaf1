import type { CreateParams, GetRecordingsParams, JoinParams } from './bbb.types.js';
import type { QueryValue } from './bbb-checksum.js';

/**
 * The query parameters of each call, in the API's own names
 * (https://docs.bigbluebutton.org/development/api/#api-calls). The order is fixed so that a call
 * is always signed and sent the same way.
 */

type Pairs = [string, QueryValue][];

/** meta_<key>=<value>; BBB stores the names lowercased and gives them back that way. */
function metaPairs(meta: Record<string, string> | undefined): Pairs {
  return Object.entries(meta ?? {}).map(([key, value]) => [`meta_${key}`, value]);
}

export function createQuery(params: CreateParams): Pairs {
  return [
    ['name', params.name],
    ['meetingID', params.meetingID],
    ['welcome', params.welcome],
    ['record', params.record],
    ['autoStartRecording', params.autoStartRecording],
    ['allowStartStopRecording', params.allowStartStopRecording],
    ['maxParticipants', params.maxParticipants],
    ['duration', params.duration],
    ['logoutURL', params.logoutURL],
    ['guestPolicy', params.guestPolicy],
    ['lockSettingsDisableCam', params.lockSettingsDisableCam],
    ['lockSettingsDisableMic', params.lockSettingsDisableMic],
    ['lockSettingsDisablePrivateChat', params.lockSettingsDisablePrivateChat],
    ['lockSettingsDisablePublicChat', params.lockSettingsDisablePublicChat],
    ['lockSettingsDisableNotes', params.lockSettingsDisableNotes],
    // The singular name is what servers before 2.6 read (and bbb-web still accepts).
    ['lockSettingsDisableNote', params.lockSettingsDisableNotes],
    ['lockSettingsHideUserList', params.lockSettingsHideUserList],
    ['lockSettingsLockOnJoin', params.lockSettingsLockOnJoin],
    ...metaPairs(params.meta),
  ];
}

/**
 * join with `role` (BBB 2.4+) instead of the deprecated passwords. `redirect` is sent even when
 * true so the URL says what it does.
 */
export function joinQuery(params: JoinParams): Pairs {
  return [
    ['fullName', params.fullName],
    ['meetingID', params.meetingID],
    ['role', params.role],
    ['userID', params.userID],
    ['createTime', params.createTime],
    ['avatarURL', params.avatarURL],
    ['guest', params.guest],
    ['redirect', params.redirect ?? true],
    ...Object.entries(params.userdata ?? {}).map(([key, value]): [string, QueryValue] => [`userdata-${key}`, value]),
  ];
}

/** Lists travel comma-separated, as the docs' examples show (`recordID=a,b`). */
function commaList(values: readonly string[] | undefined): string | undefined {
  return values && values.length > 0 ? values.join(',') : undefined;
}

export function getRecordingsQuery(params: GetRecordingsParams): Pairs {
  return [
    ['meetingID', commaList(params.meetingID)],
    ['recordID', commaList(params.recordID)],
    ['state', commaList(params.state)],
    ...metaPairs(params.meta),
    ['offset', params.offset],
    ['limit', params.limit],
  ];
}

export function updateRecordingsQuery(recordIDs: readonly string[], changes: { meta?: Record<string, string>; protect?: boolean }): Pairs {
  return [['recordID', commaList(recordIDs)], ...metaPairs(changes.meta), ['protect', changes.protect]];
}

function escapeXmlAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * The body of a create POST that pre-uploads presentations: BBB downloads each URL itself and shows
 * the first one (https://docs.bigbluebutton.org/development/api/#pre-upload-slides). `filename`
 * tells it the type when the URL has no extension.
 */
export function presentationModulesXml(presentations: readonly { url: string; filename: string }[]): string {
  const documents = presentations
    .map((doc) => `<document url="${escapeXmlAttribute(doc.url)}" filename="${escapeXmlAttribute(doc.filename)}"/>`)
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><modules><module name="presentation">${documents}</module></modules>`;
}
