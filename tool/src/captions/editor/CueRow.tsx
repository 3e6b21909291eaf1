import { memo } from 'preact/compat';
import { useLayoutEffect, useRef } from 'preact/hooks';
import type { CueLimits, CueWarningCode } from '../../../../src/captions/format/cue.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { middleCaret, type DraftCue, type TimingProblem } from './caption-draft.js';
import { timingText, warningText } from './cue-problems.js';
import { CueTimeField } from './CueTimeField.js';

export type RowAction =
  | { type: 'text'; key: string; text: string }
  | { type: 'time'; key: string; field: 'start' | 'end'; seconds: number }
  | { type: 'player-time'; key: string; field: 'start' | 'end' }
  | { type: 'split'; key: string; caret: number }
  | { type: 'merge'; key: string }
  | { type: 'insert'; key: string }
  | { type: 'delete'; key: string }
  | { type: 'play'; key: string };

/** The server keeps at most this many characters in a cue (captions.schemas.ts). */
const CUE_TEXT_MAX = 2000;

interface Props {
  cue: DraftCue;
  index: number;
  total: number;
  warnings: readonly CueWarningCode[];
  timing: TimingProblem | undefined;
  current: boolean;
  limits: CueLimits;
  durationSeconds: number;
  /** The track's language: the text field is spell-checked and read in it. */
  lang: string;
  observe: (el: Element) => () => void;
  onAction: (action: RowAction) => void;
}

/**
 * One cue: its number, start and end, its text (two lines), what is wrong with it in words, and
 * its buttons. Memoised: typing in one cue renders that row only.
 */
export const CueRow = memo(function CueRow({ cue, index, total, warnings, timing, current, limits, durationSeconds, lang, observe, onAction }: Props) {
  const { t } = useI18n();
  const rowRef = useRef<HTMLLIElement>(null);
  const textRef = useRef<HTMLTextAreaElement>(null);
  const id = `amphi-${cue.key}`;
  const number = String(index + 1);
  const suffix = t('captions.cue.for', { number });
  const problemsId = `${id}-problems`;
  const hasProblems = warnings.length > 0 || timing !== undefined;

  useLayoutEffect(() => (rowRef.current ? observe(rowRef.current) : undefined), []);

  const caret = () => {
    const area = textRef.current;
    // A caret never placed (the field was not focused) cuts at the middle, between two words.
    return area && area.dataset.caret !== undefined ? area.selectionStart : middleCaret(cue.text);
  };
  const button = (testId: string, icon: Parameters<typeof Icon>[0]['name'], label: string, action: () => void, disabled = false) => (
    <button type="button" class="amphi-button amphi-button-quiet amphi-button-small" data-testid={testId} aria-disabled={disabled} onClick={() => !disabled && action()}>
      <Icon name={icon} />
      <span>{label}</span>
      <span class="amphi-visually-hidden"> {suffix}</span>
    </button>
  );

  return (
    <li
      ref={rowRef}
      class={`amphi-captions-cue${current ? ' amphi-captions-cue-current' : ''}${hasProblems ? ' amphi-captions-cue-warned' : ''}`}
      data-key={cue.key}
      data-index={index}
      aria-posinset={index + 1}
      aria-setsize={total}
      aria-current={current ? 'true' : undefined}
      data-testid="cue-row"
      data-warnings={warnings.length + (timing ? 1 : 0)}
    >
      <div class="amphi-captions-cue-head">
        <span class="amphi-captions-cue-number" id={`${id}-number`}>
          {t('captions.cue.number', { number })}
        </span>
        {current && <span class="amphi-badge amphi-badge-accent" data-testid="cue-playing">{t('captions.cue.playing')}</span>}
      </div>
      <div class="amphi-captions-cue-times">
        <CueTimeField
          id={`${id}-start`}
          label={t('captions.cue.start')}
          labelSuffix={suffix}
          seconds={cue.start}
          longest={durationSeconds}
          field="start"
          describedBy="amphi-captions-time-hint"
          invalid={false}
          onChange={(seconds) => onAction({ type: 'time', key: cue.key, field: 'start', seconds })}
        />
        <CueTimeField
          id={`${id}-end`}
          label={t('captions.cue.end')}
          labelSuffix={suffix}
          seconds={cue.end}
          longest={durationSeconds}
          field="end"
          describedBy={timing ? `amphi-captions-time-hint ${problemsId}` : 'amphi-captions-time-hint'}
          invalid={timing !== undefined}
          onChange={(seconds) => onAction({ type: 'time', key: cue.key, field: 'end', seconds })}
        />
        {button('cue-play', 'play', t('captions.cue.play'), () => onAction({ type: 'play', key: cue.key }))}
      </div>
      <label class="amphi-visually-hidden" for={`${id}-text`}>
        {t('captions.cue.text', { number })}
      </label>
      <textarea
        ref={textRef}
        id={`${id}-text`}
        class="amphi-input amphi-captions-cue-text"
        rows={2}
        maxLength={CUE_TEXT_MAX}
        lang={lang}
        value={cue.text}
        aria-describedby={hasProblems ? problemsId : undefined}
        data-field="text"
        data-testid="cue-text"
        onInput={(event) => onAction({ type: 'text', key: cue.key, text: (event.currentTarget as HTMLTextAreaElement).value })}
        onSelect={(event) => ((event.currentTarget as HTMLTextAreaElement).dataset.caret = '1')}
        onFocus={(event) => ((event.currentTarget as HTMLTextAreaElement).dataset.caret = '1')}
      />
      {hasProblems && (
        <ul id={problemsId} class="amphi-captions-cue-problems" data-testid="cue-warnings">
          {timing && (
            <li class="amphi-captions-cue-error">
              <Icon name="alert" />
              <span>
                <strong>{t('captions.cue.errorLabel')}</strong> {timingText(timing, durationSeconds, t)}
              </span>
            </li>
          )}
          {warnings.map((code) => (
            <li key={code} data-code={code}>
              <Icon name="alert" />
              <span>
                <strong>{t('captions.warning.label')}</strong> {warningText(code, limits, t)}
              </span>
            </li>
          ))}
        </ul>
      )}
      <div class="amphi-captions-cue-actions">
        {button('cue-set-start', 'clock', t('captions.cue.setStart'), () => onAction({ type: 'player-time', key: cue.key, field: 'start' }))}
        {button('cue-set-end', 'clock', t('captions.cue.setEnd'), () => onAction({ type: 'player-time', key: cue.key, field: 'end' }))}
        {button('cue-split', 'text', t('captions.cue.split'), () => onAction({ type: 'split', key: cue.key, caret: caret() }))}
        {button('cue-merge', 'link', t('captions.cue.merge'), () => onAction({ type: 'merge', key: cue.key }), index + 1 >= total)}
        {button('cue-insert', 'plus', t('captions.cue.insert'), () => onAction({ type: 'insert', key: cue.key }))}
        {button('cue-delete', 'x', t('captions.cue.delete'), () => onAction({ type: 'delete', key: cue.key }))}
      </div>
    </li>
  );
});
