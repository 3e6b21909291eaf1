import type { ResourceKind } from '../api/api-types.js';
import { CheckboxField } from '../components/CheckboxField.js';
import { TextField } from '../components/TextField.js';
import { useI18n } from '../i18n/I18nContext.js';
import { KindSettingsFields } from './KindSettingsFields.js';
import type { DraftErrors, ResourceDraft } from './resource-draft.js';

interface Props {
  kind: ResourceKind;
  draft: ResourceDraft;
  errors: DraftErrors;
  onChange: (change: Partial<ResourceDraft>) => void;
  /** Offer "graded" and its maximum score. */
  grading: boolean;
  /** data-testid prefix: `<prefix>-title`, `<prefix>-description`, `<prefix>-graded`, `<prefix>-max-score`. */
  testIdPrefix: string;
}

/** Title, description, the kind's basics and grading: shared by the create and settings forms. */
export function ResourceFields({ kind, draft, errors, onChange, grading, testIdPrefix }: Props) {
  const { t } = useI18n();
  return (
    <>
      <TextField
        label={t('form.title')}
        required
        value={draft.title}
        error={errors.title}
        testId={`${testIdPrefix}-title`}
        onInput={(title) => onChange({ title })}
      />
      <TextField
        label={t('form.description')}
        multiline
        value={draft.description}
        error={errors.description}
        testId={`${testIdPrefix}-description`}
        onInput={(description) => onChange({ description })}
      />
      <KindSettingsFields kind={kind} draft={draft} errors={errors} onChange={onChange} />
      {grading && (
        <CheckboxField
          label={t('form.graded')}
          hint={t('form.graded.hint')}
          checked={draft.gradable}
          testId={`${testIdPrefix}-graded`}
          onChange={(gradable) => onChange({ gradable })}
        >
          <TextField
            label={t('form.scoreMaximum')}
            type="number"
            min={0}
            step="any"
            required
            value={draft.scoreMaximum}
            error={errors.scoreMaximum}
            testId={`${testIdPrefix}-max-score`}
            onInput={(scoreMaximum) => onChange({ scoreMaximum })}
          />
        </CheckboxField>
      )}
    </>
  );
}
