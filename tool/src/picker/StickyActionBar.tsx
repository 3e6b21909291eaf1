import type { ComponentChildren } from 'preact';
import { useRef } from 'preact/hooks';
import { useScrollPadding } from './useScrollPadding.js';

interface Props {
  /** What is chosen, in a polite live region (announced as it changes). */
  summary: ComponentChildren;
  /** The buttons, the main one first. */
  children: ComponentChildren;
  /** Errors about the action, shown next to it (the list above can be long). */
  problems?: ComponentChildren;
}

/**
 * The selection's summary and the main action, stuck to the bottom of the window: a teacher
 * ticking resources far down a list sees what is chosen and "Add" without scrolling to the end.
 */
export function StickyActionBar({ summary, children, problems }: Props) {
  const bar = useRef<HTMLDivElement>(null);
  useScrollPadding(bar);
  return (
    <div class="amphi-action-bar" ref={bar} data-testid="picker-action-bar">
      {problems}
      <div class="amphi-action-bar-row">
        <div class="amphi-action-bar-summary">{summary}</div>
        {children}
      </div>
    </div>
  );
}
