import { useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-client.js';
import { useApi } from '../../api/ApiContext.js';
import { createTrack, importCaptions, type CaptionKind, type CaptionRepair, type CaptionTrackView } from '../../api/captions-api.js';
import { CaptionsErrorAlert } from '../CaptionsErrorAlert.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import { FieldError } from '../../components/FieldError.js';
import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';
import { languageName, OFFERED_LANGUAGES } from '../language.js';
import { ImportReport } from './ImportReport.js';

interface Props {
  resourceId: string;
  maxImportBytes: number;
  /** A track was added: `edit` when it should open in the editor (an empty one). */
  onAdded: (track: CaptionTrackView, edit: boolean) => void;
  onNews: (text: string) => void;
}

type Outcome = { kind: 'report'; fileName: string; cueCount: number; report: CaptionRepair[] } | { kind: 'invalid'; detail: string | undefined } | { kind: 'error'; error: ApiError };

/**
 * A new track in a language: from a WebVTT or SubRip file (with the report of what was fixed to
 * keep it), or empty, to type in the editor.
 */
export function AddTrackForm({ resourceId, maxImportBytes, onAdded, onNews }: Props) {
  const { t, locale } = useI18n();
  const format = useFormatter();
  const client = useApi();
  const [lang, setLang] = useState<string>(locale);
  const [kind, setKind] = useState<CaptionKind>('subtitles');
  const [label, setLabel] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [fileError, setFileError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const fields = () => ({ lang, kind, ...(label.trim() ? { label: label.trim() } : {}) });
  const languages = [...OFFERED_LANGUAGES].map((code) => ({ code, name: languageName(code, locale) }));

  async function run(action: () => Promise<void>) {
    if (busy) return;
    setBusy(true);
    setOutcome(null);
    try {
      await action();
    } catch (err) {
      const error = toApiError(err);
      // captions-file-… : the file itself was refused (not captions, no cue, unreadable characters, too large).
      setOutcome(error.code.startsWith('captions-file-') ? { kind: 'invalid', detail: error.detail } : { kind: 'error', error });
    } finally {
      setBusy(false);
    }
  }

  const importFile = () => {
    if (!file) return setFileError(t('captions.add.error.noFile'));
    if (file.size > maxImportBytes) return setFileError(t('captions.add.error.tooBig', { size: format.size(file.size), max: format.size(maxImportBytes) }));
    setFileError(null);
    void run(async () => {
      const imported = await importCaptions(client, resourceId, fields(), file, file.name);
      setOutcome({ kind: 'report', fileName: file.name, cueCount: imported.track.cueCount, report: imported.report });
      onNews(t('captions.news.imported', { name: file.name, label: imported.track.label }));
      onAdded(imported.track, false);
    });
  };
  const startEmpty = () =>
    void run(async () => {
      const created = await createTrack(client, resourceId, fields());
      onNews(t('captions.news.created', { label: created.track.label }));
      onAdded(created.track, true);
    });

  return (
    <form
      class="amphi-form amphi-captions-add"
      noValidate
      aria-labelledby="amphi-captions-add-heading"
      data-testid="captions-add"
      onSubmit={(event) => {
        event.preventDefault();
        importFile();
      }}
    >
      <h4 id="amphi-captions-add-heading">{t('captions.add.heading')}</h4>
      <div class="amphi-captions-add-fields">
        <div class="amphi-form-field">
          <label for="amphi-captions-add-lang">{t('captions.add.language')}</label>
          <select id="amphi-captions-add-lang" class="amphi-input" value={lang} data-testid="captions-add-lang" onChange={(e) => setLang((e.currentTarget as HTMLSelectElement).value)}>
            {languages.map((l) => (
              <option key={l.code} value={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <div class="amphi-form-field">
          <label for="amphi-captions-add-kind">{t('captions.add.kind')}</label>
          <select id="amphi-captions-add-kind" class="amphi-input" value={kind} data-testid="captions-add-kind" aria-describedby="amphi-captions-add-kind-hint" onChange={(e) => setKind((e.currentTarget as HTMLSelectElement).value as CaptionKind)}>
            <option value="subtitles">{t('captions.kind.subtitles')}</option>
            <option value="captions">{t('captions.kind.captions')}</option>
          </select>
          <p class="amphi-hint" id="amphi-captions-add-kind-hint">{t('captions.kind.hint')}</p>
        </div>
        <div class="amphi-form-field">
          <label for="amphi-captions-add-label">{t('captions.add.label')}</label>
          <input
            id="amphi-captions-add-label"
            class="amphi-input"
            type="text"
            autoComplete="off"
            value={label}
            placeholder={languageName(lang, lang)}
            aria-describedby="amphi-captions-add-label-hint"
            data-testid="captions-add-label"
            onInput={(e) => setLabel((e.currentTarget as HTMLInputElement).value)}
          />
          <p class="amphi-hint" id="amphi-captions-add-label-hint">{t('captions.add.label.hint')}</p>
        </div>
      </div>
      <div class="amphi-form-field">
        <label for="amphi-captions-add-file">{t('captions.add.file', { max: format.size(maxImportBytes) })}</label>
        <input
          id="amphi-captions-add-file"
          class="amphi-input"
          type="file"
          accept=".vtt,.srt,text/vtt,application/x-subrip"
          aria-invalid={fileError ? true : undefined}
          aria-describedby={fileError ? 'amphi-captions-add-file-error' : undefined}
          data-testid="captions-import-file"
          onChange={(e) => {
            setFile((e.currentTarget as HTMLInputElement).files?.[0] ?? null);
            setFileError(null);
          }}
        />
        {fileError && <FieldError id="amphi-captions-add-file-error" error={{ text: fileError }} />}
      </div>
      <div class="amphi-actions">
        <button type="submit" class="amphi-button" aria-disabled={busy} data-testid="captions-import">
          <Icon name="plus" />
          <span>{busy ? t('captions.add.working') : t('captions.add.import')}</span>
        </button>
        <span class="amphi-muted">{t('captions.add.or')}</span>
        <button type="button" class="amphi-button amphi-button-secondary" aria-disabled={busy} data-testid="captions-create-empty" onClick={startEmpty}>
          <Icon name="text" />
          <span>{t('captions.add.empty')}</span>
        </button>
      </div>
      {outcome?.kind === 'report' && <ImportReport fileName={outcome.fileName} cueCount={outcome.cueCount} report={outcome.report} />}
      {outcome?.kind === 'invalid' && (
        <div data-testid="captions-import-invalid">
          <ErrorAlert message={t('captions.import.invalid')} notes={outcome.detail ? [{ label: t('captions.auto.reason'), text: outcome.detail }] : []} />
        </div>
      )}
      {outcome?.kind === 'error' && <CaptionsErrorAlert error={outcome.error} />}
    </form>
  );
}
