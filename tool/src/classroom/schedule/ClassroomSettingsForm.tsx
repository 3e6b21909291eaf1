import { useLayoutEffect, useRef, useState } from 'preact/hooks';
import { toApiError, type ApiError } from '../../api/api-client.js';
import { useApi } from '../../api/ApiContext.js';
import { ApiErrorAlert } from '../../components/ApiErrorAlert.js';
import { ErrorAlert } from '../../components/ErrorAlert.js';
import type { FieldMessage } from '../../components/FieldError.js';
import { StatusMessage } from '../../components/StatusMessage.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';
import { updateClassroom, type ClassroomResponse } from './classroom-api.js';
import { InputField } from './InputField.js';
import { RoomRulesFields } from './RoomRulesFields.js';
import { classroomServerErrors, draftFromClassroom, emptySession, toClassroomUpdate, validateClassroom, type ClassroomDraft, type ClassroomErrors, type SessionDraft } from './schedule-draft.js';
import { SessionEditor } from './SessionEditor.js';

/** Every IANA zone the browser knows, the classroom's own first if the list lacks it. */
function timeZones(current: string): string[] {
  const all = typeof Intl.supportedValuesOf === 'function' ? Intl.supportedValuesOf('timeZone') : [];
  return all.includes(current) ? all : [current, ...all];
}

/** Sessions, time zone and room rules, saved together with PATCH /api/classrooms/:id. */
export function ClassroomSettingsForm({ classroom, gradable, onSaved }: { classroom: ClassroomResponse; gradable: boolean; onSaved: (c: ClassroomResponse) => void }) {
  const { t } = useI18n();
  const format = useFormatter();
  const client = useApi();
  const [draft, setDraft] = useState<ClassroomDraft>(() => draftFromClassroom(classroom));
  const [errors, setErrors] = useState<ClassroomErrors>({});
  const [other, setOther] = useState<FieldMessage[]>([]);
  const [failure, setFailure] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [news, setNews] = useState('');
  const formRef = useRef<HTMLFormElement>(null);
  const focusInvalid = useRef(false);

  useLayoutEffect(() => {
    if (!focusInvalid.current) return;
    focusInvalid.current = false;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
  }, [errors]);

  const change = (patch: Partial<ClassroomDraft>) => {
    setNews('');
    setDraft((d) => ({ ...d, ...patch }));
  };
  const changeSession = (index: number, patch: Partial<SessionDraft>) => change({ sessions: draft.sessions.map((s, i) => (i === index ? { ...s, ...patch } : s)) });
  const show = (fields: ClassroomErrors, rest: FieldMessage[]) => {
    focusInvalid.current = Object.keys(fields).length > 0;
    setErrors(fields);
    setOther(rest);
  };
  const addSession = (kind: 'once' | 'weekly') => {
    change({ sessions: [...draft.sessions, emptySession(kind)] });
    // Focus the new session's first field once it is drawn.
    requestAnimationFrame(() => formRef.current?.querySelector<HTMLElement>(`[data-testid="schedule-session-${draft.sessions.length}-title"]`)?.focus());
  };

  async function submit() {
    setFailure(null);
    const local = validateClassroom(draft, t, gradable);
    show(local, []);
    if (Object.keys(local).length) return;
    setBusy(true);
    try {
      const updated = await updateClassroom(client, classroom.id, toClassroomUpdate(draft));
      setDraft(draftFromClassroom(updated));
      setNews(t('schedule.saved'));
      onSaved(updated);
    } catch (err) {
      const error = toApiError(err);
      if (!error.issues.length) return setFailure(error);
      const mapped = classroomServerErrors(error, t, format);
      show(mapped.fields, mapped.other);
    } finally {
      setBusy(false);
    }
  }

  const problems = [...Object.values(errors), ...other];
  return (
    <form
      class="amphi-form amphi-card amphi-classroom-settings"
      ref={formRef}
      noValidate
      aria-labelledby="amphi-sessions-heading"
      data-testid="schedule-form"
      onSubmit={(event) => {
        event.preventDefault();
        if (!busy) void submit();
      }}
    >
      <section class="amphi-stack" aria-labelledby="amphi-sessions-heading">
        <h3 id="amphi-sessions-heading">{t('schedule.sessions.heading')}</h3>
        <p class="amphi-hint">{t('schedule.sessions.hint')}</p>
        {draft.sessions.length === 0 && <p data-testid="schedule-sessions-empty">{t('schedule.sessions.empty')}</p>}
        {draft.sessions.map((session, index) => (
          <SessionEditor
            key={session.id}
            session={session}
            index={index}
            errors={errors}
            onChange={(patch) => changeSession(index, patch)}
            onRemove={() => {
              change({ sessions: draft.sessions.filter((_, i) => i !== index) });
              setNews(t('schedule.session.removed'));
            }}
          />
        ))}
        <div class="amphi-actions">
          <button type="button" class="amphi-button amphi-button-secondary" data-testid="schedule-add-once" onClick={() => addSession('once')}>
            {t('schedule.sessions.addOnce')}
          </button>
          <button type="button" class="amphi-button amphi-button-secondary" data-testid="schedule-add-weekly" onClick={() => addSession('weekly')}>
            {t('schedule.sessions.addWeekly')}
          </button>
        </div>
        <InputField
          label={t('schedule.timeZone')}
          hint={t('schedule.timeZone.hint')}
          type="text"
          value={draft.timeZone}
          error={errors.timeZone}
          testId="schedule-time-zone"
          options={timeZones(draft.timeZone).map((z) => ({ value: z, label: z.replace(/_/g, ' ') }))}
          onInput={(timeZone) => change({ timeZone })}
        />
      </section>
      <RoomRulesFields draft={draft} errors={errors} gradable={gradable} onChange={change} />
      {problems.length > 0 && (
        <ErrorAlert message={t('schedule.invalid')} notes={problems.map((p, i) => ({ label: `${i + 1}.`, text: p.text, lang: p.lang }))} />
      )}
      {failure && <ApiErrorAlert error={failure} />}
      <div class="amphi-actions">
        <button type="submit" class="amphi-button" data-testid="schedule-save" aria-disabled={busy}>
          {busy ? t('schedule.saving') : t('schedule.save')}
        </button>
      </div>
      <StatusMessage text={news} testId="schedule-status" />
    </form>
  );
}
