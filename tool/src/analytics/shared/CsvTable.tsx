import type { ComponentChildren } from 'preact';
import { DataTable } from '../chart/DataTable.js';
import { DownloadCsvButton } from '../chart/DownloadCsvButton.js';

export interface CsvRow {
  key: string;
  /** What the table shows (links, badges, lists); `text` when omitted. */
  cells?: ComponentChildren[];
  /** The same cells as plain text: what the CSV holds. */
  text: string[];
}

interface Props {
  id: string;
  caption: string;
  header: string[];
  rows: CsvRow[];
  numeric?: boolean[];
  testId?: string;
}

/** A data table and, above it, the button that downloads the same rows as CSV. */
export function CsvTable({ id, caption, header, rows, numeric, testId }: Props) {
  return (
    <div class="amphi-stack amphi-csv-table">
      <div class="amphi-actions">
        <DownloadCsvButton title={caption} header={header} rows={rows.map((r) => r.text)} testId={testId ? `${testId}-csv` : undefined} />
      </div>
      <DataTable id={id} caption={caption} header={header} rows={rows.map((r) => r.cells ?? r.text)} keys={rows.map((r) => r.key)} numeric={numeric} testId={testId} />
    </div>
  );
}
