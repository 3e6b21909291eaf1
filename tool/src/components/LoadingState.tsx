/** A quiet placeholder while the session is confirmed; announced politely. */
export function LoadingState({ label }: { label: string }) {
  return (
    <div class="amphi-loading" role="status" aria-live="polite">
      <span class="amphi-spinner" aria-hidden="true" />
      <span>{label}</span>
    </div>
  );
}
