import { useId } from 'preact/hooks';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';
import type { Room } from './join-api.js';
import { dayOf, timeOf, viewerTimeZone } from './join-format.js';

/** The teacher's next sessions, in the viewer's time zone (said above the list). */
export function RoomUpcoming({ room }: { room: Room }) {
  const { t } = useI18n();
  const format = useFormatter();
  const headingId = useId();
  return (
    <section class="amphi-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('join.upcoming.heading')}</h3>
      {room.upcoming.length === 0 ? (
        <p>{t('join.closed.none')}</p>
      ) : (
        <>
          <p class="amphi-hint">{t('join.upcoming.zone', { zone: viewerTimeZone() })}</p>
          <ul class="amphi-join-upcoming">
            {room.upcoming.map((o) => (
              <li key={`${o.sessionId}-${o.start}`}>
                <time dateTime={o.start}>{dayOf(o.start, format)}</time>, {t('join.upcoming.range', { start: timeOf(o.start, format), end: timeOf(o.end, format) })}
                {o.title ? ` — ${o.title}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
