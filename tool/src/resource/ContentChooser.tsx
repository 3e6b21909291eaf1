import { useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../api/api-client.js';
import type { ResourceKind, ResourceResponse } from '../api/api-types.js';
import { useApi } from '../api/ApiContext.js';
import { setLinkResource } from '../api/content-api.js';
import { ApiErrorAlert } from '../components/ApiErrorAlert.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { useI18n } from '../i18n/I18nContext.js';
import { ResourcePicker } from '../picker/ResourcePicker.js';
import { StickyActionBar } from '../picker/StickyActionBar.js';
import type { SessionResponse } from '../session/session-types.js';

interface Props {
  idPrefix: string;
  /** The resource the link shows now, if any: marked in the list, and not offered (choosing it would change nothing). */
  currentId?: string;
  initialKind?: ResourceKind;
  onSessionChange: (session: SessionResponse) => void;
}

/**
 * Picks the one resource this link shows (existing or new) and sets it with
 * PUT /api/resource-link/resource; the session it answers re-renders the page.
 */
export function ContentChooser({ idPrefix, currentId, initialKind, onSessionChange }: Props) {
  const { t } = useI18n();
  const client = useApi();
  const [chosen, setChosen] = useState<ResourceResponse | null>(null);
  const [problem, setProblem] = useState<ApiError | 'none' | 'same' | null>(null);
  const [busy, setBusy] = useState(false);

  const apply = async () => {
    if (busy) return;
    if (!chosen) return setProblem('none');
    if (chosen.id === currentId) return setProblem('same');
    setBusy(true);
    setProblem(null);
    try {
      onSessionChange(await setLinkResource(client, chosen.id));
    } catch (err) {
      setProblem(toApiError(err));
      setBusy(false);
    }
  };

  return (
    <div class="amphi-stack">
      <ResourcePicker
        idPrefix={idPrefix}
        multiple={false}
        initialKind={initialKind}
        selectedIds={chosen ? [chosen.id] : []}
        currentId={currentId}
        onToggle={(resource, on) => {
          setProblem(null);
          setChosen(on ? resource : null);
        }}
        create={{ grading: false }}
      />
      <StickyActionBar
        summary={
          <p class="amphi-action-bar-count" aria-live="polite" data-testid="picker-selected-count" data-count={chosen ? 1 : 0}>
            {chosen ? t('chooser.chosen', { title: chosen.title }) : t('chooser.nothing')}
          </p>
        }
        problems={
          <>
            {problem === 'none' && <ErrorAlert message={t('chooser.error.none')} />}
            {problem === 'same' && <ErrorAlert message={t('chooser.error.same')} />}
            {problem instanceof Error && <ApiErrorAlert error={problem} />}
          </>
        }
      >
        <div class="amphi-actions amphi-picker-actions">
          <button type="button" class="amphi-button" data-testid="switch-resource" aria-disabled={busy} onClick={() => void apply()}>
            {busy ? t('chooser.busy') : t('chooser.submit')}
          </button>
        </div>
      </StickyActionBar>
    </div>
  );
}
