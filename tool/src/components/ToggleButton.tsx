import type { ComponentChildren } from 'preact';

interface Props {
  pressed: boolean;
  onToggle: () => void;
  icon?: ComponentChildren;
  children: ComponentChildren;
}

/** A button that stays on or off (aria-pressed); its visible text is its accessible name. */
export function ToggleButton({ pressed, onToggle, icon, children }: Props) {
  return (
    <button type="button" class="amphi-toggle" aria-pressed={pressed} onClick={onToggle}>
      {icon}
      <span>{children}</span>
    </button>
  );
}
