import type { AppContext } from '../../app-context.js';
import type { ResourceWithCourse } from '../../content/resource-lookup.service.js';
import type { LaunchSession } from '../../lti/session/session.service.js';
import type { CreateParams, JoinParams } from '../bbb/bbb.types.js';
import { callbackMeta } from '../callbacks/callback-urls.js';
import type { ClassroomSettings } from '../classroom-settings.schemas.js';
import type { ClassroomMeetingRow } from '../classroom.table.js';
import { presentationDownloadUrl } from '../schedule/classroom-settings.service.js';

/**
 * What Amphi sends BBB's create and join, in the API's words.
 * https://docs.bigbluebutton.org/development/api/#create https://docs.bigbluebutton.org/development/api/#join
 */

/** BBB refuses meeting names outside 2–256 characters. */
const NAME_MIN = 2;
const NAME_MAX = 256;

export function meetingName(title: string, locale: 'fr' | 'en'): string {
  const trimmed = title.trim();
  if (trimmed.length >= NAME_MIN) return trimmed.slice(0, NAME_MAX);
  const fallback = locale === 'fr' ? 'Classe virtuelle' : 'Virtual classroom';
  return trimmed ? `${trimmed} – ${fallback}` : fallback;
}

/** The name others see in the meeting: the launch's full name, else given + family name, else a neutral label. */
export function participantName(user: NonNullable<LaunchSession['user']>): string {
  const candidates = [user.name, [user.givenName, user.familyName].filter(Boolean).join(' ')];
  const name = candidates.map((c) => c?.trim() ?? '').find((c) => c.length >= NAME_MIN);
  return (name ?? 'Participant').slice(0, NAME_MAX);
}

export function createParams(
  ctx: AppContext,
  input: { resource: ResourceWithCourse; settings: ClassroomSettings; row: ClassroomMeetingRow; locale: 'fr' | 'en'; lrsPayload?: string | undefined },
): CreateParams {
  const { resource, settings, row } = input;
  const presentationUrl = settings.presentation ? presentationDownloadUrl(ctx, resource) : null;
  return {
    name: meetingName(resource.title, input.locale),
    meetingID: row.meeting_id,
    ...(settings.welcomeMessage ? { welcome: settings.welcomeMessage } : {}),
    record: settings.recordingAllowed,
    allowStartStopRecording: settings.recordingAllowed,
    autoStartRecording: false,
    // The schedule decides who may join; BBB's own duration would cut a class that runs over, and BBB ends empty meetings itself.
    duration: 0,
    guestPolicy: settings.guestPolicy,
    lockSettingsDisableCam: settings.lock.camera,
    lockSettingsDisableMic: settings.lock.microphone,
    lockSettingsDisablePrivateChat: settings.lock.privateChat,
    lockSettingsDisablePublicChat: settings.lock.publicChat,
    lockSettingsDisableNotes: settings.lock.notes,
    lockSettingsHideUserList: settings.lock.userList,
    lockSettingsLockOnJoin: Object.values(settings.lock).some(Boolean),
    // Not the LMS's return URL: Moodle's carries the launcher's sesskey, which every participant
    // would be sent to. BBB opens in its own tab; leaving it lands on a page that says so.
    logoutURL: `${ctx.config.http.publicUrl}/classroom/left`,
    meta: {
      'bbb-origin': 'Amphi',
      'bbb-origin-server-name': new URL(ctx.config.http.publicUrl).host,
      ...(resource.course_title ? { 'bbb-context': resource.course_title, 'bbb-context-name': resource.course_title } : {}),
      ...(resource.course_label ? { 'bbb-context-label': resource.course_label } : {}),
      'bbb-recording-name': resource.title,
      'amphi-platform': resource.platform_id,
      'amphi-course': resource.context_id,
      'amphi-resource': resource.id,
      'amphi-meeting': row.id,
      ...callbackMeta(ctx, row),
      // BigBlueButton's own xAPI into Amphi's LRS, when the platform turned it on (bbb-xapi/lrs-payload.ts).
      ...(input.lrsPayload ? { 'secret-lrs-payload': input.lrsPayload } : {}),
    },
    ...(presentationUrl && settings.presentation ? { presentations: [{ url: presentationUrl, filename: settings.presentation.fileName }] } : {}),
  };
}

export function joinParams(row: ClassroomMeetingRow, user: NonNullable<LaunchSession['user']>, role: 'moderator' | 'viewer'): JoinParams {
  return {
    fullName: participantName(user),
    meetingID: row.meeting_id,
    role: role === 'moderator' ? 'MODERATOR' : 'VIEWER',
    userID: user.sub,
    ...(row.create_time !== null ? { createTime: row.create_time } : {}),
    // Launched from the LMS: a known person, whom the guest policy (for real guests) must not hold back.
    guest: false,
    redirect: true,
  };
}
