/**
 * Compile-time only (never imported by the app): the server's SessionResponse must be assignable
 * to the one the front end reads, so a change in src/lti/session/session-view.ts that the front
 * end does not follow fails `npm run typecheck`.
 */
import type { SessionResponse as ServerSessionResponse } from '../../../src/lti/session/session-view.js';
import type { SessionResponse } from './session-types.js';

type Assignable<T extends U, U> = T;

export type ServerSessionMatchesClient = Assignable<ServerSessionResponse, SessionResponse>;
