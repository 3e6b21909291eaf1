import { useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-client.js';
import { useApi } from '../../api/ApiContext.js';
import { deleteTrack, type CaptionTrackView } from '../../api/captions-api.js';
import { CaptionsErrorAlert } from '../CaptionsErrorAlert.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';
import { plural } from '../../i18n/plural.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';
import { languageName } from '../language.js';
import { ExportButtons } from './ExportButtons.js';

interface Props {
  track: CaptionTrackView;
  /** False in a course copy: the tracks are changed from the original (download only). */
  editable: boolean;
  onEdit: () => void;
  onDeleted: () => void;
  onNews: (text: string) => void;
}

/** One track: its language, kind, where it came from, its size and warnings, and its actions. */
export function TrackItem({ track, editable, onEdit, onDeleted, onNews }: Props) {
  const { t, locale } = useI18n();
  const client = useApi();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const headingId = `amphi-captions-track-${track.id}`;
  const format = useFormatter();
  const updated = format.dateTime(track.updatedAt);

  async function remove() {
    setBusy(true);
    setError(null);
    try {
      await deleteTrack(client, track.id);
      onNews(t('captions.news.deleted', { label: track.label }));
      onDeleted();
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <li class="amphi-captions-track" data-testid="captions-track" data-track-id={track.id} data-lang={track.lang} data-source={track.source}>
      <div class="amphi-captions-track-header">
        <h4 id={headingId} lang={track.lang}>
          {track.label}
        </h4>
        <span class={`amphi-badge amphi-captions-source-${track.source}`} data-testid="captions-track-source">
          {t(`captions.source.${track.source}`)}
        </span>
      </div>
      <p class="amphi-captions-track-facts">
        <span>{languageName(track.lang, locale)}</span>
        <span>{t(`captions.kind.${track.kind}`)}</span>
        <span data-testid="captions-track-cues">{plural(locale, 'captions.track.cues', track.cueCount)}</span>
        {track.warningCount > 0 ? (
          <span class="amphi-captions-warning-count" data-testid="captions-track-warnings">
            <Icon name="alert" />
            {plural(locale, 'captions.track.warnings', track.warningCount)}
          </span>
        ) : (
          <span data-testid="captions-track-warnings">{t('captions.track.noWarnings')}</span>
        )}
      </p>
      <p class="amphi-muted amphi-small">
        {track.updatedBy ? t('captions.track.updatedBy', { date: updated, name: track.updatedBy, version: String(track.version) }) : t('captions.track.updated', { date: updated, version: String(track.version) })}
      </p>
      {editable && (
        <div class="amphi-actions">
          <button type="button" class="amphi-button amphi-button-small" data-testid="captions-track-edit" onClick={onEdit}>
            <Icon name="text" />
            <span>{t('captions.track.edit')}</span>
            <span class="amphi-visually-hidden"> {t('captions.track.for', { label: track.label })}</span>
          </button>
          <ConfirmButton
            question={t('captions.track.delete.question', { label: track.label })}
            confirmLabel={t('captions.track.delete.confirm')}
            cancelLabel={t('captions.track.delete.cancel')}
            busy={busy}
            danger
            testId="captions-track-delete"
            onConfirm={remove}
          >
            <Icon name="x" />
            <span>{t('captions.track.delete')}</span>
            <span class="amphi-visually-hidden"> {t('captions.track.for', { label: track.label })}</span>
          </ConfirmButton>
        </div>
      )}
      <ExportButtons track={track} onExported={(name) => onNews(t('captions.news.exported', { name }))} />
      {error && <CaptionsErrorAlert error={error} />}
    </li>
  );
}
