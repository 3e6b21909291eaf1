import type { ApiError } from '../api/api-client.js';
import type { CreateResourceBody, ResourceKind, ResourceResponse, UpdateResourceBody } from '../api/api-types.js';
import type { FieldMessage } from '../components/FieldError.js';
import type { MessageKey } from '../i18n/i18n.js';

/** What the create and settings forms edit: every kind's basics, as typed (numbers as text). */
export interface ResourceDraft {
  title: string;
  description: string;
  gradable: boolean;
  scoreMaximum: string;
  allowDownload: boolean;
  welcomeMessage: string;
  recordingAllowed: boolean;
  audience: 'instructors' | 'learners';
  /** A dashboard covers the whole course or the resources chosen in `resourceIds`. */
  scope: 'course' | 'resources';
  resourceIds: string[];
}

export type DraftField = 'title' | 'description' | 'scoreMaximum' | 'welcomeMessage' | 'audience' | 'scope' | 'resourceIds';
export type DraftErrors = Partial<Record<DraftField, FieldMessage>>;

export const EMPTY_DRAFT: ResourceDraft = {
  title: '',
  description: '',
  gradable: false,
  scoreMaximum: '100',
  allowDownload: false,
  welcomeMessage: '',
  recordingAllowed: true,
  audience: 'instructors',
  scope: 'course',
  resourceIds: [],
};

/** The server's limits (src/content/resource.schemas.ts), checked here to say so in the user's language. */
export const LIMITS = { title: 255, description: 5000, scoreMaximum: 100_000 } as const;

export function draftFromResource(resource: ResourceResponse): ResourceDraft {
  const s = resource.settings;
  return {
    title: resource.title,
    description: resource.description,
    gradable: resource.gradable,
    scoreMaximum: resource.scoreMaximum === null ? EMPTY_DRAFT.scoreMaximum : String(resource.scoreMaximum),
    allowDownload: s.allowDownload === true,
    welcomeMessage: typeof s.welcomeMessage === 'string' ? s.welcomeMessage : '',
    recordingAllowed: s.recordingAllowed === true,
    audience: s.audience === 'learners' ? 'learners' : 'instructors',
    scope: s.scope === 'resources' ? 'resources' : 'course',
    resourceIds: Array.isArray(s.resourceIds) ? s.resourceIds.filter((id): id is string => typeof id === 'string') : [],
  };
}

/** The browser's own checks, in the user's language, before anything is sent. */
export function validateDraft(
  draft: ResourceDraft,
  t: (key: MessageKey, params?: Record<string, string>) => string,
  options: { grading: boolean },
): DraftErrors {
  const errors: DraftErrors = {};
  const tooLong = (max: number) => ({ text: t('form.error.tooLong', { max: String(max) }) });
  if (!draft.title.trim()) errors.title = { text: t('form.error.titleRequired') };
  else if (draft.title.trim().length > LIMITS.title) errors.title = tooLong(LIMITS.title);
  if (draft.description.trim().length > LIMITS.description) errors.description = tooLong(LIMITS.description);
  // Only a dashboard offers 'resources'; every other kind keeps the default 'course'.
  if (draft.scope === 'resources' && draft.resourceIds.length === 0) errors.resourceIds = { text: t('form.error.resourcesRequired') };
  if (options.grading && draft.gradable) {
    const maximum = Number(draft.scoreMaximum);
    if (!draft.scoreMaximum.trim() || !Number.isFinite(maximum) || maximum <= 0 || maximum > LIMITS.scoreMaximum) {
      errors.scoreMaximum = { text: t('form.error.scoreMaximum', { max: String(LIMITS.scoreMaximum) }) };
    }
  }
  return errors;
}

/** Only the settings the kind has. */
export function settingsOf(kind: ResourceKind, draft: ResourceDraft): NonNullable<CreateResourceBody['settings']> {
  switch (kind) {
    case 'video':
      return { allowDownload: draft.allowDownload };
    case 'classroom':
      return { welcomeMessage: draft.welcomeMessage.trim(), recordingAllowed: draft.recordingAllowed };
    case 'dashboard':
      return draft.scope === 'resources' ? { audience: draft.audience, scope: 'resources', resourceIds: draft.resourceIds } : { audience: draft.audience };
  }
}

function grading(draft: ResourceDraft): Pick<CreateResourceBody, 'gradable' | 'scoreMaximum'> {
  return draft.gradable ? { gradable: true, scoreMaximum: Number(draft.scoreMaximum) } : { gradable: false };
}

export function toCreateBody(kind: ResourceKind, draft: ResourceDraft, options: { grading: boolean }): CreateResourceBody {
  return {
    kind,
    title: draft.title.trim(),
    description: draft.description.trim(),
    ...(options.grading ? grading(draft) : {}),
    settings: settingsOf(kind, draft),
  };
}

export function toUpdateBody(kind: ResourceKind, draft: ResourceDraft): UpdateResourceBody {
  const settings = settingsOf(kind, draft);
  // The server merges settings into the stored ones: going back to the whole course must say so
  // (at creation, its defaults already do).
  if (kind === 'dashboard' && draft.scope === 'course') Object.assign(settings, { scope: 'course', resourceIds: [] });
  return { title: draft.title.trim(), description: draft.description.trim(), ...grading(draft), settings };
}

const FIELDS: DraftField[] = ['title', 'description', 'scoreMaximum', 'welcomeMessage', 'audience', 'scope', 'resourceIds'];

/**
 * The server's validation issues (problem+json `issues`, paths like `body.settings.welcomeMessage`)
 * under the fields they name, in the server's English; the rest is for the whole form.
 */
export function serverErrors(error: ApiError): { fields: DraftErrors; other: FieldMessage[] } {
  const fields: DraftErrors = {};
  const other: FieldMessage[] = [];
  for (const issue of error.issues) {
    // `body.settings.resourceIds.0` is about resourceIds: the deepest segment naming a field.
    const last = issue.path.split('.').reverse().find((segment): segment is DraftField => (FIELDS as string[]).includes(segment));
    const message = { text: issue.message, lang: 'en' };
    if (last && !fields[last]) fields[last] = message;
    else other.push(message);
  }
  return { fields, other };
}
