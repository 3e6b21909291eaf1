/** The wire shapes of the join API (tool/src/classroom/join reads them). Instants are ISO strings (UTC). */

export interface OccurrenceResponse {
  sessionId: string;
  title: string | null;
  start: string;
  end: string;
  opensAt: string;
}

export type JoinRole = 'moderator' | 'viewer';

/** POST /api/classrooms/:resourceId/join. The join URL is a credential: the page opens it and forgets it. */
export type JoinResponse = { status: 'ready'; joinUrl: string; role: JoinRole } | { status: 'waiting'; role: JoinRole };

/** GET /api/classrooms/:resourceId/room: what the page needs to offer Join, wait, or say when the room opens. */
export interface RoomResponse {
  /**
   * The platform has a BigBlueButton server: false means nobody can start or join until its
   * administrator sets one (no URL or secret is ever said here).
   */
  serverConfigured: boolean;
  /** false when the classroom has sessions and none is open now (learners cannot join). */
  open: boolean;
  scheduled: boolean;
  current: OccurrenceResponse | null;
  next: OccurrenceResponse | null;
  /** The next few sessions (teachers only; [] for learners). */
  upcoming: OccurrenceResponse[];
  /** A meeting exists for this classroom on BBB (from Amphi's row; BBB is asked at most once per meetingCheckSeconds). */
  meetingRunning: boolean;
  /** This person would wait: a viewer, the classroom waits for a moderator, and no meeting runs. */
  waitingForModerator: boolean;
  role: JoinRole;
  /** Teachers only: people who joined the running meeting through Amphi (null otherwise). */
  participants: { total: number; moderators: number } | null;
  /** ISO instant the meeting was started, when it runs. */
  startedAt: string | null;
}
