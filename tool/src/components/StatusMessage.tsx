/**
 * A polite live region: always in the page (a region added together with its text is often not
 * announced), its text changes when there is news.
 */
export function StatusMessage({ text, testId, visuallyHidden }: { text: string; testId?: string; visuallyHidden?: boolean }) {
  return (
    <p class={visuallyHidden ? 'amphi-visually-hidden' : 'amphi-status'} role="status" aria-live="polite" data-testid={testId}>
      {text}
    </p>
  );
}
