import type { ComponentChildren } from 'preact';

interface Props {
  id: string;
  caption: string;
  header: string[];
  /** The first cell of each row heads it (a day, a learner, a session). */
  rows: ComponentChildren[][];
  /** Row keys, when the first cell is not a stable one. */
  keys?: string[];
  testId?: string;
  /** Columns after the first holding numbers (aligned, tabular figures). */
  numeric?: boolean[];
}

/**
 * A table with its caption and scoped headers, in a scroll area a keyboard can reach (a wide
 * table scrolls sideways on a phone).
 */
export function DataTable({ id, caption, header, rows, keys, testId, numeric = [] }: Props) {
  const captionId = `${id}-caption`;
  return (
    <div class="amphi-table-scroll" role="region" aria-labelledby={captionId} tabIndex={0}>
      <table class="amphi-table amphi-data-table" data-testid={testId}>
        <caption id={captionId}>{caption}</caption>
        <thead>
          <tr>
            {header.map((cell, i) => (
              <th key={i} scope="col" class={numeric[i] ? 'amphi-numeric' : undefined}>
                {cell}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row, r) => (
            <tr key={keys?.[r] ?? r}>
              {row.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={i} class={numeric[i] ? 'amphi-numeric' : undefined}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
