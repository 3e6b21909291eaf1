import { callApi, type ApiClient } from '../../api/api-client.js';

/** The join API (src/classroom/meetings/meeting.view.ts is the wire contract). */

export interface Occurrence {
  sessionId: string;
  title: string | null;
  start: string;
  end: string;
  opensAt: string;
}

export type JoinRole = 'moderator' | 'viewer';

export interface Room {
  /** False: no BigBlueButton server is set for the platform, nobody can start or join. */
  serverConfigured: boolean;
  open: boolean;
  scheduled: boolean;
  current: Occurrence | null;
  next: Occurrence | null;
  upcoming: Occurrence[];
  meetingRunning: boolean;
  waitingForModerator: boolean;
  role: JoinRole;
  participants: { total: number; moderators: number } | null;
  startedAt: string | null;
}

export type JoinAnswer = { status: 'ready'; joinUrl: string; role: JoinRole } | { status: 'waiting'; role: JoinRole };

const base = (resourceId: string) => `/api/classrooms/${encodeURIComponent(resourceId)}`;

export function getRoom(client: ApiClient, resourceId: string): Promise<Room> {
  return callApi<Room>(client, `${base(resourceId)}/room`);
}

export function joinClassroom(client: ApiClient, resourceId: string): Promise<JoinAnswer> {
  return callApi<JoinAnswer>(client, `${base(resourceId)}/join`, { method: 'POST', body: {} });
}

export function endMeeting(client: ApiClient, resourceId: string): Promise<Room> {
  return callApi<Room>(client, `${base(resourceId)}/end`, { method: 'POST', body: {} });
}
