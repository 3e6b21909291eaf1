import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';

export interface MenuOption<V> {
  value: V;
  label: string;
}

interface Props<V> {
  /** The button's accessible name, with the current choice (`Speed: 1.5×`). */
  label: string;
  /** What the button shows. */
  children: ComponentChildren;
  options: MenuOption<V>[];
  selected: V;
  onSelect(value: V): void;
  testId: string;
}

/**
 * A menu button with radio items (WAI-ARIA menu button pattern): Enter, Space or ↓ opens it on
 * the chosen item, ↑ ↓ Home End move, Enter or Space chooses, Escape and Tab close it; focus
 * comes back to the button.
 */
export function MenuButton<V>({ label, children, options, selected, onSelect, testId }: Props<V>) {
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const itemsRef = useRef<(HTMLLIElement | null)[]>([]);
  const menuId = useId();

  // Effects run after paint: a menu closed meanwhile (a fast Enter) must not take focus back.
  const openRef = useRef(false);
  useEffect(() => {
    if (open && openRef.current) itemsRef.current[active]?.focus();
  }, [open, active]);

  const openMenu = () => {
    setActive(Math.max(0, options.findIndex((o) => o.value === selected)));
    openRef.current = true;
    setOpen(true);
  };
  const close = (refocus = true) => {
    openRef.current = false;
    setOpen(false);
    if (refocus) buttonRef.current?.focus();
  };
  const choose = (index: number) => {
    const option = options[index];
    close();
    if (option) onSelect(option.value);
  };

  const onMenuKey = (e: KeyboardEvent) => {
    const last = options.length - 1;
    const moves: Record<string, number> = {
      ArrowDown: active >= last ? 0 : active + 1,
      ArrowUp: active <= 0 ? last : active - 1,
      Home: 0,
      End: last,
    };
    if (e.key in moves) setActive(moves[e.key]!);
    else if (e.key === 'Enter' || e.key === ' ') choose(active);
    else if (e.key === 'Escape') close();
    else if (e.key === 'Tab') return close(false);
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div class="amphi-player-menu">
      <button
        ref={buttonRef}
        type="button"
        class="amphi-player-button"
        aria-label={label}
        title={label}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        data-testid={testId}
        onClick={() => (open ? close() : openMenu())}
        onKeyDown={(e) => {
          // Keys typed before focus reached the opened menu still belong to the menu.
          if (open && e.key !== 'Tab') return onMenuKey(e);
          if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
            e.preventDefault();
            openMenu();
          }
        }}
      >
        {children}
      </button>
      {open && (
        <ul id={menuId} role="menu" aria-label={label} class="amphi-player-menu-list" data-testid={`${testId}-menu`} onKeyDown={onMenuKey}>
          {options.map((option, i) => (
            <li
              key={String(option.value)}
              ref={(el) => {
                itemsRef.current[i] = el;
              }}
              role="menuitemradio"
              aria-checked={option.value === selected}
              tabIndex={i === active ? 0 : -1}
              class="amphi-player-menu-item"
              onClick={() => choose(i)}
              onBlur={(e) => {
                // Focus left the menu (a click elsewhere): close without stealing focus back.
                const next = e.relatedTarget as Node | null;
                if (!next || !(e.currentTarget as HTMLElement).parentElement?.contains(next)) close(false);
              }}
            >
              {option.label}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
