import type { VideoResponse } from '../../api/api-types.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { useFormatter } from '../../i18n/useFormatter.js';

/**
 * Where the teacher's video stands, in a word: what students see (ready, nothing yet) and the
 * media being prepared (converting 40 %, failed). Learners never get `processing`.
 */
export function ProcessingBadge({ video }: { video: VideoResponse }) {
  const { t } = useI18n();
  const format = useFormatter();
  const p = video.processing;
  if (p) {
    const failed = p.status === 'failed';
    const percent = p.progress === null ? '' : ` ${format.percent(Math.min(1, Math.max(0, p.progress)))}`;
    return (
      <span class={`amphi-badge ${failed ? 'amphi-state-failed' : 'amphi-state-pending'}`} data-testid="video-badge" data-state={p.status}>
        {failed ? t('videoEditor.badge.failed') : p.status === 'uploaded' ? t('videoEditor.badge.queued') : `${t('videoEditor.badge.converting')}${percent}`}
      </span>
    );
  }
  const ready = video.status === 'ready';
  return (
    <span class={`amphi-badge ${ready ? 'amphi-state-sent' : ''}`} data-testid="video-badge" data-state={video.status}>
      {t(`videoEditor.badge.${video.status}`)}
    </span>
  );
}
