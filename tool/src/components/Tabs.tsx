import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { nextTabIndex } from './tab-keys.js';

export interface TabItem<K extends string> {
  id: K;
  label: string;
  icon?: ComponentChildren;
  testId?: string;
}

interface Props<K extends string> {
  /** The tab list's accessible name. */
  label: string;
  /** Unique on the page: the tabs' and panel's ids start with it. */
  idPrefix: string;
  tabs: TabItem<K>[];
  selected: K;
  onSelect: (id: K) => void;
  /** The selected tab's panel content. */
  children: ComponentChildren;
}

/**
 * WAI-ARIA tabs with automatic activation: one tab stop (roving tabindex), the arrow keys move
 * and select, Home/End jump to the ends. Only the selected tab's panel is rendered, so only that
 * tab carries aria-controls (it would point at nothing otherwise). Tabs that do not fit on one
 * line wrap onto the next (tabs.css): every tab stays visible at any width, in any language.
 */
export function Tabs<K extends string>({ label, idPrefix, tabs, selected, onSelect, children }: Props<K>) {
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);
  const panelId = `${idPrefix}-panel`;
  const tabId = (id: K) => `${idPrefix}-tab-${id}`;

  const onKeyDown = (event: KeyboardEvent) => {
    const from = buttons.current.findIndex((button) => button === event.target);
    const next = nextTabIndex(event.key, from < 0 ? 0 : from, tabs.length);
    const tab = next === null ? undefined : tabs[next];
    if (next === null || !tab) return;
    event.preventDefault();
    onSelect(tab.id);
    buttons.current[next]?.focus();
  };

  return (
    <div class="amphi-tabs">
      <div role="tablist" aria-label={label} class="amphi-tablist" onKeyDown={onKeyDown}>
        {tabs.map((tab, index) => {
          const isSelected = tab.id === selected;
          return (
            <button
              key={tab.id}
              ref={(element) => {
                buttons.current[index] = element;
              }}
              type="button"
              role="tab"
              id={tabId(tab.id)}
              class="amphi-tab"
              aria-selected={isSelected}
              aria-controls={isSelected ? panelId : undefined}
              tabIndex={isSelected ? 0 : -1}
              data-testid={tab.testId}
              onClick={() => onSelect(tab.id)}
            >
              {tab.icon}
              <span>{tab.label}</span>
            </button>
          );
        })}
      </div>
      <div role="tabpanel" id={panelId} class="amphi-tabpanel" aria-labelledby={tabId(selected)}>
        {children}
      </div>
    </div>
  );
}
