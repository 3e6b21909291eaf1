import { z } from 'zod';

/** The URL's token: `<meeting row id>.<hmac>` (callback-urls.ts); anything longer is not one of ours. */
const Params = z.object({ token: z.string().min(1).max(200) });

/** GET endCallbackUrl: BBB appends meetingID and recordingmarks (true|false). */
export const EndCallback = z.object({
  params: Params,
  query: z.looseObject({ meetingID: z.string().max(256).optional(), recordingmarks: z.string().max(10).optional() }),
});

/** GET ?signed_parameters=… or POST form signed_parameters=… (post_publish_recording_ready_callback.rb posts the form). */
export const RecordingReadyCallback = z.object({
  params: Params,
  query: z.looseObject({ signed_parameters: z.string().max(8192).optional() }),
  body: z.looseObject({ signed_parameters: z.string().max(8192).optional() }).catch({}),
});

/** POST JSON; the body is checked after the Bearer JWT (analytics-payload.ts), so an unsigned caller learns nothing of its shape. */
export const AnalyticsCallback = z.object({
  params: Params,
  body: z.unknown(),
});
