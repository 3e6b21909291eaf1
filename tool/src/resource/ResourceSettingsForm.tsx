import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { ResourceResponse, UpdateResourceBody } from '../api/api-types.js';
import { useApi } from '../api/ApiContext.js';
import { updateResource } from '../api/content-api.js';
import type { FieldMessage } from '../components/FieldError.js';
import { StatusMessage } from '../components/StatusMessage.js';
import { TextField } from '../components/TextField.js';
import { useI18n } from '../i18n/I18nContext.js';
import { FormProblems } from '../resource-form/FormProblems.js';
import { draftFromResource, toUpdateBody } from '../resource-form/resource-draft.js';
import { ResourceFields } from '../resource-form/ResourceFields.js';
import { useResourceForm } from '../resource-form/useResourceForm.js';
import { thresholdDraft, thresholdError, thresholdShare, VIDEO_LIMITS } from '../video/editor/video-settings-draft.js';

/**
 * Every setting of the resource in one place, saved with one PATCH /api/resources/:id: title,
 * description, the kind's basics (a video's downloads and completion threshold) and grading.
 * The server merges only the settings sent, so the chapters (saved from the Video tab) stay.
 */
export function ResourceSettingsForm({ resource, onSaved }: { resource: ResourceResponse; onSaved: (resource: ResourceResponse) => void }) {
  const { t } = useI18n();
  const client = useApi();
  const [saved, setSaved] = useState('');
  const video = resource.kind === 'video';
  const [threshold, setThreshold] = useState(() => thresholdDraft(resource.settings.completionThreshold));
  const [thresholdProblem, setThresholdProblem] = useState<FieldMessage | null>(null);
  const focusThreshold = useRef(false);
  const form = useResourceForm(draftFromResource(resource), { grading: true }, async (draft) => {
    setSaved('');
    const body = toUpdateBody(resource.kind, draft);
    const settings = video ? { ...body.settings, completionThreshold: thresholdShare(threshold) } : body.settings;
    const updated = await updateResource(client, resource.id, { ...body, settings } as UpdateResourceBody);
    form.reset(draftFromResource(updated));
    setThreshold(thresholdDraft(updated.settings.completionThreshold));
    setSaved(t('resource.settings.saved'));
    onSaved(updated);
  });

  useLayoutEffect(() => {
    if (!focusThreshold.current) return;
    focusThreshold.current = false;
    form.formRef.current?.querySelector<HTMLElement>('[data-testid="resource-settings-threshold"]')?.focus();
  }, [thresholdProblem]);

  const submit = (event: Event) => {
    event.preventDefault();
    const problem = video ? thresholdError(threshold, t) : null;
    setThresholdProblem(problem);
    // The threshold is this form's own field: the shared ones are checked (and sent) once it is right.
    if (problem) {
      focusThreshold.current = true;
      return;
    }
    form.onSubmit(event);
  };

  return (
    <form
      class="amphi-form amphi-card"
      ref={form.formRef}
      noValidate
      aria-labelledby="amphi-settings-heading"
      data-testid="resource-settings-form"
      onSubmit={submit}
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
      {video && (
        <TextField
          label={t('videoEditor.settings.threshold')}
          hint={t('videoEditor.settings.threshold.hint')}
          type="number"
          min={VIDEO_LIMITS.thresholdMin}
          max={VIDEO_LIMITS.thresholdMax}
          step={1}
          required
          value={threshold}
          error={thresholdProblem}
          testId="resource-settings-threshold"
          onInput={(value) => {
            setSaved('');
            setThreshold(value);
          }}
        />
      )}
      <FormProblems form={form} />
      <div class="amphi-actions">
        <button type="submit" class="amphi-button" data-testid="resource-save" aria-disabled={form.busy}>
          {form.busy ? t('resource.settings.saving') : t('resource.settings.save')}
        </button>
      </div>
      <StatusMessage text={saved} testId="resource-settings-status" />
    </form>
  );
}
