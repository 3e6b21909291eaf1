import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ChecksumAlgorithm } from '../../../src/classroom/bbb/bbb.types.js';
import { refuse, type ApiAnswer, type ApiRequest, type CallHandler } from './fake-bbb-api.js';
import {
  defaultAnalyticsAttendees,
  fireAnalytics,
  fireEndCallback,
  fireRecordingReady,
  type AnalyticsOptions,
  type FakeAnalyticsAttendee,
  type RecordingReadyOptions,
} from './fake-bbb-callbacks.js';
import { isChecksumValid } from './fake-bbb-checksum.js';
import { addAttendee, closeSession, join } from './fake-bbb-join.js';
import { create, end, endMeetingState, getMeetingInfo, getMeetings, isMeetingRunning } from './fake-bbb-meetings.js';
import { servePlayback } from './fake-bbb-playback.js';
import { addRecording, deleteRecordings, getRecordings, publishRecordings, updateRecordings, type RecordingSpec } from './fake-bbb-recordings.js';
import { liveMeeting, type FakeCall, type FakeMeeting, type FakeRecording, type FakeRole, type FakeState } from './fake-bbb-state.js';
import { successXml } from './fake-bbb-xml.js';

export type { FakeAnalyticsAttendee, FakeCall, FakeMeeting, FakeRecording, RecordingSpec };
export { defaultAnalyticsAttendees };

export type FakeBbbMode = 'ok' | 'html' | 'http-500' | 'timeout';

export interface FakeBbbOptions {
  secret?: string;
  /** The algorithm this server's clients are meant to use (default sha256). */
  algorithm?: ChecksumAlgorithm;
  /**
   * bbb-web's supportedChecksumAlgorithms. Default: only `algorithm`, stricter than a stock server
   * (which accepts all four) so that a client signing with the wrong algorithm is caught.
   */
  supportedAlgorithms?: ChecksumAlgorithm[];
  /** bbbVersion in the API root answer (default 3.0.0). */
  version?: string;
  /** Download pre-uploaded presentations as bbb-web does (default true). */
  downloadPresentations?: boolean;
}

export interface FakeBbb {
  /** The API base: http://127.0.0.1:<port>/bigbluebutton/api/ */
  url: string;
  origin: string;
  secret: string;
  algorithm: ChecksumAlgorithm;
  calls: FakeCall[];
  /** Successful calls of that name (a duplicateWarning create counts: it is a SUCCESS). */
  count(call: string): number;
  meeting(meetingID: string): FakeMeeting | undefined;
  meetings(): FakeMeeting[];
  setMode(mode: FakeBbbMode): void;
  /** The bbbVersion the API root answers from now on (a server may announce anything). */
  setVersion(version: string): void;
  /** Added before each API answer: BBB's own time. */
  setDelay(ms: number): void;
  join(meetingID: string, user: { userID: string; fullName: string; role: FakeRole }): string;
  leave(meetingID: string, userID: string): void;
  endMeeting(meetingID: string): Promise<Response | undefined>;
  addRecording(spec: RecordingSpec): string;
  recording(recordID: string): FakeRecording | undefined;
  fireRecordingReady(recordID: string, opts?: RecordingReadyOptions): Promise<Response>;
  fireAnalytics(meetingID: string, attendees?: FakeAnalyticsAttendee[], opts?: AnalyticsOptions): Promise<Response>;
  /** Waits for what the fake does in the background (presentation downloads, end callbacks of the end call). */
  settled(): Promise<void>;
  close(): Promise<void>;
}

const API_PREFIX = '/bigbluebutton/api';

