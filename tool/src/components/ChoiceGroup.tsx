import { useId } from 'preact/hooks';

interface Props<V extends string> {
  legend: string;
  value: V;
  options: { value: V; label: string; hint?: string }[];
  onChange: (value: V) => void;
  testId?: string;
}

/** Radio buttons in a fieldset whose legend names the choice. */
export function ChoiceGroup<V extends string>({ legend, value, options, onChange, testId }: Props<V>) {
  const name = useId();
  return (
    <fieldset class="amphi-fieldset" data-testid={testId}>
      <legend>{legend}</legend>
      {options.map((option) => (
        <div class="amphi-check" key={option.value}>
          <input
            id={`${name}-${option.value}`}
            type="radio"
            name={name}
            value={option.value}
            checked={option.value === value}
            aria-describedby={option.hint ? `${name}-${option.value}-hint` : undefined}
            onChange={() => onChange(option.value)}
          />
          <label for={`${name}-${option.value}`}>{option.label}</label>
          {option.hint && (
            <p id={`${name}-${option.value}-hint`} class="amphi-hint amphi-check-hint">
              {option.hint}
            </p>
          )}
        </div>
      ))}
    </fieldset>
  );
}
