import { failedXml } from './fake-bbb-xml.js';
import type { FakeState } from './fake-bbb-state.js';

/** One API request as the router hands it to a call handler. */
export interface ApiRequest {
  call: string;
  method: string;
  /** The query string exactly as received (what the checksum covers). */
  rawQuery: string;
  params: URLSearchParams;
  body: Buffer;
  contentType: string;
}

export type ApiAnswer =
  | { kind: 'xml'; xml: string; ok: boolean; messageKey?: string }
  | { kind: 'redirect'; location: string; ok: boolean; messageKey?: string };

export type CallHandler = (state: FakeState, req: ApiRequest, background: (task: Promise<unknown>) => void) => ApiAnswer;

export function ok(xml: string, messageKey?: string): ApiAnswer {
  return { kind: 'xml', xml, ok: true, messageKey };
}

export function refuse(messageKey: string, message: string): ApiAnswer {
  return { kind: 'xml', xml: failedXml(messageKey, message), ok: false, messageKey };
}

export type Refusal = [messageKey: string, message: string];

/** MeetingIDConstraint (bbb-common-web): NotEmpty (missingParamMeetingID), Size 2..256 (sizeError), no ','. */
export function meetingIdProblem(meetingID: string | null): Refusal | undefined {
  if (!meetingID) return ['missingParamMeetingID', 'You must provide a meeting ID'];
  if (meetingID.length < 2 || meetingID.length > 256) return ['sizeError', 'Meeting ID must be between 2 and 256 characters'];
  if (meetingID.includes(',')) return ['validationError', "Meeting ID cannot contain ','"];
  return undefined;
}

/** MeetingNameConstraint: NotEmpty, Size 2..256 (sizeError). */
export function meetingNameProblem(name: string | null): Refusal | undefined {
  if (!name) return ['emptyError', 'You must provide a meeting name'];
  if (name.length < 2 || name.length > 256) return ['sizeError', 'Meeting name must be between 2 and 256 characters'];
  return undefined;
}

export const NOT_FOUND: Refusal = ['notFound', 'A meeting with that ID does not exist'];

/** java.util.Date#toString in UTC ("Sun Nov 29 10:20:18 UTC 2026"), as <createDate> shows it. */
export function javaDate(ms: number): string {
  const d = new Date(ms);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const two = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${two(d.getUTCDate())} ${two(d.getUTCHours())}:${two(d.getUTCMinutes())}:${two(d.getUTCSeconds())} UTC ${d.getUTCFullYear()}`;
}
