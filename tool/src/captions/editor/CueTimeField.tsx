import { useState } from 'preact/hooks';
import { useI18n } from '../../i18n/I18nContext.js';
import { formatCueTime, parseCueTime } from './cue-time.js';

interface Props {
  id: string;
  label: string;
  /** Visually hidden words after the label ("of cue 12"). */
  labelSuffix: string;
  seconds: number;
  longest: number;
  field: 'start' | 'end';
  /** Ids of what else describes the field (the time format hint, a timing problem). */
  describedBy: string | undefined;
  invalid: boolean;
  onChange: (seconds: number) => void;
}

/**
 * A cue's start or end as `m:ss.mmm`. Each readable value is applied as it is typed; an
 * unreadable one stays in the field, marked, with its message, until it is fixed or the field
 * is left empty-handed (then the cue's time shows again).
 */
export function CueTimeField({ id, label, labelSuffix, seconds, longest, field, describedBy, invalid, onChange }: Props) {
  const { t } = useI18n();
  const [typed, setTyped] = useState<string | null>(null);
  const parsed = typed === null ? null : parseCueTime(typed);
  const unreadable = typed !== null && parsed === null;
  // The time changed elsewhere (the player's time, undo): the field shows it, not what was typed.
  const shown = typed !== null && (parsed === null || Math.abs(parsed - seconds) < 0.0005) ? typed : formatCueTime(seconds, longest);
  const errorId = `${id}-error`;
  const described = [describedBy, unreadable ? errorId : null].filter(Boolean).join(' ') || undefined;
  return (
    <div class={`amphi-captions-time amphi-captions-time-${field}`}>
      <label for={id}>
        {label}
        <span class="amphi-visually-hidden"> {labelSuffix}</span>
      </label>
      <input
        id={id}
        class="amphi-input"
        type="text"
        inputMode="decimal"
        autoComplete="off"
        spellcheck={false}
        value={shown}
        aria-invalid={unreadable || invalid ? true : undefined}
        aria-describedby={described}
        data-field={field}
        data-testid={`cue-${field}`}
        onInput={(event) => {
          const text = (event.currentTarget as HTMLInputElement).value;
          setTyped(text);
          const value = parseCueTime(text);
          if (value !== null) onChange(value);
        }}
        onBlur={() => {
          if (typed === null) return;
          if (!unreadable || typed.trim() === '') setTyped(null);
        }}
      />
      {unreadable && (
        <p id={errorId} class="amphi-field-error">
          {t('captions.cue.error.time')}
        </p>
      )}
    </div>
  );
}
