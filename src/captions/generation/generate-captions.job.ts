import type { JobHandler } from '../../jobs/job-registry.js';
import { runGeneration } from './caption-generation.service.js';

/**
 * The 'generate-captions' job: the payload names the request (caption_generations row); the
 * service reloads it and the media, returns when either is gone, and marks it failed with a reason
 * the teacher can read (no sound, no speech, engine failure) instead of retrying what cannot pass.
 */
export const generateCaptionsJob: JobHandler<'generate-captions'> = async (ctx, payload, run) => {
  await runGeneration(ctx, payload.generationId, run);
};
