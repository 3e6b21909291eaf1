import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-client.js';
import type { VideoResponse } from '../../api/api-types.js';
import { useApi } from '../../api/ApiContext.js';
import { updateVideo } from '../../api/video-api.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { CheckboxField } from '../../components/CheckboxField.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import type { FieldMessage } from '../../components/FieldError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { TextField } from '../../components/TextField.js';
import { useI18n } from '../../i18n/I18nContext.js';
import {
  draftFromVideo,
  toVideoUpdate,
  validateVideoSettings,
  VIDEO_LIMITS,
  videoSettingsServerErrors,
  type VideoSettingsDraft,
  type VideoSettingsErrors,
} from './video-settings-draft.js';

/** Title, description, downloads and the completion threshold, saved with PATCH /api/videos/:id. */
export function VideoSettingsForm({ video, onSaved }: { video: VideoResponse; onSaved: (video: VideoResponse) => void }) {
  const { t } = useI18n();
  const client = useApi();
  const [draft, setDraft] = useState<VideoSettingsDraft>(() => draftFromVideo(video));
  const [errors, setErrors] = useState<VideoSettingsErrors>({});
  const [other, setOther] = useState<FieldMessage[]>([]);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const focusInvalid = useRef(false);

  useLayoutEffect(() => {
    if (!focusInvalid.current) return;
    focusInvalid.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const change = (patch: Partial<VideoSettingsDraft>) => {
    setSaved('');
    setDraft((d) => ({ ...d, ...patch }));
  };
  const show = (fields: VideoSettingsErrors, rest: FieldMessage[]) => {
    focusInvalid.current = Object.keys(fields).length > 0;
    setErrors(fields);
    setOther(rest);
  };

  async function submit() {
    setFailure(null);
    const local = validateVideoSettings(draft, t);
    show(local, []);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const updated = await updateVideo(client, video.resourceId, toVideoUpdate(draft));
      setDraft(draftFromVideo(updated));
      setSaved(t('resource.settings.saved'));
      onSaved(updated);
    } catch (err) {
      const error = toApiError(err);
      if (!error.issues.length) return setFailure(error);
      const mapped = videoSettingsServerErrors(error);
      show(mapped.fields, mapped.other);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      class="amphi-form amphi-card"
      ref={formRef}
      noValidate
      aria-labelledby="amphi-video-settings-heading"
      data-testid="video-settings-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) void submit();
      }}
    >
      <h3 id="amphi-video-settings-heading">{t('videoEditor.settings.heading')}</h3>
      <TextField label={t('form.title')} required value={draft.title} error={errors.title} testId="video-settings-title" onInput={(title) => change({ title })} />
      <TextField
        label={t('form.description')}
        multiline
        value={draft.description}
        error={errors.description}
        testId="video-settings-description"
        onInput={(description) => change({ description })}
      />
      <CheckboxField
        label={t('videoEditor.settings.allowDownload')}
        hint={t('videoEditor.settings.allowDownload.hint')}
        checked={draft.allowDownload}
        testId="video-settings-download"
        onChange={(allowDownload) => change({ allowDownload })}
      />
      <TextField
        label={t('videoEditor.settings.threshold')}
        hint={t('videoEditor.settings.threshold.hint')}
        type="number"
        min={VIDEO_LIMITS.thresholdMin}
        max={VIDEO_LIMITS.thresholdMax}
        step={1}
        required
        value={draft.thresholdPercent}
        error={errors.thresholdPercent}
        testId="video-settings-threshold"
        onInput={(thresholdPercent) => change({ thresholdPercent })}
      />
      {other.length > 0 && (
        <ErrorAlert message={t('form.error.rejected')} notes={other.map((o, i) => ({ label: `${i + 1}.`, text: o.text, lang: o.lang }))} />
      )}
      {failure && <ApiErrorAlert error={failure} />}
      <div class="amphi-actions">
        <button type="submit" class="amphi-button" data-testid="video-settings-save" aria-disabled={busy}>
          {busy ? t('resource.settings.saving') : t('resource.settings.save')}
        </button>
      </div>
      <StatusMessage text={saved} testId="video-settings-status" />
    </form>
  );
}
