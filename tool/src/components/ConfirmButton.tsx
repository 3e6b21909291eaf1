import type { ComponentChildren } from 'preact';
import { useEffect, useId, useRef, useState } from 'preact/hooks';

interface Props {
  /** The button's face (icon and words) before asking. */
  children: ComponentChildren;
  question: string;
  confirmLabel: string;
  cancelLabel: string;
  busy?: boolean;
  danger?: boolean;
  /** The small face fits a list row; a panel's main actions use the full size. */
  small?: boolean;
  testId: string;
  onConfirm: () => Promise<void> | void;
}

/**
 * A button that asks first, in the page (window.confirm is often blocked in the LMS iframe): the
 * question takes the button's place, focus moves to the safe choice, Cancel brings it back.
 */
export function ConfirmButton({ children, question, confirmLabel, cancelLabel, busy = false, danger = false, small = true, testId, onConfirm }: Props) {
  const [asking, setAsking] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);
  const questionId = useId();

  useEffect(() => {
    if (asking) cancelRef.current?.focus();
    else if (wasAsking.current) buttonRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button
        type="button"
        ref={buttonRef}
        class={`amphi-button${small ? ' amphi-button-small' : ''} ${danger ? 'amphi-button-quiet' : 'amphi-button-secondary'}`}
        aria-disabled={busy}
        data-testid={testId}
        onClick={() => !busy && setAsking(true)}
      >
        {children}
      </button>
    );
  }
  return (
    <div class="amphi-confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId}>{question}</p>
      <div class="amphi-actions">
        <button
          type="button"
          class={`amphi-button amphi-button-small${danger ? ' amphi-button-danger' : ''}`}
          aria-disabled={busy}
          data-testid={`${testId}-confirm`}
          onClick={async () => {
            if (busy) return;
            await onConfirm();
            setAsking(false);
          }}
        >
          {confirmLabel}
        </button>
        <button type="button" ref={cancelRef} class="amphi-button amphi-button-small amphi-button-secondary" data-testid={`${testId}-cancel`} onClick={() => setAsking(false)}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
