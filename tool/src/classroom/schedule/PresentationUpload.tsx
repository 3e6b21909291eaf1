import { useRef, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-client.js';
import { useApi } from '../../api/ApiContext.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useI18n } from '../../i18n/I18nContext.js';
import type { MessageKey } from '../../i18n/i18n.js';
import { deletePresentation, uploadPresentation, type ClassroomResponse } from './classroom-api.js';

/** 5000 → "5 kB" in the page's language (decimal units, as the server says them). */
export function formatSize(locale: string, bytes: number): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'];
  let i = 0;
  let v = bytes;
  while (v >= 1000 && i < units.length - 1) {
    v /= 1000;
    i++;
  }
  return new Intl.NumberFormat(locale, { style: 'unit', unit: units[i], unitDisplay: 'short', maximumFractionDigits: 1 }).format(v);
}

type Refusal = { message: string } | { error: ApiError };

/** The teacher's presentation: what is there, a file input with a progress bar, Replace and Remove. */
export function PresentationUpload({ classroom, onChanged }: { classroom: ClassroomResponse; onChanged: (c: ClassroomResponse) => void }) {
  const { t, locale } = useI18n();
  const client = useApi();
  const [progress, setProgress] = useState<{ name: string; sent: number; total: number } | null>(null);
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const [news, setNews] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const limit = formatSize(locale, classroom.maxPresentationBytes);
  const current = classroom.presentation;

  async function send(file: File) {
    setRefusal(null);
    setNews('');
    if (file.size > classroom.maxPresentationBytes) return setRefusal({ message: t('schedule.presentation.tooLarge', { size: formatSize(locale, file.size), limit }) });
    setProgress({ name: file.name, sent: 0, total: file.size });
    try {
      const updated = await uploadPresentation(client, classroom.id, file, (sent, total) => setProgress({ name: file.name, sent, total }));
      setNews(t('schedule.presentation.sent', { name: updated.presentation?.fileName ?? file.name }));
      onChanged(updated);
    } catch (err) {
      const error = toApiError(err);
      const rule = (error.issues[0] as { rule?: string } | undefined)?.rule;
      if (error.code === 'classroom-presentation-refused' && rule) {
        setRefusal({ message: t('schedule.presentation.refused', { reason: t(`schedule.presentation.reason.${rule}` as MessageKey) }) });
      } else if (error.code === 'classroom-presentation-too-large') {
        setRefusal({ message: t('schedule.presentation.tooLarge', { size: formatSize(locale, file.size), limit }) });
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
    <section class="amphi-card" aria-labelledby="amphi-presentation-heading" data-testid="schedule-presentation">
      <h3 id="amphi-presentation-heading">{t('schedule.presentation.heading')}</h3>
      <p class="amphi-hint" id="amphi-presentation-hint">
        {t('schedule.presentation.hint', { limit })}
      </p>
      <p data-testid="schedule-presentation-current">
        {current
          ? t('schedule.presentation.current', {
              name: current.fileName,
              size: formatSize(locale, current.sizeBytes),
              date: new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(current.uploadedAt)),
            })
          : t('schedule.presentation.none')}
      </p>
      <div class="amphi-form-field">
        <label for="amphi-presentation-file">{current ? t('schedule.presentation.replace') : t('schedule.presentation.choose')}</label>
        <input
          id="amphi-presentation-file"
          ref={input}
          type="file"
          accept=".pdf,.doc,.docx,.ppt,.pptx,.xls,.xlsx,.odt,.odp,.ods,.rtf,.txt,.jpg,.jpeg,.png"
          aria-describedby="amphi-presentation-hint"
          disabled={progress !== null}
          data-testid="schedule-presentation-file"
          onChange={(event) => {
            const file = (event.currentTarget as HTMLInputElement).files?.[0];
            if (file) void send(file);
          }}
        />
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
          <button type="button" class="amphi-button-secondary" data-testid="schedule-presentation-remove" onClick={() => void remove()}>
            {t('schedule.presentation.remove')}
          </button>
        </div>
      )}
      <StatusMessage text={news} testId="schedule-presentation-status" />
    </section>
  );
}
