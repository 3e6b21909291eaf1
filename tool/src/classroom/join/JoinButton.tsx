import type { ComponentChildren } from 'preact';
import { Icon } from '../../components/Icon.js';

interface Props {
  busy: boolean;
  /** No server: the button stays, disabled, described by the sentence saying why (its id). */
  unavailableReasonId: string | null;
  onJoin: () => void;
  children: ComponentChildren;
}

/** Start or Join: aria-disabled keeps an unusable button in the tab order, tied to its reason. */
export function JoinButton({ busy, unavailableReasonId, onJoin, children }: Props) {
  const unavailable = unavailableReasonId !== null;
  return (
    <button
      type="button"
      class={unavailable ? 'amphi-button is-unavailable' : 'amphi-button'}
      onClick={() => !busy && !unavailable && onJoin()}
      aria-disabled={busy || unavailable}
      aria-describedby={unavailableReasonId ?? undefined}
      data-testid="join-button"
    >
      <Icon name="classroom" /> {children}
    </button>
  );
}
