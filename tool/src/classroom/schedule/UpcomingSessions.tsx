import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';
import type { ClassroomResponse, OccurrenceView } from './classroom-api.js';

/** The next sessions as instants shown in the viewer's own time zone and language. */
export function UpcomingSessions({ schedule }: { schedule: ClassroomResponse['schedule'] }) {
  const { t } = useI18n();
  const format = useFormatter();
  const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  // The shared formatter's variant of the language (en-GB: Monday 7 December 2026), with the weekday a schedule needs.
  const day = new Intl.DateTimeFormat(format.tag, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' });
  const time = (iso: string) => format.time(iso);
  const currentId = schedule.current ? key(schedule.current) : null;
  return (
    <section class="amphi-card" aria-labelledby="amphi-upcoming-heading" data-testid="schedule-upcoming">
      <h3 id="amphi-upcoming-heading">{t('schedule.upcoming.heading')}</h3>
      {!schedule.scheduled ? (
        <p>{t('schedule.upcoming.always')}</p>
      ) : schedule.upcoming.length === 0 ? (
        <p>{t('schedule.upcoming.none')}</p>
      ) : (
        <>
          <p class="amphi-hint">{t('schedule.upcoming.zone', { zone })}</p>
          <ol class="amphi-upcoming">
            {schedule.upcoming.map((o) => (
              <li key={key(o)} data-testid="schedule-upcoming-item" data-start={o.start}>
                <time dateTime={o.start}>{day.format(new Date(o.start))}</time>
                {', '}
                {t('schedule.upcoming.range', { start: time(o.start), end: time(o.end) })}
                {o.title ? ` — ${o.title}` : ''}
                <span class="amphi-hint">
                  {' '}
                  ({key(o) === currentId ? t('schedule.upcoming.open') : t('schedule.upcoming.opensAt', { time: time(o.opensAt) })})
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </section>
  );
}

function key(o: OccurrenceView): string {
  return `${o.sessionId}@${o.start}`;
}
