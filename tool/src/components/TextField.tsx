import type { Ref, RefObject } from 'preact';
import { useId } from 'preact/hooks';
import { FieldError, type FieldMessage } from './FieldError.js';

interface Props {
  label: string;
  value: string;
  onInput: (value: string) => void;
  type?: 'text' | 'number' | 'search';
  multiline?: boolean;
  required?: boolean;
  hint?: string;
  error?: FieldMessage | null;
  testId?: string;
  min?: number;
  max?: number;
  step?: number | 'any';
  /** To move focus to the field (a row's "Grade" button does). */
  inputRef?: RefObject<HTMLElement | null>;
}

/** A labelled input (or textarea) with its hint and error tied to it by aria-describedby. */
export function TextField({ label, value, onInput, type = 'text', multiline, required, hint, error, testId, inputRef, ...number }: Props) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ') || undefined;
  const shared = {
    id,
    value,
    required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'data-testid': testId,
    onInput: (event: Event) => onInput((event.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class="amphi-form-field">
      <label for={id}>
        {label}
        {required && <span class="amphi-required" aria-hidden="true"> *</span>}
      </label>
      {hint && (
        <p id={hintId} class="amphi-hint">
          {hint}
        </p>
      )}
      {multiline ? (
        <textarea class="amphi-input" rows={3} ref={inputRef as Ref<HTMLTextAreaElement>} {...shared} />
      ) : (
        // Preact types `type` as a discriminated union; ours is one of its plain members.
        <input class="amphi-input" type={type as 'text'} autoComplete="off" ref={inputRef as Ref<HTMLInputElement>} {...number} {...shared} />
      )}
      {error && <FieldError id={errorId} error={error} />}
    </div>
  );
}
