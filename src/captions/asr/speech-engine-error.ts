/**
 * The server cannot recognise speech in a language: no engine for it, or its binary, library or
 * model is missing or broken. The server's fault, never the media's: a job handler reports it to
 * admins (the message names what is missing and where) and does not retry it as a media problem.
 */
export class SpeechEngineUnavailableError extends Error {
  override name = 'SpeechEngineUnavailableError';
}

/** The stop asked through an AbortSignal: its reason when it is an Error, else an AbortError. */
export function abortError(signal: AbortSignal, what: string): Error {
  if (signal.reason instanceof Error) return signal.reason;
  const err = new Error(`${what} was stopped (aborted)`);
  err.name = 'AbortError';
  return err;
}
