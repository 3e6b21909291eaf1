import { useId } from 'preact/hooks';
import { FieldError, type FieldMessage } from '../../components/FieldError.js';

interface Props {
  label: string;
  hint: string;
  value: string;
  required: boolean;
  error?: FieldMessage | undefined;
  onInput: (value: string) => void;
}

/**
 * The shared secret: a password field, never prefilled (the API never sends the secret back),
 * with autocomplete="new-password" so that browsers do not offer a saved login password.
 */
export function SecretField({ label, hint, value, required, error, onInput }: Props) {
  const id = useId();
  const describedBy = [`${id}-hint`, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return (
    <div class="amphi-form-field">
      <label for={id}>
        {label}
        {required && <span class="amphi-required" aria-hidden="true"> *</span>}
      </label>
      <p id={`${id}-hint`} class="amphi-hint">
        {hint}
      </p>
      <input
        id={id}
        class="amphi-input"
        type="password"
        autoComplete="new-password"
        spellcheck={false}
        value={value}
        required={required}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy}
        data-testid="bbb-server-secret"
        onInput={(event) => onInput((event.currentTarget as HTMLInputElement).value)}
      />
      {error && <FieldError id={`${id}-error`} error={error} />}
    </div>
  );
}
