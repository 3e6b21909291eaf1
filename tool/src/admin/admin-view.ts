import { useEffect, useState } from 'preact/hooks';

/**
 * Whether the administration page is shown in place of the launch's content. One flag for the
 * whole page: the header's entry and the Administration area's button open it, LaunchPage shows it.
 */
let open = false;
let closedJustNow = false;
const listeners = new Set<(open: boolean) => void>();

export function setAdminPageOpen(value: boolean): void {
  if (open === value) return;
  open = value;
  closedJustNow = !value;
  for (const listener of listeners) listener(open);
}

/** True once after the page was closed: the way back in takes the focus (the button that had it is gone). */
export function takeReturnFocus(): boolean {
  const value = closedJustNow;
  closedJustNow = false;
  return value;
}

export function useAdminPageOpen(): boolean {
  const [value, setValue] = useState(open);
  useEffect(() => {
    listeners.add(setValue);
    setValue(open);
    return () => {
      listeners.delete(setValue);
    };
  }, []);
  return value;
}
