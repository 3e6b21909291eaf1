import type { ResourceResponse } from '../../api/api-types.js';
import { useApiData } from '../../api/useApiData.js';
import { getVideo } from '../../api/video-api.js';
import { useI18n } from '../../i18n/I18nContext.js';
import { ProcessingBadge } from './ProcessingBadge.js';

/**
 * On the learner-facing page, for a teacher who may edit the video (a read-only copy shows it
 * this way): the badge of the media being prepared, which students do not see. Nothing when
 * there is nothing in preparation.
 */
export function TeacherStatusNote({ resource }: { resource: ResourceResponse }) {
  const { t } = useI18n();
  const video = useApiData((client) => getVideo(client, resource.id), [resource.id]);
  if (!video.data?.processing) return null;
  return (
    <p class="amphi-video-preview-header" data-testid="teacher-video-status">
      <span>{t('videoEditor.teacherNote')}</span>
      <ProcessingBadge video={video.data} />
    </p>
  );
}
