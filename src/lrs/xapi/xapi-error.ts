import { AppError } from '../../http/errors.js';

/**
 * A request the LRS refuses, with the status the xAPI spec names for it (Communication 3.2)
 * and a message that says what is wrong, e.g. `statement.actor.mbox: must be a mailto IRI`.
 */
export class XapiError extends AppError {
  constructor(status: 400 | 401 | 403 | 404 | 405 | 409 | 412 | 413 | 415 | 428 | 500 | 503, reason: string) {
    super('xapi-request', status, { reason });
  }
}

export const badRequest = (reason: string) => new XapiError(400, reason);
