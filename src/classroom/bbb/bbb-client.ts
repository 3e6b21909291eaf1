import type { Logger } from '../../http/logger.js';
import { OutboundError, type OutboundHttp } from '../../http/outbound.js';
import type { AppContext } from '../../app-context.js';
import { BbbFailedError, BbbUnavailableError } from './bbb-errors.js';
import { encodeQuery, signedCallUrl } from './bbb-checksum.js';
import { createQuery, getRecordingsQuery, joinQuery, presentationModulesXml, updateRecordingsQuery } from './bbb-params.js';
import { toCreateResult, toMeetingInfo, toMeetings, toRecordingsPage } from './bbb-results.js';
import { parseBbbResponse, text_, type BbbXmlResponse } from './bbb-xml.js';
import { describeFetchFailure, describeNonXmlAnswer } from './bbb-transport.js';
import type {
  BbbApi,
  BbbServerConfig,
  CreateParams,
  CreateResult,
  GetRecordingsParams,
  JoinParams,
  MeetingInfo,
  RecordingsPage,
} from './bbb.types.js';

interface CallOptions {
  /** A POST with this XML body (the query string is still signed and sent in the URL). */
  xmlBody?: string;
  /** FAILED answers with these messageKeys are returned instead of thrown (notFound on getMeetingInfo). */
  answers?: readonly string[];
  /** The API root's version answer is not signed. */
  unsigned?: boolean;
}

/** Where calls are timed and failures counted (the context's metrics). */
type BbbMetrics = Pick<AppContext['metrics'], 'bbbCallDuration' | 'bbbCallFailures'>;

/** getRecordings of a busy server with its metadata stays far below this. */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024;

/**
 * What a version number looks like (3.0.4, 2.7.10-beta.2, Scalelite's 2.0). The version goes back
 * to whoever typed the URL, and what answered may not be BBB: any other text is not shown.
 */
const VERSION_NUMBER = /^\d{1,4}(\.\d{1,4}){0,3}([-+~][0-9A-Za-z.-]{1,16})?$/;

/**
 * The BigBlueButton (or Scalelite) API client: every call signed with the server's secret and
 * algorithm, sent through the outbound client with the server's trust (config.trust), every
 * answer parsed into bbb.types.ts results. Errors: BbbFailedError for a FAILED answer (its
 * messageKey), BbbUnavailableError when the server cannot be reached (or may not be: a refused
 * address), does not answer within config.timeoutMs, or answers something that is not BBB's XML.
 * The secret, the signed URLs and what the server answered never reach the errors.
 */
export class BbbClient implements BbbApi {
  private readonly base: string;
  private readonly outbound: OutboundHttp;
  private readonly logger: Logger | undefined;
  private readonly metrics: BbbMetrics | undefined;

  constructor(
    private readonly config: BbbServerConfig,
    options: { outbound: OutboundHttp; logger?: Logger; metrics?: BbbMetrics },
  ) {
    this.base = config.url.endsWith('/') ? config.url : `${config.url}/`;
    this.outbound = options.outbound;
    this.logger = options.logger?.child({ component: 'bbb-client' });
    this.metrics = options.metrics;
  }

  /** GET create, or POST with a <modules> body when presentations are to be pre-uploaded. */
  async create(params: CreateParams): Promise<CreateResult> {
    const xmlBody = params.presentations?.length ? presentationModulesXml(params.presentations) : undefined;
    const answer = await this.call('create', encodeQuery(createQuery(params)), { xmlBody });
    return toCreateResult(answer.body, answer.messageKey);
  }

  joinUrl(params: JoinParams): string {
    return signedCallUrl(this.base, 'join', encodeQuery(joinQuery(params)), this.config.secret, this.config.checksumAlgorithm);
  }

  /** Ending a meeting that no longer exists (notFound) is done already: it resolves. */
  async end(meetingID: string): Promise<void> {
    await this.call('end', encodeQuery([['meetingID', meetingID]]), { answers: ['notFound'] });
  }

  async isMeetingRunning(meetingID: string): Promise<boolean> {
    const answer = await this.call('isMeetingRunning', encodeQuery([['meetingID', meetingID]]));
    return text_(answer.body.running).toLowerCase() === 'true';
  }

  async getMeetingInfo(meetingID: string): Promise<MeetingInfo | undefined> {
    const answer = await this.call('getMeetingInfo', encodeQuery([['meetingID', meetingID]]), { answers: ['notFound'] });
    return answer.returncode === 'FAILED' ? undefined : toMeetingInfo(answer.body);
  }

  async getMeetings(): Promise<MeetingInfo[]> {
    return toMeetings((await this.call('getMeetings', '')).body);
  }

