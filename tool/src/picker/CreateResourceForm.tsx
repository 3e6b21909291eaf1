import { useState } from 'preact/hooks';
import { createResource } from '../api/content-api.js';
import type { ResourceKind, ResourceResponse } from '../api/api-types.js';
import { useApi } from '../api/ApiContext.js';
import { StatusMessage } from '../components/StatusMessage.js';
import { useI18n } from '../i18n/I18nContext.js';
import { FormProblems } from '../resource-form/FormProblems.js';
import { EMPTY_DRAFT, toCreateBody } from '../resource-form/resource-draft.js';
import { ResourceFields } from '../resource-form/ResourceFields.js';
import { useResourceForm } from '../resource-form/useResourceForm.js';

interface Props {
  idPrefix: string;
  kind: ResourceKind;
  /** Offer "graded" (the platform accepts a gradebook column with the link). */
  grading: boolean;
  onCreated: (resource: ResourceResponse) => void;
}

/** A new resource of this kind, created at once (POST /api/resources) and then selected. */
export function CreateResourceForm({ idPrefix, kind, grading, onCreated }: Props) {
  const { t } = useI18n();
  const client = useApi();
  const [created, setCreated] = useState('');
  const form = useResourceForm(EMPTY_DRAFT, { grading }, async (draft) => {
    setCreated('');
    const resource = await createResource(client, toCreateBody(kind, draft, { grading }));
    form.reset(EMPTY_DRAFT);
    setCreated(t('picker.create.done', { title: resource.title }));
    onCreated(resource);
  });
  const headingId = `${idPrefix}-create-heading`;

  return (
    <form class="amphi-form" ref={form.formRef} noValidate aria-labelledby={headingId} onSubmit={form.onSubmit}>
      <h3 id={headingId}>{t(`picker.create.heading.${kind}`)}</h3>
      <ResourceFields kind={kind} draft={form.draft} errors={form.errors} onChange={form.change} grading={grading} testIdPrefix="picker-create" />
      <FormProblems form={form} />
      <div class="amphi-actions">
        <button type="submit" class="amphi-button" data-testid="picker-create-submit" aria-disabled={form.busy}>
          {form.busy ? t('picker.create.busy') : t('picker.create.submit')}
        </button>
      </div>
      <StatusMessage text={created} />
    </form>
  );
}
