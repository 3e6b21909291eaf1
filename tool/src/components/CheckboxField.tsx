import type { ComponentChildren } from 'preact';
import { useId } from 'preact/hooks';

interface Props {
  label: string;
  checked: boolean;
  onChange: (checked: boolean) => void;
  hint?: string;
  testId?: string;
  /** Shown under the box when it is ticked (a field that only matters then). */
  children?: ComponentChildren;
}

/** A labelled checkbox; its hint is part of its description. */
export function CheckboxField({ label, checked, onChange, hint, testId, children }: Props) {
  const id = useId();
  return (
    <div class="amphi-form-field">
      <div class="amphi-check">
        <input
          id={id}
          type="checkbox"
          checked={checked}
          aria-describedby={hint ? `${id}-hint` : undefined}
          data-testid={testId}
          onChange={(event) => onChange((event.currentTarget as HTMLInputElement).checked)}
        />
        <label for={id}>{label}</label>
        {hint && (
          <p id={`${id}-hint`} class="amphi-hint amphi-check-hint">
            {hint}
          </p>
        )}
      </div>
      {checked && children}
    </div>
  );
}
