import { ExternalServiceError } from '../../http/errors.js';

/**
 * BBB answered returncode FAILED: its messageKey (checksumError, notFound, idNotUnique…) and
 * message, kept for callers that act on them (notFound on getMeetingInfo is an answer, not an error).
 */
export class BbbFailedError extends ExternalServiceError {
  constructor(
    readonly call: string,
    readonly messageKey: string,
    readonly bbbMessage: string,
  ) {
    super('BigBlueButton', `${call}: ${messageKey}${bbbMessage ? ` (${bbbMessage})` : ''}`);
  }
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
