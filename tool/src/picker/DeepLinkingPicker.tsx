import { useEffect, useState } from 'preact/hooks';
import { OFFERED_KINDS, type DeepLinkingOptions, type ResourceResponse } from '../api/api-types.js';
import { useApi } from '../api/ApiContext.js';
import { getResource } from '../api/content-api.js';
import { ApiErrorAlert } from '../components/ApiErrorAlert.js';
import { ErrorAlert } from '../components/ErrorAlert.js';
import { Icon } from '../components/Icon.js';
import { useI18n } from '../i18n/I18nContext.js';
import { plural } from '../i18n/plural.js';
import { ROUTE_HEADING_ID } from '../launch/RouteMessage.js';
import { DisplayChoice, type DocumentTarget } from './DisplayChoice.js';
import { NoResourceLinks } from './NoResourceLinks.js';
import { PickerActions } from './PickerActions.js';
import { ResourcePicker } from './ResourcePicker.js';
import { SelectionSummary } from './SelectionSummary.js';
import { StickyActionBar } from './StickyActionBar.js';
import { toggleSelection } from './selection.js';
import { useDeepLinkingReturn } from './useDeepLinkingReturn.js';

const ID = 'amphi-picker';

/**
 * The deep-linking picker (LtiDeepLinkingRequest): the teacher picks or creates resources and
 * sends them back to the platform as ltiResourceLink items, or cancels (no item).
 */
export function DeepLinkingPicker({ options, platformName }: { options: DeepLinkingOptions; platformName: string }) {
  const { t, locale } = useI18n();
  const [selected, setSelected] = useState<ResourceResponse[]>([]);
  const [target, setTarget] = useState<DocumentTarget | undefined>(options.documentTargets[0]);
  const [emptyAttempt, setEmptyAttempt] = useState(false);
  const response = useDeepLinkingReturn();
  const client = useApi();
  const cancel = () => response.send([]);

  // Reopened on a placeholder of the text: that resource is shown chosen (if the teacher may see it).
  useEffect(() => {
    let current = true;
    void Promise.all(options.selectedResourceIds.map((id) => getResource(client, id).catch(() => null))).then((found) => {
      const usable = found.filter((r): r is ResourceResponse => r !== null && OFFERED_KINDS.includes(r.kind));
      if (current && usable.length) setSelected(options.acceptMultiple ? usable : usable.slice(0, 1));
    });
    return () => {
      current = false;
    };
  }, []);

  if (!options.acceptsResourceLinks) return <NoResourceLinks platformName={platformName} sending={response.sending} onCancel={cancel} />;

  const toggle = (resource: ResourceResponse, on: boolean) => {
    setEmptyAttempt(false);
    setSelected((current) => toggleSelection(current, resource, on, options.acceptMultiple));
  };
  const add = () => {
    if (!selected.length) return setEmptyAttempt(true);
    response.send(selected.map((r) => ({ resourceId: r.id, ...(target ? { documentTarget: target } : {}) })));
  };

  return (
    <div class="amphi-stack amphi-picker">
      <div class="amphi-page-heading">
        <h2 id={ROUTE_HEADING_ID}>{options.title || t('picker.heading')}</h2>
        <p class="amphi-muted">{options.text || t(options.editor ? 'picker.intro.editor' : options.acceptMultiple ? 'picker.intro.multiple' : 'picker.intro.single', { platform: platformName })}</p>
        {options.editor && (
          <div class="amphi-notice" data-testid="picker-editor-note">
            <Icon name="info" size={20} />
            <p>{t('picker.editor.note')}</p>
          </div>
        )}
      </div>
      <ResourcePicker
        idPrefix={ID}
        multiple={options.acceptMultiple}
        selectedIds={selected.map((r) => r.id)}
        onToggle={toggle}
        create={{ grading: options.acceptLineItem }}
      />
      <SelectionSummary idPrefix={ID} selected={selected} onRemove={(r) => toggle(r, false)} />
      {options.documentTargets.includes('iframe') && options.documentTargets.includes('window') && target && (
        <DisplayChoice value={target} onChange={setTarget} />
      )}
      <StickyActionBar
        summary={
          <p class="amphi-action-bar-count" data-testid="picker-selected-count" data-count={selected.length} aria-live="polite">
            {selected.length ? plural(locale, 'picker.selection.count', selected.length) : t('picker.selection.none')}
          </p>
        }
        problems={
          <>
            {emptyAttempt && <ErrorAlert message={t('picker.submit.empty')} />}
            {response.error && <ApiErrorAlert error={response.error} />}
          </>
        }
      >
        <PickerActions sending={response.sending} onAdd={add} onCancel={cancel} platformName={platformName} editor={options.editor} />
      </StickyActionBar>
    </div>
  );
}
