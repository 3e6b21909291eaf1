/**
 * Where a key moves focus in a horizontal tab list (WAI-ARIA APG tabs pattern): the arrows wrap
 * around, Home and End go to the ends. null: the key is not the tab list's.
 */
export function nextTabIndex(key: string, index: number, count: number): number | null {
  if (count === 0) return null;
  switch (key) {
    case 'ArrowRight':
      return (index + 1) % count;
    case 'ArrowLeft':
      return (index - 1 + count) % count;
    case 'Home':
      return 0;
    case 'End':
      return count - 1;
    default:
      return null;
  }
}
