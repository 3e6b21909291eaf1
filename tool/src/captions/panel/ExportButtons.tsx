import { useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-client.js';
import { useApi } from '../../api/ApiContext.js';
import { exportTrack, type CaptionExportFormat, type CaptionTrackView } from '../../api/captions-api.js';
import { CaptionsErrorAlert } from '../CaptionsErrorAlert.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { fileSlug, saveFile } from '../../components/save-file.js';

const FORMATS: CaptionExportFormat[] = ['vtt', 'srt', 'txt'];

/** Download the track as WebVTT, SubRip or plain text (through the API: the Bearer token goes with it). */
export function ExportButtons({ track, onExported }: { track: CaptionTrackView; onExported: (fileName: string) => void }) {
  const { t } = useI18n();
  const client = useApi();
  const [busy, setBusy] = useState<CaptionExportFormat | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function download(format: CaptionExportFormat) {
    if (busy) return;
    setBusy(format);
    setError(null);
    try {
      const file = await exportTrack(client, track.id, format);
      const name = file.fileName ?? `${fileSlug(track.label, 'captions')}-${track.lang}.${format}`;
      saveFile(name, file.blob);
      onExported(name);
    } catch (err) {
      setError(toApiError(err));
    } finally {
      setBusy(null);
    }
  }

  return (
    <div class="amphi-captions-export">
      <div class="amphi-captions-export-buttons" role="group" aria-label={t('captions.export.group', { label: track.label })}>
        <span class="amphi-captions-export-label" aria-hidden="true">
          <Icon name="download" />
          {t('captions.export.label')}
        </span>
        {FORMATS.map((format) => (
          <button
            key={format}
            type="button"
            class="amphi-button amphi-button-quiet amphi-button-small"
            aria-disabled={busy !== null}
            data-testid={`captions-export-${format}`}
            onClick={() => void download(format)}
          >
            {t(`captions.export.${format}`)}
          </button>
        ))}
      </div>
      {error && <CaptionsErrorAlert error={error} />}
    </div>
  );
}
