import { useEffect, useRef, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../api/api-client.js';
import type { FieldMessage } from '../components/FieldError.js';
import { useI18n } from '../i18n/I18nContext.js';
import { serverErrors, validateDraft, type DraftErrors, type ResourceDraft } from './resource-draft.js';

export interface ResourceForm {
  draft: ResourceDraft;
  change(change: Partial<ResourceDraft>): void;
  reset(draft: ResourceDraft): void;
  errors: DraftErrors;
  /** Validation issues the server gave that name no field. */
  otherErrors: FieldMessage[];
  /** A failure that is not about the fields (network, rights…). */
  failure: ApiError | null;
  busy: boolean;
  formRef: { current: HTMLFormElement | null };
  onSubmit(event: Event): void;
}

/**
 * A resource form's state: checks in the browser first, then sends; the server's validation
 * issues land under their fields; focus goes to the first field in error.
 */
export function useResourceForm(initial: ResourceDraft, options: { grading: boolean }, send: (draft: ResourceDraft) => Promise<void>): ResourceForm {
  const { t } = useI18n();
  const [draft, setDraft] = useState(initial);
  const [errors, setErrors] = useState<DraftErrors>({});
  const [otherErrors, setOtherErrors] = useState<FieldMessage[]>([]);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement | null>(null);
  const focusInvalid = useRef(false);

  useEffect(() => {
    if (!focusInvalid.current) return;
    focusInvalid.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const showErrors = (fields: DraftErrors, other: FieldMessage[]) => {
    focusInvalid.current = Object.keys(fields).length > 0;
    setErrors(fields);
    setOtherErrors(other);
  };

  async function submit() {
    setFailure(null);
    const local = validateDraft(draft, t, options);
    showErrors(local, []);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      await send(draft);
    } catch (err) {
      const error = toApiError(err);
      if (error.issues.length) {
        const { fields, other } = serverErrors(error);
        showErrors(fields, other);
      } else setFailure(error);
    } finally {
      setBusy(false);
    }
  }

  return {
    draft,
    change: (change) => setDraft((d) => ({ ...d, ...change })),
    reset: (next) => {
      setDraft(next);
      showErrors({}, []);
      setFailure(null);
    },
    errors,
    otherErrors,
    failure,
    busy,
    formRef,
    onSubmit: (event) => {
      event.preventDefault();
      if (!busy) void submit();
    },
  };
}
