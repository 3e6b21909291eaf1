import { useEffect, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-client.js';
import { useApi } from '../../api/ApiContext.js';
import { getVersions, type CaptionVersionView } from '../../api/captions-api.js';
import { CaptionsErrorAlert } from '../CaptionsErrorAlert.js';
import { LoadingState } from '../../components/LoadingState.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';
import { plural } from '../../i18n/plural.js';
import { ConfirmButton } from '../../components/ConfirmButton.js';

interface Props {
  trackId: string;
  /** The version the editor shows (the list is read again when it moves on). */
  currentVersion: number;
  onRestore: (version: number) => Promise<void>;
}

/**
 * Every saved version, newest first, read when the disclosure opens; each older one can be
 * restored (after a question), which makes it the newest version: nothing is ever lost.
 */
export function VersionHistory({ trackId, currentVersion, onRestore }: Props) {
  const { t, locale } = useI18n();
  const client = useApi();
  const [open, setOpen] = useState(false);
  const [versions, setVersions] = useState<CaptionVersionView[] | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const format = useFormatter();

  useEffect(() => {
    if (!open) return;
    let current = true;
    setError(null);
    getVersions(client, trackId).then(
      (answer) => current && setVersions(answer.versions),
      (err: unknown) => current && setError(toApiError(err)),
    );
    return () => {
      current = false;
    };
  }, [open, currentVersion]);

  const restore = async (version: number) => {
    setBusy(true);
    try {
      await onRestore(version);
    } finally {
      setBusy(false);
    }
  };

  return (
    <details class="amphi-captions-versions" data-testid="captions-versions" onToggle={(e) => setOpen((e.currentTarget as HTMLDetailsElement).open)}>
      <summary>{t('captions.versions.heading')}</summary>
      {error && <CaptionsErrorAlert error={error} />}
      {open && !versions && !error && <LoadingState label={t('captions.versions.loading')} />}
      {versions && (
        <ol class="amphi-captions-version-list">
          {versions.map((v) => (
            <li key={v.version} data-testid="captions-version" data-version={v.version}>
              <p>
                <strong>{t('captions.versions.item', { version: String(v.version) })}</strong>
                {v.version === currentVersion && <span class="amphi-badge amphi-badge-accent">{t('captions.versions.current')}</span>}
              </p>
              <p class="amphi-muted amphi-small">
                {[t(`captions.source.${v.source}`), format.dateTime(v.createdAt), v.createdBy ? t('captions.versions.by', { name: v.createdBy }) : null, plural(locale, 'captions.track.cues', v.cueCount)]
                  .filter(Boolean)
                  .join(' · ')}
              </p>
              {v.version !== currentVersion && (
                <ConfirmButton
                  question={t('captions.versions.restore.question', { version: String(v.version) })}
                  confirmLabel={t('captions.versions.restore.confirm', { version: String(v.version) })}
                  cancelLabel={t('captions.versions.restore.cancel')}
                  busy={busy}
                  testId="captions-version-restore"
                  onConfirm={() => restore(v.version)}
                >
                  <span>{t('captions.versions.restore')}</span>
                  <span class="amphi-visually-hidden"> {t('captions.versions.item', { version: String(v.version) })}</span>
                </ConfirmButton>
              )}
            </li>
          ))}
        </ol>
      )}
    </details>
  );
}
