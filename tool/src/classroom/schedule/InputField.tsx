import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';
import { FieldError, type FieldMessage } from '../../components/FieldError.js';

interface Props {
  label: string;
  value: string;
  onInput: (value: string) => void;
  type: 'date' | 'time' | 'number' | 'text';
  error?: FieldMessage | null;
  hint?: string;
  required?: boolean;
  testId?: string;
  min?: number | string;
  max?: number | string;
  /** For a select: the options instead of an input. */
  options?: { value: string; label: string }[];
  children?: ComponentChildren;
}

/** A labelled date, time, number or text input, or a select, with hint and error tied by aria-describedby. */
export function InputField({ label, value, onInput, type, error, hint, required, testId, min, max, options }: Props) {
  const id = useId();
  const describedBy = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;
  const shared = {
    id,
    class: 'amphi-input',
    value,
    required,
    'aria-invalid': error ? true : undefined,
    'aria-describedby': describedBy,
    'data-testid': testId,
  };
  return (
    <div class="amphi-form-field">
      <label for={id}>
        {label}
        {required && <span class="amphi-required" aria-hidden="true"> *</span>}
      </label>
      {hint && (
        <p id={`${id}-hint`} class="amphi-hint">
          {hint}
        </p>
      )}
      {options ? (
        <select {...shared} onChange={(event) => onInput((event.currentTarget as HTMLSelectElement).value)}>
          {options.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
        </select>
      ) : (
        // Preact types `type` as a discriminated union; ours is one of its plain members.
        <input {...shared} type={type as 'date'} min={min} max={max} autoComplete="off" onInput={(event) => onInput((event.currentTarget as HTMLInputElement).value)} />
      )}
      {error && <FieldError id={`${id}-error`} error={error} />}
    </div>
  );
}
