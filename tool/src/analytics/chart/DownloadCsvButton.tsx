import { Icon } from '../../components/Icon.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { csvFileName, csvSeparator, downloadCsv, toCsv } from './csv.js';

interface Props {
  /** What the table is about: names the button for screen readers and the file. */
  title: string;
  header: string[];
  rows: string[][];
  testId?: string;
}

/** Saves exactly the table shown (same header, same cells as text) as a CSV file. */
export function DownloadCsvButton({ title, header, rows, testId }: Props) {
  const { t, locale } = useI18n();
  return (
    <button
      type="button"
      class="amphi-button amphi-button-secondary amphi-button-small"
      data-testid={testId}
      onClick={() => downloadCsv(csvFileName(title), toCsv([header, ...rows], csvSeparator(locale)))}
    >
      <Icon name="download" />
      <span>{t('chart.csv')}</span>
      {/* Many buttons read alike: the table's name follows the visible words (WCAG 2.5.3). */}
      <span class="amphi-visually-hidden"> — {title}</span>
    </button>
  );
}
