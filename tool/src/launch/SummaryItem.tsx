import type { ComponentChildren } from 'preact';

/** One term/value pair of the launch summary (a <div> group inside the <dl>). */
export function SummaryItem({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    <div class="amphi-summary-item">
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
