import { useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-client.js';
import { useApi } from '../../api/ApiContext.js';
import { updateTrack, type CaptionKind, type CaptionTrackView } from '../../api/captions-api.js';
import { CaptionsErrorAlert } from '../CaptionsErrorAlert.js';
import { FieldError } from '../../components/FieldError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useI18n } from '../../i18n/I18nContext.js';

/** The track's name (what students pick in the player) and kind, in a disclosure. */
export function TrackSettings({ track, onSaved }: { track: CaptionTrackView; onSaved: (track: CaptionTrackView) => void }) {
  const { t } = useI18n();
  const client = useApi();
  const [label, setLabel] = useState(track.label);
  const [kind, setKind] = useState<CaptionKind>(track.kind);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ApiError | null>(null);
  const [news, setNews] = useState('');

  async function save() {
    if (busy) return;
    setNews('');
    if (!label.trim()) return setMissing(true);
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      const updated = await updateTrack(client, track.id, { label: label.trim(), kind });
      onSaved(updated);
      setNews(t('captions.settings.saved'));
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <details class="amphi-captions-settings" data-testid="captions-track-settings">
      <summary>{t('captions.settings.heading')}</summary>
      <form
        class="amphi-form"
        noValidate
        onSubmit={(event) => {
          event.preventDefault();
          void save();
        }}
      >
        <div class="amphi-form-field">
          <label for="amphi-captions-settings-label">{t('captions.add.label')}</label>
          <input
            id="amphi-captions-settings-label"
            class="amphi-input"
            type="text"
            autoComplete="off"
            value={label}
            aria-invalid={missing ? true : undefined}
            aria-describedby={missing ? 'amphi-captions-settings-label-error' : undefined}
            data-testid="captions-settings-label"
            onInput={(e) => setLabel((e.currentTarget as HTMLInputElement).value)}
          />
          {missing && <FieldError id="amphi-captions-settings-label-error" error={{ text: t('captions.settings.labelRequired') }} />}
        </div>
        <div class="amphi-form-field">
          <label for="amphi-captions-settings-kind">{t('captions.add.kind')}</label>
          <select id="amphi-captions-settings-kind" class="amphi-input" value={kind} onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as CaptionKind)}>
            <option value="subtitles">{t('captions.kind.subtitles')}</option>
            <option value="captions">{t('captions.kind.captions')}</option>
          </select>
        </div>
        <div class="amphi-actions">
          <button type="submit" class="amphi-button amphi-button-small" aria-disabled={busy} data-testid="captions-settings-save">
            {busy ? t('resource.settings.saving') : t('captions.settings.save')}
          </button>
        </div>
        {error && <CaptionsErrorAlert error={error} />}
        <StatusMessage text={news} testId="captions-settings-status" />
      </form>
    </details>
  );
}
