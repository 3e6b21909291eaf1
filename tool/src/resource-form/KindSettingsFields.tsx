import type { ResourceKind } from '../api/api-types.js';
import { CheckboxField } from '../components/CheckboxField.js';
import { TextField } from '../components/TextField.js';
import { useI18n } from '../i18n/I18nContext.js';
import { DashboardSettingsFields } from './DashboardSettingsFields.js';
import type { DraftErrors, ResourceDraft } from './resource-draft.js';

interface Props {
  kind: ResourceKind;
  draft: ResourceDraft;
  errors: DraftErrors;
  onChange: (change: Partial<ResourceDraft>) => void;
}

/** The basics each kind has at creation (each feature adds its own later). */
export function KindSettingsFields({ kind, draft, errors, onChange }: Props) {
  const { t } = useI18n();
  if (kind === 'video') {
    return (
      <CheckboxField
        label={t('form.video.allowDownload')}
        hint={t('form.video.allowDownload.hint')}
        checked={draft.allowDownload}
        onChange={(allowDownload) => onChange({ allowDownload })}
      />
    );
  }
  if (kind === 'classroom') {
    return (
      <>
        <TextField
          label={t('form.classroom.welcomeMessage')}
          hint={t('form.classroom.welcomeMessage.hint')}
          multiline
          value={draft.welcomeMessage}
          error={errors.welcomeMessage}
          onInput={(welcomeMessage) => onChange({ welcomeMessage })}
        />
        <CheckboxField
          label={t('form.classroom.recordingAllowed')}
          checked={draft.recordingAllowed}
          onChange={(recordingAllowed) => onChange({ recordingAllowed })}
        />
      </>
    );
  }
  return <DashboardSettingsFields draft={draft} errors={errors} onChange={onChange} />;
}
