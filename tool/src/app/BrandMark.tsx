/**
 * Amphi's logo (same drawing as public/static/amphi-logo.svg), inline so it needs no request.
 * Decorative: the name is written next to it. Fixed brand colours in both themes.
 */
export function BrandMark() {
  return (
    <svg class="amphi-brand-mark" viewBox="0 0 64 64" width="28" height="28" aria-hidden="true" focusable="false">
      <rect width="64" height="64" rx="14" fill="#1d4ed8" />
      <g fill="none" stroke-linecap="round" stroke-linejoin="round">
        <path d="M12 46 L32 14 L52 46" stroke="#fff" stroke-width="6" />
        <path d="M20 40 Q32 30 44 40" stroke="#93c5fd" stroke-width="4" />
        <path d="M16 50 Q32 40 48 50" stroke="#bfdbfe" stroke-width="4" />
      </g>
    </svg>
  );
}
