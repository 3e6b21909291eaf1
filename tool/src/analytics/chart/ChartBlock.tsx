import { useMemo } from 'preact/hooks';
import { useI18n } from '../../i18n/I18nContext.js';
import { ChartCanvas, type ChartOptions } from './ChartCanvas.js';
import { tableOf, type ChartData } from './chart-data.js';
import { DataTable } from './DataTable.js';
import { DownloadCsvButton } from './DownloadCsvButton.js';
import '../../styles/analytics.css';

interface Props extends ChartOptions {
  /** Unique on the page: ids and test ids start with it. */
  id: string;
  title: string;
  /** The table's first column (Day, Share of the video, Session…). */
  categoryHeader: string;
  data: ChartData;
  /** A sentence under the title (what the chart counts). */
  description?: string;
  headingLevel?: 3 | 4 | 5;
}

/**
 * A chart with its title, the same numbers as a table (a disclosure under it) and a button that
 * downloads that table as CSV. The canvas is an image named by the title; its figures are the
 * table's, so nothing is only in the picture.
 */
export function ChartBlock({ id, title, categoryHeader, data, description, headingLevel = 4, ...options }: Props) {
  const { t } = useI18n();
  const table = useMemo(() => tableOf(data, categoryHeader, options.formatValue), [data, categoryHeader, options.formatValue]);
  const Heading = `h${headingLevel}` as 'h3' | 'h4' | 'h5';
  const empty = data.labels.length === 0;
  return (
    <figure class="amphi-chart" data-testid={`chart-${id}`} aria-labelledby={`${id}-title`}>
      <div class="amphi-chart-head">
        <Heading id={`${id}-title`} class="amphi-chart-title">
          {title}
        </Heading>
        {!empty && <DownloadCsvButton title={title} header={table.header} rows={table.rows} testId={`chart-${id}-csv`} />}
      </div>
      {description && <p class="amphi-muted amphi-small">{description}</p>}
      {empty ? (
        <p class="amphi-muted" data-testid={`chart-${id}-empty`}>
          {t('chart.empty')}
        </p>
      ) : (
        <>
          <ChartCanvas data={data} label={t('chart.canvasLabel', { title })} testId={`chart-${id}-canvas`} {...options} />
          <details class="amphi-chart-details">
            <summary>{t('chart.table.toggle')}</summary>
            <DataTable id={`${id}-table`} caption={title} header={table.header} rows={table.rows} testId={`chart-${id}-table`} numeric={table.header.map((_, i) => i > 0)} />
          </details>
        </>
      )}
    </figure>
  );
}
