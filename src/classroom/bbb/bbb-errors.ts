import { ExternalServiceError } from '../../http/errors.js';

/**
 * BBB answered returncode FAILED: its messageKey (checksumError, notFound, idNotUnique…) and
 * message, kept for callers that act on them (notFound on getMeetingInfo is an answer, not an error).
 * The reason shown to people carries the messageKey only when it looks like one, never the
 * message: the URL may have come through the web, and what answered is not necessarily BBB.
 */
export class BbbFailedError extends ExternalServiceError {
  constructor(
    readonly call: string,
    readonly messageKey: string,
    readonly bbbMessage: string,
  ) {
    super('BigBlueButton', `${call}: ${shownMessageKey(messageKey)}`);
  }
}

/** BBB's messageKeys are short camelCase words (checksumError, notFound, idNotUnique…). */
export function shownMessageKey(messageKey: string): string {
  return /^[A-Za-z][A-Za-z0-9]{0,39}$/.test(messageKey) ? messageKey : 'unknown';
}

/** BBB could not be reached, timed out, or answered something that is not its XML (an HTML error page, a proxy's 502). */
export class BbbUnavailableError extends ExternalServiceError {
  constructor(
    readonly call: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super('BigBlueButton', `${call}: ${reason}`, options);
  }
}