/**
 * A strict fake BigBlueButton server on loopback for tests: the API as bbb-web answers it (checksum
 * recomputed from the raw query string, its validation messageKeys, its XML), meetings and
 * recordings in memory, the playback files of the video format, and the three callbacks a real
 * server makes, correctly signed. It shares no code with Amphi's client (only the types file).
 *
 * Where it follows bbb-web (2.6–3.0) rather than the docs, or simplifies:
 * - meta_ names are kept as bbb-web keeps them: lowercased, and only `meta_<letter>[A-Za-z0-9-]*`
 *   (a name with '_' is dropped), so getMeetingInfo/getRecordings show `endcallbackurl`;
 * - join's validation failures (checksum included) redirect to the logout URL (`<origin>/?errors=`)
 *   whatever `redirect` says, as ApiController#invalid(…, REDIRECT_RESPONSE) does; only a missing
 *   role and password answers XML ("Params required");
 * - a user joins when the join URL is fetched (real BBB: when the client connects), the meeting then
 *   runs; an ended meeting is gone at once for getMeetingInfo/end (notFound) and refuses joins
 *   (meetingForciblyEnded) until its ID is created again.
 */
export async function startFakeBbb(options: FakeBbbOptions = {}): Promise<FakeBbb> {
  const algorithm = options.algorithm ?? 'sha256';
  const state: FakeState = {
    origin: '',
    secret: options.secret ?? 'fake-bbb-secret-0123456789abcdef0123456789',
    algorithm,
    supportedAlgorithms: options.supportedAlgorithms ?? [algorithm],
    version: options.version ?? '3.0.0',
    meetings: new Map(),
    recordings: new Map(),
    sessions: new Map(),
    lastCreateTime: 0,
  };
  const calls: FakeCall[] = [];
  const pending = new Set<Promise<unknown>>();
  const background = (task: Promise<unknown>) => {
    const tracked = task.catch(() => undefined).finally(() => pending.delete(tracked));
    pending.add(tracked);
  };
  let mode: FakeBbbMode = 'ok';
  let delay = 0;
  const handlers: Record<string, CallHandler> = {
    create: options.downloadPresentations === false ? (s, r) => create(s, r, () => undefined) : create,
    join,
    end: end(fireEndCallback),
    isMeetingRunning,
    getMeetingInfo,
    getMeetings,
    getRecordings,
    publishRecordings,
    deleteRecordings,
    updateRecordings,
  };

  const server = http.createServer(async (req, res) => {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://fake');
    if (!url.pathname.startsWith(`${API_PREFIX}`)) return serveOther(state, url, res);
    const call = url.pathname.slice(API_PREFIX.length).replace(/^\//, '');
    const rawQuery = (req.url ?? '').includes('?') ? (req.url ?? '').slice((req.url ?? '').indexOf('?') + 1) : '';
    const params = new URLSearchParams(rawQuery);
    if (mode !== 'ok') calls.push({ call, method: req.method ?? 'GET', query: params, ok: false });
    if (mode === 'timeout') return; // never answered; closed by close()
    if (delay > 0) await new Promise((r) => setTimeout(r, delay));
    if (mode === 'html' || mode === 'http-500') {
      const status = mode === 'html' ? 200 : 500;
      return res
        .writeHead(status, { 'content-type': 'text/html' })
        .end(`<!DOCTYPE html><html><head><title>${status === 200 ? 'Welcome to nginx!' : '500 Internal Server Error'}</title></head><body></body></html>`);
    }
    const apiReq: ApiRequest = {
      call,
      method: req.method ?? 'GET',
      rawQuery,
      params,
      body,
      contentType: req.headers['content-type'] ?? '',
    };
    const answer = answerCall(state, handlers, apiReq, background);
    if (call !== '') calls.push({ call, method: apiReq.method, query: apiReq.params, ok: answer.ok, messageKey: answer.messageKey });
    if (answer.kind === 'redirect') return res.writeHead(302, { location: answer.location, 'cache-control': 'no-cache' }).end();
    res.writeHead(200, { 'content-type': 'text/xml;charset=utf-8', 'cache-control': 'no-cache' }).end(answer.xml);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  state.origin = `http://127.0.0.1:${port}`;

  const meetingOrThrow = (meetingID: string): FakeMeeting => {
    const m = state.meetings.get(meetingID);
    if (!m) throw new Error(`fake BBB: no meeting ${meetingID}`);
    return m;
  };
  return {
    url: `${state.origin}${API_PREFIX}/`,
    origin: state.origin,
    secret: state.secret,
    algorithm,
    calls,
    count: (call) => calls.filter((c) => c.call === call && c.ok).length,
    meeting: (meetingID) => state.meetings.get(meetingID),
    meetings: () => [...state.meetings.values()],
    setMode: (m) => void (mode = m),
    setVersion: (v) => void (state.version = v),
    setDelay: (ms) => void (delay = ms),
    join(meetingID, user) {
      const m = liveMeeting(state, meetingID);
      if (!m) throw new Error(`fake BBB: no live meeting ${meetingID}`);
      return addAttendee(state, m, user);
    },
    leave(meetingID, userID) {
      const m = meetingOrThrow(meetingID);
      closeSession(m, userID, Date.now());
      m.attendees = m.attendees.filter((a) => a.userID !== userID);
    },
    async endMeeting(meetingID) {
      const m = meetingOrThrow(meetingID);
      if (!m.ended) endMeetingState(m);
      return fireEndCallback(m);
    },
    addRecording: (spec) => addRecording(state, spec),
    recording: (recordID) => state.recordings.get(recordID),
    async fireRecordingReady(recordID, opts) {
      const r = state.recordings.get(recordID);
      if (!r) throw new Error(`fake BBB: no recording ${recordID}`);
      return fireRecordingReady(state, r, opts);
    },
    fireAnalytics: async (meetingID, attendees, opts) => fireAnalytics(state, meetingOrThrow(meetingID), attendees, opts),
    async settled() {
      while (pending.size > 0) await Promise.all([...pending]);
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function answerCall(state: FakeState, handlers: Record<string, CallHandler>, req: ApiRequest, background: (t: Promise<unknown>) => void): ApiAnswer {
  // The API root needs no checksum: it answers the version (ApiController#index).
  if (req.call === '') {
    return { kind: 'xml', ok: true, xml: successXml({ version: '2.0', apiVersion: '2.0', bbbVersion: state.version }) };
  }
  const handler = handlers[req.call];
  if (!handler) return refuse('unsupportedRequest', 'This request is not supported.');
  if (!isChecksumValid(req.call, req.rawQuery, state.secret, state.supportedAlgorithms)) {
    if (req.call === 'join') {
      const errors = encodeURIComponent(JSON.stringify([{ key: 'checksumError', message: 'Checksums do not match' }]));
      return { kind: 'redirect', location: `${state.origin}/?errors=${errors}`, ok: false, messageKey: 'checksumError' };
    }
    return refuse('checksumError', 'Checksums do not match');
  }
  return handler(state, req, background);
}

/** Outside the API: the client page a join lands on, and the published playback files. */
function serveOther(state: FakeState, url: URL, res: http.ServerResponse): void {
  if (url.pathname === '/client/BigBlueButton.html') {
    const session = state.sessions.get(url.searchParams.get('sessionToken') ?? '');
    if (!session) return void res.writeHead(401, { 'content-type': 'text/plain' }).end('unknown session token');
    const name = session.fullName.replace(/[<>&"]/g, '');
    return void res
      .writeHead(200, { 'content-type': 'text/html;charset=utf-8' })
      .end(`<!DOCTYPE html><html lang="en"><head><title>BigBlueButton</title></head><body><main><h1>BigBlueButton (fake)</h1><p id="fake-bbb-user">${name}</p><p id="fake-bbb-role">${session.role}</p></main></body></html>`);
  }
  if (servePlayback(state, url, res)) return;
  res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>404 Not Found</body></html>');
}

async function readBody(req: http.IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

