import type { ApiError } from '../../api/api-client.js';
import type { FieldMessage } from '../../components/FieldError.js';
import type { MessageKey, Translate } from '../../i18n/i18n.js';
import type { BbbServerBody, BbbServerResponse, ChecksumAlgorithm } from './bbb-server-api.js';

/** The administrator's form: the secret field starts empty (never prefilled) and stays so after saving. */
export interface BbbServerDraft {
  url: string;
  secret: string;
  checksumAlgorithm: ChecksumAlgorithm;
}

export type BbbServerErrors = Partial<Record<keyof BbbServerDraft, FieldMessage>>;

export function draftFromServer(server: BbbServerResponse): BbbServerDraft {
  return { url: server.url ?? '', secret: '', checksumAlgorithm: server.checksumAlgorithm ?? 'sha256' };
}

export function toBody(draft: BbbServerDraft): BbbServerBody {
  const secret = draft.secret.trim();
  return { url: draft.url.trim(), checksumAlgorithm: draft.checksumAlgorithm, ...(secret ? { secret } : {}) };
}

/** What can be said before asking the server: the URL is needed, and a secret for a first setting. */
export function validateDraft(draft: BbbServerDraft, configured: boolean, t: Translate): BbbServerErrors {
  const errors: BbbServerErrors = {};
  if (!draft.url.trim()) errors.url = { text: t('servers.error.url-required') };
  if (!configured && !draft.secret.trim()) errors.secret = { text: t('servers.error.bbb-server-secret-required') };
  return errors;
}

/** Server refusals that belong to a field (src/classroom/servers/bbb-server.messages.ts), in the page's language. */
const FIELD_OF_CODE: Record<string, keyof BbbServerDraft> = {
  'bbb-server-url-not-a-url': 'url',
  'bbb-server-url-scheme': 'url',
  'bbb-server-url-credentials': 'url',
  'bbb-server-url-query': 'url',
  'bbb-server-url-fragment': 'url',
  'bbb-server-url-too-long': 'url',
  'bbb-server-secret-required': 'secret',
  'bbb-server-secret-invalid': 'secret',
};

/** The field errors an API refusal maps to, or null when it is not about a field. */
export function fieldErrorsOf(error: ApiError, t: Translate): BbbServerErrors | null {
  const field = FIELD_OF_CODE[error.code];
  if (field) return { [field]: { text: t(`servers.error.${error.code}` as MessageKey) } };
  if (error.code !== 'invalid-request' || !error.issues.length) return null;
  const errors: BbbServerErrors = {};
  for (const issue of error.issues) {
    const name = issue.path.replace(/^body\./, '') as keyof BbbServerDraft;
    if (name === 'url' || name === 'secret' || name === 'checksumAlgorithm') errors[name] = { text: issue.message, lang: 'en' };
  }
  return Object.keys(errors).length ? errors : null;
}
