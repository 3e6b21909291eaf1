import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';
import type { Room } from './join-api.js';
import { dayOf, timeOf } from './join-format.js';

/** One sentence on when the classroom can be joined, in the viewer's time zone. */
export function SessionLine({ room }: { room: Room }) {
  const { t } = useI18n();
  const format = useFormatter();
  let text: string;
  if (!room.scheduled) text = t('join.session.always');
  else if (room.current) text = t('join.session.now', { end: timeOf(room.current.end, format) });
  else if (room.next && !room.open) text = t('join.closed.next', { day: dayOf(room.next.opensAt, format), time: timeOf(room.next.opensAt, format) });
  else if (room.next) text = t('join.session.next', { day: dayOf(room.next.start, format), time: timeOf(room.next.start, format) });
  else text = t('join.closed.none');
  return (
    <p class={room.open ? 'amphi-join-session' : 'amphi-join-session amphi-join-closed'} data-testid="join-session" data-open={String(room.open)}>
      {text}
    </p>
  );
}
