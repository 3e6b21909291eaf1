import { useState } from 'preact/hooks';
import type { ResourceResponse } from '../api/api-types.js';
import { useApi } from '../api/ApiContext.js';
import { updateResource } from '../api/content-api.js';
import { StatusMessage } from '../components/StatusMessage.js';
import { useI18n } from '../i18n/I18nContext.js';
import { FormProblems } from '../resource-form/FormProblems.js';
import { draftFromResource, toUpdateBody } from '../resource-form/resource-draft.js';
import { ResourceFields } from '../resource-form/ResourceFields.js';
import { useResourceForm } from '../resource-form/useResourceForm.js';

/** Title, description, the kind's basics and grading, saved with PATCH /api/resources/:id. */
export function ResourceSettingsForm({ resource, onSaved }: { resource: ResourceResponse; onSaved: (resource: ResourceResponse) => void }) {
  const { t } = useI18n();
  const client = useApi();
  const [saved, setSaved] = useState('');
  const form = useResourceForm(draftFromResource(resource), { grading: true }, async (draft) => {
    setSaved('');
    const updated = await updateResource(client, resource.id, toUpdateBody(resource.kind, draft));
    form.reset(draftFromResource(updated));
    setSaved(t('resource.settings.saved'));
    onSaved(updated);
  });

  return (
    <form
      class="amphi-form amphi-card"
      ref={form.formRef}
      noValidate
      aria-labelledby="amphi-settings-heading"
      data-testid="resource-settings-form"
      onSubmit={form.onSubmit}
    >
      <h3 id="amphi-settings-heading">{t('resource.settings.heading')}</h3>
      <ResourceFields
        kind={resource.kind}
        draft={form.draft}
        errors={form.errors}
        onChange={(change) => {
          setSaved('');
          form.change(change);
        }}
        grading
        testIdPrefix="resource-settings"
      />
      <FormProblems form={form} />
      <div class="amphi-actions">
        <button type="submit" class="amphi-button" data-testid="resource-save" aria-disabled={form.busy}>
          {form.busy ? t('resource.settings.saving') : t('resource.settings.save')}
        </button>
      </div>
      <StatusMessage text={saved} />
    </form>
  );
}
