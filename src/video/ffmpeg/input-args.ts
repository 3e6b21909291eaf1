/**
 * What ffmpeg and ffprobe may open when they read an input. Every `-i` (and ffprobe's file) gets
 * these options: a file uploaded by a teacher or downloaded from a BigBlueButton server is
 * recognised by its content, and some formats are lists of other things to open (an HLS playlist,
 * a DASH manifest, an SDP description, an ffconcat list). Opened as such, they would make ffmpeg
 * request URLs inside the network or read other files of the server (another platform's videos)
 * before any check of ours, and a refusal that depends on what was there tells the uploader.
 * So: local files only, and only self-contained containers, refused before their header is read.
 */

/** ffprobe `format_name` parts of self-contained video and audio containers (ffmpeg's demuxer names). */
export const MEDIA_CONTAINERS: ReadonlySet<string> = new Set([
  'mov', 'mp4', 'm4a', '3gp', '3g2', 'mj2', 'matroska', 'webm', 'avi', 'mpegts', 'mpeg', 'mpegvideo', 'ogg', 'flv', 'asf', 'mxf', 'dv',
  'wav', 'w64', 'aiff', 'caf', 'mp3', 'flac', 'aac', 'ac3', 'eac3', 'amr', 'wv', 'ape', 'h264', 'hevc', 'm4v', 'nut',
]);

/** Single pictures the probe still recognises, so a teacher hears "a still image" rather than "unreadable". */
const STILL_IMAGE_DEMUXERS = ['png_pipe', 'jpeg_pipe', 'webp_pipe', 'gif_pipe', 'bmp_pipe', 'tiff_pipe'];

/** ffmpeg matches a demuxer when any of its comma-separated names is in the list. */
const inputArgs = (demuxers: Iterable<string>): string[] => ['-protocol_whitelist', 'file', '-format_whitelist', [...demuxers].join(',')];

/** Before ffprobe's file: media containers and still images (refused afterwards, with a reason). */
export function probeInputArgs(): string[] {
  return inputArgs([...MEDIA_CONTAINERS, ...STILL_IMAGE_DEMUXERS]);
}

/** Before each `-i` of a source file the probe accepted. */
export function sourceInputArgs(): string[] {
  return inputArgs(MEDIA_CONTAINERS);
}

/** Before the `-i` of a playlist ffmpeg wrote itself (HLS over fMP4 segments, in the output folder). */
export function ownPlaylistInputArgs(): string[] {
  return inputArgs(['hls', 'mov']);
}
