import { createReadStream, statSync } from 'node:fs';
import type http from 'node:http';
import type { FakeRecording, FakeState } from './fake-bbb-state.js';

/**
 * Published recording files where nginx serves them on a BBB server (only while published: an
 * unpublished recording is moved out of /var/bigbluebutton/published):
 * - video format: /playback/video/<recordID>/ (its index.html), …/video-0.m4v (the MP4),
 *   …/captions.json ([{locale, localeName}]) and …/caption_<locale>.vtt;
 * - presentation format: /playback/presentation/2.3/<recordID> (the player), and its captions at
 *   /presentation/<recordID>/captions.json and …/caption_<locale>.vtt.
 */
export function servePlayback(state: FakeState, url: URL, res: http.ServerResponse): boolean {
  const video = /^\/playback\/video\/([^/]+)\/(.*)$/.exec(url.pathname);
  const presentation = /^\/presentation\/([^/]+)\/(captions\.json|caption_[^/]+\.vtt)$/.exec(url.pathname);
  const player = /^\/playback\/presentation\/2\.3\/([^/]+)$/.exec(url.pathname);
  const match = video ?? presentation ?? player;
  if (!match) return false;
  const r = state.recordings.get(match[1]!);
  const format = video ? 'video' : 'presentation';
  if (!r || r.state !== 'published' || !r.formats.includes(format)) return false;
  if (player) return html(res, `<!DOCTYPE html><html><head><title>${escape(r.name)}</title></head><body>presentation playback</body></html>`);
  const file = match[2]!;
  if (video && file === '') {
    const tracks = r.captions.map((c) => `<track kind="captions" srclang="${escape(c.locale)}" label="${escape(c.label)}" src="caption_${escape(c.locale)}.vtt">`).join('');
    return html(res, `<!DOCTYPE html><html><head><title>${escape(r.name)}</title></head><body><video controls><source src="video-0.m4v" type="video/mp4">${tracks}</video></body></html>`);
  }
  if (video && file === 'video-0.m4v') return sendVideo(r, res);
  if (file === 'captions.json') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(r.captions.map((c) => ({ locale: c.locale, localeName: c.label }))));
    return true;
  }
  const caption = /^caption_(.+)\.vtt$/.exec(file);
  const track = caption && r.captions.find((c) => c.locale === caption[1]);
  if (!track) return false;
  res.writeHead(200, { 'content-type': 'text/vtt;charset=utf-8' }).end(track.vtt);
  return true;
}

function sendVideo(r: FakeRecording, res: http.ServerResponse): boolean {
  if (!r.videoFile) return false;
  const size = statSync(r.videoFile).size;
  res.writeHead(200, { 'content-type': 'video/mp4', 'content-length': size, 'accept-ranges': 'none' });
  createReadStream(r.videoFile).pipe(res);
  return true;
}

function html(res: http.ServerResponse, body: string): boolean {
  res.writeHead(200, { 'content-type': 'text/html;charset=utf-8' }).end(body);
  return true;
}

function escape(value: string): string {
  return value.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);
}
