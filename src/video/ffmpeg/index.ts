/** ffmpeg for Amphi's video: probe, ladder, transcode. Imports nothing from the app. */
export { FfmpegError, FfmpegUnavailableError, runFfmpegProcess, parseProgressLine, readableReason, type FfmpegLogger, type RunOptions } from './ffmpeg-process.js';
export { MediaProbeError, probeMedia, type MediaProbe, type MediaProbeReason, type ProbeOptions } from './probe.js';
export { chooseLadder, LADDER, AUDIO_ONLY_KBPS, type Rendition } from './ladder.js';
export { transcodeMedia, MASTER, type TranscodeOptions, type TranscodeOutput } from './transcode.js';
export { X264_CRF, X264_PRESET, KEYFRAME_SECONDS, SEGMENT_SECONDS, avcCodecString, h264Level, h264Profile } from './h264.js';
export { videoPassArgs, audioPassArgs, downloadArgs } from './hls-args.js';
export { imagesArgs, planStoryboard, storyboardVtt } from './images.js';
