import { useId } from 'preact/hooks';
import { FieldError, type FieldMessage } from '../../components/FieldError.js';

interface Props {
  label: string;
  value: string;
  onInput: (value: string) => void;
  error?: FieldMessage;
  testId?: string;
}

/** A labelled calendar-day input whose error is tied to it by aria-describedby. */
export function DateField({ label, value, onInput, error, testId }: Props) {
  const id = useId();
  return (
    <div class="amphi-form-field">
      <label for={id}>{label}</label>
      <input
        id={id}
        class="amphi-input"
        type="date"
        value={value}
        required
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
        data-testid={testId}
        onInput={(event) => onInput((event.currentTarget as HTMLInputElement).value)}
      />
      {error && <FieldError id={`${id}-error`} error={error} />}
    </div>
  );
}
