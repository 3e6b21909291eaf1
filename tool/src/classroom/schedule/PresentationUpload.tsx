import { useId, useRef, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-client.js';
import { useApi } from '../../api/ApiContext.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { useFormatter } from '../../i18n/useFormatter.js';
import { deletePresentation, uploadPresentation, type ClassroomResponse } from './classroom-api.js';

type Refusal = { message: string } | { error: ApiError };

const ACCEPT = '.pdf,.doc,.docx,.ppt,.pptx,.xls,.xlsx,.odt,.odp,.ods,.rtf,.txt,.jpg,.jpeg,.png';

/**
 * The teacher's presentation: what is there, a file chooser with a progress bar, Replace and
 * Remove. The browser's own file input says little and looks foreign: it stays in the page (the
 * keyboard and screen readers use it) but is drawn as a button-like label, next to the chosen
 * file's name and size.
 */
export function PresentationUpload({ classroom, onChanged }: { classroom: ClassroomResponse; onChanged: (c: ClassroomResponse) => void }) {
  const { t } = useI18n();
  const format = useFormatter();
  const client = useApi();
  const [chosen, setChosen] = useState<{ name: string; size: number } | null>(null);
  const [progress, setProgress] = useState<{ name: string; sent: number; total: number } | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [news, setNews] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const id = useId();
  const limit = format.size(classroom.maxPresentationBytes);
  const current = classroom.presentation;

  async function send(file: File) {
    setRefusal(null);
    setNews('');
    setChosen({ name: file.name, size: file.size });
    if (file.size > classroom.maxPresentationBytes) return setRefusal({ message: t('schedule.presentation.tooLarge', { size: format.size(file.size), limit }) });
    setProgress({ name: file.name, sent: 0, total: file.size });
    try {
      const updated = await uploadPresentation(client, classroom.id, file, (sent, total) => setProgress({ name: file.name, sent, total }));
      setNews(t('schedule.presentation.sent', { name: updated.presentation?.fileName ?? file.name }));
      setChosen(null);
      onChanged(updated);
    } catch (err) {
      const error = toApiError(err);
      const rule = (error.issues[0] as { rule?: string } | undefined)?.rule;
      if (error.code === 'classroom-presentation-refused' && rule) {
        setRefusal({ message: t('schedule.presentation.refused', { reason: t(`schedule.presentation.reason.${rule}` as MessageKey) }) });
      } else if (error.code === 'classroom-presentation-too-large') {
        setRefusal({ message: t('schedule.presentation.tooLarge', { size: format.size(file.size), limit }) });
      } else setRefusal({ error });
    } finally {
      setProgress(null);
      if (input.current) input.current.value = '';
      // The input was disabled while sending: focus comes back to it once it is enabled again.
      refocusInput();
    }
  }

  function refocusInput() {
    setTimeout(() => input.current?.focus(), 0);
  }

  async function remove() {
    setRefusal(null);
    try {
      onChanged(await deletePresentation(client, classroom.id));
      setNews(t('schedule.presentation.removed'));
      // The Remove button is gone: focus goes to the file input rather than to the page's start.
      refocusInput();
    } catch (err) {
      setRefusal({ error: toApiError(err) });
    }
  }

  const percent = progress && progress.total > 0 ? Math.round((progress.sent / progress.total) * 100) : 0;
  return (
    <section class="amphi-card amphi-stack" aria-labelledby={`${id}-heading`} data-testid="schedule-presentation">
      <h3 id={`${id}-heading`}>{t('schedule.presentation.heading')}</h3>
      <p class="amphi-hint" id={`${id}-hint`}>
        {t('schedule.presentation.hint', { limit })}
      </p>
      <p data-testid="schedule-presentation-current">
        {current
          ? t('schedule.presentation.current', { name: current.fileName, size: format.size(current.sizeBytes), date: format.dateTime(current.uploadedAt) })
          : t('schedule.presentation.none')}
      </p>
      <div class={progress ? 'amphi-file-picker is-busy' : 'amphi-file-picker'}>
        <input
          id={id}
          ref={input}
          class="amphi-file-input"
          type="file"
          accept={ACCEPT}
          aria-describedby={`${id}-hint ${id}-chosen`}
          disabled={progress !== null}
          data-testid="schedule-presentation-file"
          onChange={(event) => {
            const file = (event.currentTarget as HTMLInputElement).files?.[0];
            if (file) void send(file);
          }}
        />
        <label for={id} class="amphi-button amphi-button-secondary amphi-file-button">
          {current ? t('schedule.presentation.replace') : t('schedule.presentation.choose')}
        </label>
        <span id={`${id}-chosen`} class="amphi-file-chosen" data-testid="schedule-presentation-chosen">
          {chosen ? t('schedule.presentation.chosen', { name: chosen.name, size: format.size(chosen.size) }) : t('schedule.presentation.noFile')}
        </span>
      </div>
      {progress && (
        <div data-testid="schedule-presentation-progress">
          <p>{t('schedule.presentation.sending', { name: progress.name })}</p>
          <progress class="amphi-progress" max={100} value={percent} aria-label={t('schedule.presentation.progress', { name: progress.name })} />
        </div>
      )}
      {refusal && ('error' in refusal ? <ApiErrorAlert error={refusal.error} /> : <ErrorAlert message={refusal.message} />)}
      {current && !progress && (
        <div class="amphi-actions">
          <button type="button" class="amphi-button amphi-button-secondary" data-testid="schedule-presentation-remove" onClick={() => void remove()}>
            {t('schedule.presentation.remove')}
          </button>
        </div>
      )}
      <StatusMessage text={news} testId="schedule-presentation-status" />
    </section>
  );
}
