import { useEffect, useId, useRef, useState } from 'preact/hooks';
import { useI18n } from '../../i18n/I18nContext.js';

/**
 * "Remove server" asks first, in the page (a window.confirm is often blocked in the LMS iframe):
 * the question takes the button's place, focus moves to the safe choice, Cancel brings it back.
 */
export function RemoveServerButton({ busy, onConfirm }: { busy: boolean; onConfirm: () => Promise<void> | void }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState(false);
  const questionId = useId();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (asking) cancelRef.current?.focus();
    else if (wasAsking.current) removeRef.current?.focus();
    wasAsking.current = asking;
  }, [asking]);

  if (!asking) {
    return (
      <button type="button" ref={removeRef} class="amphi-button amphi-button-danger" aria-disabled={busy} data-testid="bbb-server-remove" onClick={() => !busy && setAsking(true)}>
        {t('servers.form.remove')}
      </button>
    );
  }
  return (
    <div class="amphi-bbb-server-confirm" role="group" aria-labelledby={questionId}>
      <p id={questionId}>{t('servers.remove.question')}</p>
      <button
        type="button"
        class="amphi-button amphi-button-danger"
        aria-disabled={busy}
        data-testid="bbb-server-remove-confirm"
        onClick={async () => {
          if (busy) return;
          await onConfirm();
          setAsking(false);
        }}
      >
        {t('servers.remove.confirm')}
      </button>
      <button type="button" ref={cancelRef} class="amphi-button amphi-button-secondary" data-testid="bbb-server-remove-cancel" onClick={() => setAsking(false)}>
        {t('servers.remove.cancel')}
      </button>
    </div>
  );
}