  /**
   * Without meetingID, recordID or limit, BBB 2.6+ answers no recordings at all unless the server
   * allows fetching every recording (allowFetchAllRecordings).
   */
  async getRecordings(params: GetRecordingsParams): Promise<RecordingsPage> {
    const answer = await this.call('getRecordings', encodeQuery(getRecordingsQuery(params)));
    return toRecordingsPage(answer.body, params);
  }

  async publishRecordings(recordIDs: string[], publish: boolean): Promise<void> {
    if (recordIDs.length === 0) return;
    await this.call('publishRecordings', encodeQuery([['recordID', recordIDs.join(',')], ['publish', publish]]));
  }

  async deleteRecordings(recordIDs: string[]): Promise<void> {
    if (recordIDs.length === 0) return;
    await this.call('deleteRecordings', encodeQuery([['recordID', recordIDs.join(',')]]));
  }

  async updateRecordings(recordIDs: string[], changes: { meta?: Record<string, string>; protect?: boolean }): Promise<void> {
    if (recordIDs.length === 0) return;
    await this.call('updateRecordings', encodeQuery(updateRecordingsQuery(recordIDs, changes)));
  }

  /**
   * The API root: <bbbVersion> (BBB 2.6+, e.g. "3.0.4"), else the API <version> ("2.0", what
   * Scalelite and older servers give). An answer without either is not a BBB API; one whose
   * version does not read as a version number is, but its version is null (never repeated).
   */
  async version(): Promise<string | null> {
    const answer = await this.call('version', '', { unsigned: true });
    const version = text_(answer.body.bbbVersion) || text_(answer.body.version);
    if (!version) throw new BbbUnavailableError('version', 'answered without a <version>: not a BigBlueButton API');
    if (VERSION_NUMBER.test(version)) return version;
    this.logger?.warn({ length: version.length }, 'bbb version not shown: it does not read as a version number');
    return null;
  }

  /** One API call, timed and counted by call name (a fixed set: the methods above). */
  private async call(callName: string, queryString: string, options: CallOptions = {}): Promise<BbbXmlResponse> {
    const stop = this.metrics?.bbbCallDuration.startTimer({ call: callName });
    try {
      return await this.send(callName, queryString, options);
    } catch (err) {
      this.metrics?.bbbCallFailures.inc({ call: callName, kind: err instanceof BbbFailedError ? 'failed' : 'unavailable' });
      throw err;
    } finally {
      stop?.();
    }
  }

  /** Sign, send, wait at most timeoutMs, parse; FAILED becomes BbbFailedError. */
  private async send(callName: string, queryString: string, options: CallOptions): Promise<BbbXmlResponse> {
    const url = options.unsigned
      ? this.base
      : signedCallUrl(this.base, callName, queryString, this.config.secret, this.config.checksumAlgorithm);
    const method = options.xmlBody === undefined ? 'GET' : 'POST';
    const started = performance.now();
    let status: number;
    let contentType: string;
    let text: string;
    try {
      const response = await this.outbound.fetch(url, {
        method,
        headers: { Accept: 'application/xml, text/xml', ...(options.xmlBody === undefined ? {} : { 'Content-Type': 'application/xml' }) },
        body: options.xmlBody,
        trust: this.config.trust,
        timeoutMs: this.config.timeoutMs,
        maxBytes: MAX_ANSWER_BYTES,
      });
      status = response.status;
      contentType = response.headers.get('content-type') ?? '';
      text = await response.text();
    } catch (err) {
      throw this.unavailable(callName, describeFetchFailure(err, this.config.timeoutMs), err);
    }
    const answer = parseBbbResponse(text);
    const ms = Math.round(performance.now() - started);
    if (!answer) throw this.unavailable(callName, describeNonXmlAnswer(status, contentType));
    this.logger?.debug({ call: callName, method, ms, returncode: answer.returncode, messageKey: answer.messageKey || undefined, message: answer.message || undefined }, 'bbb call');
    if (answer.returncode === 'FAILED' && !options.answers?.includes(answer.messageKey)) {
      throw new BbbFailedError(callName, answer.messageKey || 'unknown', answer.message);
    }
    return answer;
  }

  private unavailable(callName: string, reason: string, cause?: unknown): BbbUnavailableError {
    // The outbound classification tells the operator what `reason` may hide from the caller (dns-failed or address-refused).
    this.logger?.warn({ call: callName, reason, outbound: cause instanceof OutboundError ? cause.reason : undefined }, 'bbb unavailable');
    return new BbbUnavailableError(callName, reason, cause === undefined ? undefined : { cause });
  }
}
