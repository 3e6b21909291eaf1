import { meetingIdProblem, NOT_FOUND, ok, refuse, type ApiAnswer, type CallHandler } from './fake-bbb-api.js';
import { randomToken, type FakeMeeting, type FakeRole, type FakeState } from './fake-bbb-state.js';
import { successXml } from './fake-bbb-xml.js';

/**
 * join, after ApiController#join: validation failures redirect to the logout URL with
 * `?errors=[{key,message}]` (REDIRECT_RESPONSE), a missing role AND password is the XML
 * "Params required" answer, success redirects into the client (or answers XML with redirect=false).
 */
export const join: CallHandler = (state, req) => {
  const p = req.params;
  const meetingID = p.get('meetingID');
  const meeting = meetingID ? state.meetings.get(meetingID) : undefined;
  const problem =
    meetingIdProblem(meetingID) ??
    (!meeting ? NOT_FOUND : undefined) ??
    (meeting!.ended ? (['meetingForciblyEnded', 'You can not re-join a meeting that has already been forcibly ended'] as const) : undefined) ??
    (!p.get('fullName') ? (['missingParamFullName', 'You must provide your name'] as const) : undefined) ??
    (p.has('createTime') && Number(p.get('createTime')) !== meeting!.createTime
      ? (['mismatchCreateTimeParam', 'The createTime parameter submitted mismatches with the current meeting.'] as const)
      : undefined);
  if (problem) return errorRedirect(state, problem[0], problem[1]);
  const m = meeting!;
  const roleParam = p.get('role')?.toLowerCase();
  let role: FakeRole | undefined = roleParam === 'moderator' ? 'MODERATOR' : roleParam === 'viewer' ? 'VIEWER' : undefined;
  if (!role) {
    const password = p.get('password');
    if (!password) return refuse('Params required', 'You must either send the valid role of the user, or the password, sould the meeting has one.');
    if (!m.params.moderatorPW || !m.params.attendeePW) {
      return refuse('Params required', "You must send the 'role' parameter, since this meeting doesn't have any password.");
    }
    if (password === m.params.moderatorPW) role = 'MODERATOR';
    else if (password === m.params.attendeePW) role = 'VIEWER';
    else return refuse('Params required', 'You must enter a valid password');
  }
  const userID = p.get('userID') || `w_${randomToken(12)}`;
  const max = Number(m.params.maxParticipants ?? 0);
  if (max > 0 && m.attendees.length >= max && !m.attendees.some((a) => a.userID === userID)) {
    return errorRedirect(state, 'maxParticipantsReached', 'The number of participants allowed for this meeting has been reached.');
  }
  const sessionToken = addAttendee(state, m, { userID, fullName: p.get('fullName')!, role });
  const url = `${state.origin}/client/BigBlueButton.html?sessionToken=${sessionToken}`;
  if (p.get('redirect') === 'false') {
    return ok(
      successXml({
        messageKey: 'successfullyJoined',
        message: 'You have joined successfully.',
        meeting_id: m.internalMeetingID,
        user_id: `w_${randomToken(12)}`,
        auth_token: randomToken(12),
        session_token: sessionToken,
        guestStatus: 'ALLOW',
        url,
      }),
      'successfullyJoined',
    );
  }
  return { kind: 'redirect', location: url, ok: true };
};

function errorRedirect(state: FakeState, key: string, message: string): ApiAnswer {
  const errors = encodeURIComponent(JSON.stringify([{ key, message }]));
  return { kind: 'redirect', location: `${state.origin}/?errors=${errors}`, ok: false, messageKey: key };
}

/** The user enters: listed as attendee (once per userID), a session opened, the meeting running. */
export function addAttendee(state: FakeState, m: FakeMeeting, a: { userID: string; fullName: string; role: FakeRole }): string {
  const now = Date.now();
  closeSession(m, a.userID, now);
  m.attendees = m.attendees.filter((x) => x.userID !== a.userID).concat([{ ...a }]);
  m.sessions.push({ ...a, joinedAt: now });
  if (!m.running) {
    m.running = true;
    m.startTime = now;
  }
  const sessionToken = randomToken(16);
  state.sessions.set(sessionToken, { meetingID: m.meetingID, ...a });
  return sessionToken;
}

export function closeSession(m: FakeMeeting, userID: string, at: number): void {
  for (const s of m.sessions) if (s.userID === userID && s.leftAt === undefined) s.leftAt = at;
}
