import type { AppContext } from '../../app-context.js';
import { getResourceWithCourse } from '../../content/resource-lookup.service.js';
import { recordStatements } from '../../lrs/lrs.service.js';
import { courseActivityId, resourceActivityId } from '../../lrs/traces/launch-trace.service.js';
import { ltiActor } from '../../lrs/xapi/lti-actor.js';
import { findViewer } from '../video.repository.js';
import { VIDEO_ACTIVITY_TYPE } from './video-profile.js';

const DOWNLOADED = { id: 'http://id.tincanapi.com/verb/downloaded', display: { 'en-US': 'downloaded', 'fr-FR': 'a téléchargé' } };

/**
 * A `downloaded` statement when a person starts downloading a video's MP4 (the dashboards'
 * downloads). The server writes it from the signed URL's grant, never from a page's report.
 * Never throws: a trace that cannot be written must not break the download.
 */
export async function recordDownloadTrace(ctx: AppContext, by: { platformId: string; userId: string; resourceId: string }): Promise<void> {
  try {
    const [platform, user, resource] = await Promise.all([
      ctx.platforms.findById(by.platformId),
      findViewer(ctx.db, by.platformId, by.userId),
      getResourceWithCourse(ctx.db, by.platformId, by.resourceId),
    ]);
    if (!platform || !user || !resource) return;
    const course = resource.course_title ?? resource.course_label;
    await recordStatements(ctx, by.platformId, [
      {
        actor: ltiActor({ issuer: platform.issuer, lrsIdentity: platform.lrs_identity }, user),
        verb: DOWNLOADED,
        object: { objectType: 'Activity', id: resourceActivityId(ctx.config.http.publicUrl, resource.id), definition: { type: VIDEO_ACTIVITY_TYPE } },
        context: {
          contextActivities: {
            parent: [{ objectType: 'Activity', id: courseActivityId(ctx.config.http.publicUrl, resource.context_id), definition: { type: 'http://adlnet.gov/expapi/activities/course', ...(course ? { name: { und: course } } : {}) } }],
          },
        },
      },
    ]);
  } catch (err) {
    ctx.logger.warn({ err, resourceId: by.resourceId }, 'download trace not recorded');
  }
}
