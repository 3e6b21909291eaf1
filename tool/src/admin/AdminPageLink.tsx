import { useEffect, useId, useRef } from 'preact/hooks';
import { useI18n } from '../i18n/I18nContext.js';
import { setAdminPageOpen, takeReturnFocus } from './admin-view.js';

/** In the launch page's Administration area: what the administration page holds, and the way in. */
export function AdminPageLink() {
  const { t } = useI18n();
  const hintId = useId();
  const button = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (takeReturnFocus()) button.current?.focus();
  }, []);
  return (
    <div class="amphi-stack">
      <p id={hintId} class="amphi-hint">
        {t('admin.open.hint')}
      </p>
      <div class="amphi-actions">
        <button type="button" ref={button} class="amphi-button" aria-describedby={hintId} data-testid="admin-page-open" onClick={() => setAdminPageOpen(true)}>
          {t('admin.open')}
        </button>
      </div>
    </div>
  );
}
