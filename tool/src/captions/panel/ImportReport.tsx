import type { CaptionRepair } from '../../api/captions-api.js';
import type { MessageKey } from '../../i18n/en.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { plural } from '../../i18n/plural.js';

/** What the import changed so the file could be kept, each change in words with the cue it touched. */
export function ImportReport({ fileName, cueCount, report }: { fileName: string; cueCount: number; report: CaptionRepair[] }) {
  const { t, locale } = useI18n();
  return (
    <div class="amphi-captions-report" data-testid="captions-import-report">
      <p>
        <strong>{plural(locale, 'captions.import.done', cueCount, { name: fileName })}</strong>
      </p>
      {report.length === 0 ? (
        <p class="amphi-muted">{t('captions.report.none')}</p>
      ) : (
        <>
          <p>{t('captions.report.heading')}</p>
          <ul>
            {report.map((repair, i) => (
              <li key={i} data-testid="captions-import-repair" data-code={repair.code}>
                {repair.cue === null ? t('captions.report.file') : t('captions.report.cue', { number: String(repair.cue) })}{' '}
                {t(`captions.repair.${repair.code}` as MessageKey, { detail: repair.detail ?? '' })}
              </li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}
