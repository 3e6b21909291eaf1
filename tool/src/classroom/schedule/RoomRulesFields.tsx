import { CheckboxField } from '../../components/CheckboxField.js';
import { ChoiceGroup } from '../../components/ChoiceGroup.js';
import { TextField } from '../../components/TextField.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { InputField } from './InputField.js';
import { GUEST_POLICIES, LOCK_KEYS, type ClassroomDraft, type ClassroomErrors } from './schedule-draft.js';

interface Props {
  draft: ClassroomDraft;
  errors: ClassroomErrors;
  gradable: boolean;
  onChange: (patch: Partial<ClassroomDraft>) => void;
}

/** Opening, moderators, guests, locks, recording, welcome message and (graded) the attendance rule. */
export function RoomRulesFields({ draft, errors, gradable, onChange }: Props) {
  const { t } = useI18n();
  return (
    <section class="amphi-stack" aria-labelledby="amphi-room-rules-heading">
      <h3 id="amphi-room-rules-heading">{t('schedule.room.heading')}</h3>
      <InputField
        label={t('schedule.openMinutesBefore')}
        type="number"
        min={0}
        max={240}
        value={draft.openMinutesBefore}
        error={errors.openMinutesBefore}
        testId="schedule-open-before"
        onInput={(openMinutesBefore) => onChange({ openMinutesBefore })}
      />
      <CheckboxField label={t('schedule.waitForModerator')} checked={draft.waitForModerator} testId="schedule-wait" onChange={(waitForModerator) => onChange({ waitForModerator })} />
      <CheckboxField
        label={t('schedule.everyoneModerator')}
        hint={t('schedule.everyoneModerator.hint')}
        checked={draft.everyoneModerator}
        testId="schedule-everyone-moderator"
        onChange={(everyoneModerator) => onChange({ everyoneModerator })}
      />
      <InputField
        label={t('schedule.guestPolicy')}
        type="text"
        value={draft.guestPolicy}
        error={errors.guestPolicy}
        testId="schedule-guest-policy"
        options={GUEST_POLICIES.map((p) => ({ value: p, label: t(`schedule.guestPolicy.${p}`) }))}
        onInput={(value) => onChange({ guestPolicy: value as ClassroomDraft['guestPolicy'] })}
      />
      <fieldset class="amphi-fieldset" data-testid="schedule-lock">
        <legend>{t('schedule.lock.heading')}</legend>
        {LOCK_KEYS.map((key) => (
          <CheckboxField key={key} label={t(`schedule.lock.${key}`)} checked={draft.lock[key]} testId={`schedule-lock-${key}`} onChange={(on) => onChange({ lock: { ...draft.lock, [key]: on } })} />
        ))}
      </fieldset>
      <CheckboxField label={t('schedule.recordingAllowed')} checked={draft.recordingAllowed} testId="schedule-recording" onChange={(recordingAllowed) => onChange({ recordingAllowed })} />
      <TextField
        label={t('schedule.welcomeMessage')}
        hint={t('schedule.welcomeMessage.hint')}
        multiline
        value={draft.welcomeMessage}
        error={errors.welcomeMessage}
        testId="schedule-welcome"
        onInput={(welcomeMessage) => onChange({ welcomeMessage })}
      />
      {gradable && (
        <>
          <ChoiceGroup
            legend={t('schedule.attendance.heading')}
            value={draft.attendanceKind}
            testId="schedule-attendance"
            options={[
              { value: 'present', label: t('schedule.attendance.present') },
              { value: 'minutes', label: t('schedule.attendance.minutes') },
            ]}
            onChange={(attendanceKind) => onChange({ attendanceKind })}
          />
          {draft.attendanceKind === 'minutes' && (
            <InputField
              label={t('schedule.attendance.minutesValue')}
              type="number"
              min={1}
              max={1440}
              value={draft.attendanceMinutes}
              error={errors['attendanceRule.minutes']}
              testId="schedule-attendance-minutes"
              onInput={(attendanceMinutes) => onChange({ attendanceMinutes })}
            />
          )}
        </>
      )}
    </section>
  );
}
