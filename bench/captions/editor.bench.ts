/**
 * The subtitle editor on a lecture-size track (issue 16): how long it takes to open, and to show
 * an edit, in headless Chromium.
 *
 *   npm run bench:captions-editor -- [--cues 1500] [--runs 20] [--write]
 *
 * Setup, through Amphi's own API as a teacher would: a test Amphi (test/support/test-app.ts, PGlite
 * in memory) and a test LMS; an audio-only lecture (`--cues` × 3.2 s of tone, AAC) uploaded and
 * converted by the real pipeline; a generated WebVTT of `--cues` cues (French text, accents, one
 * or two lines, about one cue in ten over the reading limits) imported. Then Debian's Chromium
 * opens the teacher's page in the LMS iframe (a real LTI launch), and measures, `--runs` times
 * after 2 unmeasured runs, inside the page (performance.now(), until the frame after the change):
 * - open: the click on Edit → the cue list rendered with its first text field (GET of the track's
 *   cues, checkCues over all of them, the first rows drawn);
 * - keystroke: the key pressed in a cue's text → its row shows the warning it now deserves, or no
 *   longer shows it (one character crosses the 42-character line limit, Backspace brings it back);
 * - split: Alt+Shift+Enter in a cue → the list counts one more cue and the second half has focus;
 *   undo: Ctrl+Z → one cue fewer.
 * Autosave (1.5 s after the last change) runs meanwhile, as it does for the teacher.
 * --write replaces the "Captions — editor" section of bench/RESULTS.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { Frame, Page } from 'playwright-core';
import { launchChromium } from '../../test/browser/chromium.js';
import { openCoursePage } from '../../test/browser/lms-browser.js';
import { createResource, launchPerson } from '../../test/support/factories.js';
import { generateClip } from '../../test/support/media-fixtures.js';
import { startTestApp } from '../../test/support/test-app.js';
import { ROLE, TestPlatform, type LaunchSpec } from '../../test/support/test-platform.js';
import { uploadVideo, waitForVideo } from '../../test/support/video-client.js';
import { describeMachine, machineLine, percentiles } from '../support/report.js';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const log = (line: string) => process.stderr.write(`[bench] ${line}\n`);
const { values: args } = parseArgs({
  options: {
    cues: { type: 'string', default: '1500' },
    runs: { type: 'string', default: '20' },
    write: { type: 'boolean', default: false },
  },
});
const CUES = Number(args.cues);
const RUNS = Number(args.runs);
const WARMUP = 2;
const STEP = 3.2;

const SENTENCES = [
  'Bonjour à toutes et à tous, on reprend.',
  'La cellule se divise en deux cellules filles',
  'qui reçoivent chacune le même génome.',
  'Première étape : la prophase.',
  'Les chromosomes se condensent et deviennent visibles au microscope optique.',
  'Ensuite, la métaphase.',
  'Vous voyez l’alignement\nsur la plaque équatoriale ?',
  'C’est très important pour l’examen.',
  'Notez bien ce schéma.',
  'On passe à l’anaphase.',
];

/** `n` cues every STEP seconds, each on screen 3 s. */
function lectureVtt(n: number): string {
  const time = (s: number) => {
    const ms = Math.round(s * 1000);
    const pad = (v: number, w = 2) => String(v).padStart(w, '0');
    return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
  };
  const blocks = Array.from({ length: n }, (_, i) => `${time(i * STEP)} --> ${time(i * STEP + 3)}\n${SENTENCES[i % SENTENCES.length]}`);
  return `WEBVTT\n\n${blocks.join('\n\n')}\n`;
}

interface Figure {
  p50: number;
  p95: number;
  max: number;
  n: number;
}
const figure = (values: number[]): Figure => {
  const p = percentiles(values);
  return { p50: p.p50, p95: p.p95, max: p.max, n: values.length };
};

async function main(): Promise<void> {
  const started = performance.now();
  const [app, platform] = await Promise.all([startTestApp(), TestPlatform.start()]);
  const browser = await launchChromium();
  try {
    await app.register(platform);
    const context = { id: 'bench-captions', title: 'Biologie cellulaire', label: 'BIO-B' };
    const teacherSpec = { sub: 'bench-teacher', name: 'Camille Bench', roles: [ROLE.instructor], context };
    const teacher = await launchPerson(app.ctx.db, platform, app.url, teacherSpec);
    const resource = await createResource(app.ctx.db, { platform_id: teacher.platformId, context_id: teacher.contextId, created_by: teacher.userId, title: 'Cours magistral' });

    const seconds = Math.ceil(CUES * STEP) + 5;
    log(`a ${Math.round(seconds / 60)}-minute audio lecture: generating, uploading, converting…`);
    const audio = await generateClip({ container: 'm4a', seconds });
    const up = await uploadVideo(app.url, teacher.token, resource.id, audio, { fileType: 'audio/mp4', chunkSize: 8 * 1024 * 1024 });
    if (up.status !== 204) throw new Error(`upload refused: ${up.status} ${JSON.stringify(up.body)}`);
    await waitForVideo(app.url, teacher.token, resource.id, (v) => v.status === 'ready' && v.processing === null, 20 * 60_000);

    const imported = await fetch(`${app.url}/api/videos/${resource.id}/captions/import?lang=fr&kind=subtitles&fileName=cours.vtt`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${teacher.token}`, 'Content-Type': 'application/octet-stream' },
      body: lectureVtt(CUES),
    });
    const answer = (await imported.json()) as { track: { id: string; cueCount: number; warningCount: number } };
    if (imported.status !== 201 || answer.track.cueCount !== CUES) throw new Error(`import: ${imported.status} ${JSON.stringify(answer).slice(0, 300)}`);
    const trackId = answer.track.id;
    log(`track of ${answer.track.cueCount} cues (${answer.track.warningCount} with warnings) ready after ${((performance.now() - started) / 1000).toFixed(0)} s`);

    const page = await (await browser.newContext({ locale: 'fr-FR', viewport: { width: 1280, height: 1000 } })).newPage();
    const spec: LaunchSpec = { ...teacherSpec, locale: 'fr-FR', resourceLink: { id: 'rl-bench', title: 'Cours' }, custom: { amphi_resource_id: resource.id } };
    const frame = await openCoursePage(page, platform.prepareLaunch(app.url, spec, { loginMethod: 'POST' }));
    await frame.getByTestId('captions-panel').waitFor({ timeout: 30_000 });

    const open = await measureOpen(frame, trackId);
    const edits = await measureEdits(page, frame);
    const result = {
      date: new Date().toISOString().slice(0, 10),
      command: `npm run bench:captions-editor -- --cues ${CUES} --runs ${RUNS}`,
      machine: machineLine(describeMachine()),
      chromium: browser.version(),
      cues: CUES,
      warnings: answer.track.warningCount,
      ...open,
      ...edits,
    };
    process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
    if (args.write) writeSection(render(result));
  } finally {
    await browser.close();
    await app.close();
    await platform.close();
  }
}

/**
 * Arms a measure in the frame: `start` stamps t0 (a keydown by default) and `done` is a JS
 * condition. Two times come back: `dom`, when a DOM change first makes it hold (a
 * MutationObserver: the script's work, rendering included), and `frame`, the next animation
 * frame after it holds (what the person sees, frame-aligned: up to two frames more).
 */
async function arm(frame: Frame, done: string, start = `window.addEventListener('keydown', () => { t0 = performance.now(); }, { capture: true, once: true });`): Promise<void> {
  await frame.evaluate(`(() => {
    let t0 = null;
    let dom = null;
    ${start}
    const observer = new MutationObserver(() => {
      if (t0 !== null && dom === null && (${done})) dom = performance.now() - t0;
    });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    window.__benchResult = new Promise((resolve) => {
      const check = () => {
        if (t0 !== null && (${done})) requestAnimationFrame(() => {
          observer.disconnect();
          resolve({ dom: dom ?? performance.now() - t0, frame: performance.now() - t0 });
        });
        else requestAnimationFrame(check);
      };
      requestAnimationFrame(check);
    });
  })()`);
}
const result = async (frame: Frame): Promise<{ dom: number; frame: number }> => (await frame.evaluate('window.__benchResult')) as { dom: number; frame: number };

async function measureOpen(frame: Frame, trackId: string) {
  const times: number[] = [];
  const doms: number[] = [];
  let rows = 0;
  let nodes = 0;
  let heapMiB = 0;
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const click = `t0 = performance.now(); document.querySelector('[data-track-id="${trackId}"] [data-testid="captions-track-edit"]').click();`;
    await arm(frame, `document.querySelector('[data-testid="cue-list"][data-count="${CUES}"] [data-testid="cue-text"]')`, click);
    const ms = await result(frame);
    if (i >= WARMUP) {
      times.push(ms.frame);
      doms.push(ms.dom);
    }
    rows = Number(await frame.evaluate(`document.querySelectorAll('[data-testid="cue-row"]').length`));
    nodes = Number(await frame.evaluate(`document.getElementsByTagName('*').length`));
    heapMiB = Number(await frame.evaluate(`(performance.memory ? performance.memory.usedJSHeapSize : 0) / 1048576`));
    if (i === WARMUP + RUNS - 1) break;
    await frame.getByTestId('caption-editor-close').click();
    await frame.locator(`[data-track-id="${trackId}"] [data-testid="captions-track-edit"]`).waitFor();
  }
  log(`open: p50 ${percentiles(times).p50.toFixed(0)} ms (DOM ${percentiles(doms).p50.toFixed(0)} ms) (${rows} rows in the page, ${nodes} elements)`);
  return { open: figure(times), openDom: figure(doms), renderedRows: rows, elements: nodes, heapMiB };
}

async function measureEdits(page: Page, frame: Frame) {
  // The middle of the lecture: the list scrolled to its half, the first row shown there.
  await frame.evaluate(`(() => { const s = document.querySelector('[data-testid="cue-scroll"]'); s.scrollTop = s.scrollHeight / 2; })()`);
  await page.waitForTimeout(200);
  const index = Number(
    await frame.evaluate(`(() => {
      const s = document.querySelector('[data-testid="cue-scroll"]').getBoundingClientRect();
      const row = [...document.querySelectorAll('[data-testid="cue-row"]')].find((r) => r.getBoundingClientRect().top >= s.top);
      return row.dataset.index;
    })()`),
  );
  const row = frame.locator(`[data-testid="cue-row"][data-index="${index}"]`);
  const text = row.getByTestId('cue-text');
  const limit = 'Une ligne de quarante-deux caractères pile';
  await text.fill(limit);
  await text.press('End');
  const warned = `document.querySelector('[data-testid="cue-row"][data-index="${index}"] [data-code="line-too-long"]')`;
  const keystrokes: number[] = [];
  const keystrokeDoms: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    await arm(frame, `${warned} !== null`);
    await page.keyboard.press('x');
    const add = await result(frame);
    await arm(frame, `${warned} === null`);
    await page.keyboard.press('Backspace');
    const remove = await result(frame);
    if (i >= WARMUP) {
      keystrokes.push(add.frame, remove.frame);
      keystrokeDoms.push(add.dom, remove.dom);
    }
  }
  log(`keystroke: p50 ${percentiles(keystrokes).p50.toFixed(1)} ms (DOM ${percentiles(keystrokeDoms).p50.toFixed(1)} ms)`);

  const count = (n: number) => `document.querySelector('[data-testid="cue-list"][data-count="${n}"]')`;
  const splits: number[] = [];
  const splitDoms: number[] = [];
  const undos: number[] = [];
  const undoDoms: number[] = [];
  for (let i = 0; i < WARMUP + RUNS; i++) {
    await text.focus();
    await text.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(14, 14));
    await arm(frame, `${count(CUES + 1)} && document.activeElement && document.activeElement.selectionStart === 0 && document.activeElement.closest('[data-index="${index + 1}"]')`);
    await page.keyboard.press('Alt+Shift+Enter');
    const split = await result(frame);
    await arm(frame, `${count(CUES)} !== null`);
    await page.keyboard.press('ControlOrMeta+z');
    const undo = await result(frame);
    if (i >= WARMUP) {
      splits.push(split.frame);
      splitDoms.push(split.dom);
      undos.push(undo.frame);
      undoDoms.push(undo.dom);
    }
  }
  log(`split: p50 ${percentiles(splits).p50.toFixed(1)} ms (DOM ${percentiles(splitDoms).p50.toFixed(1)}), undo: p50 ${percentiles(undos).p50.toFixed(1)} ms (DOM ${percentiles(undoDoms).p50.toFixed(1)})`);
  return {
    keystroke: figure(keystrokes),
    keystrokeDom: figure(keystrokeDoms),
    split: figure(splits),
    splitDom: figure(splitDoms),
    undo: figure(undos),
    undoDom: figure(undoDoms),
  };
}

type Result = Awaited<ReturnType<typeof measureOpen>> &
  Awaited<ReturnType<typeof measureEdits>> & { date: string; command: string; machine: string; chromium: string; cues: number; warnings: number };

function render(r: Result): string {
  const ms = (x: number) => (x < 10 ? x.toFixed(1) : x.toFixed(0));
  const row = (what: string, f: Figure, dom: Figure, aim: string) =>
    `| ${what} | ${ms(dom.p50)} / ${ms(dom.p95)} ms | ${ms(f.p50)} ms | **${ms(f.p95)} ms** | ${ms(f.max)} ms | ${f.n} | ${aim} |`;
  return [
    '<!-- captions-editor-bench:begin (generated by bench/captions/editor.bench.ts; edit outside these markers) -->',
    `Run: ${r.date}, \`${r.command}\`. Machine: ${r.machine}; headless Chromium ${r.chromium}.`,
    '',
    `A ${r.cues.toLocaleString('en')}-cue French track (${r.warnings} cues over the reading limits) on an audio lecture of ${Math.round((r.cues * STEP) / 60)} minutes, in the teacher's page inside the LMS iframe. Times measured in the page from the click or the key: *in the DOM* when the change is there (script and rendering work), *on screen* at the next animation frame after it (frame-aligned, so up to two 16.7 ms frames more).`,
    '',
    '| figure | in the DOM, p50 / p95 | on screen: p50 | p95 | max | samples | aim (on screen) |',
    '|---|---|---|---|---|---|---|',
    row('open: click on Edit → cue list rendered and typable (GET of the cues, checkCues, first rows)', r.open, r.openDom, '< 1 s'),
    row('keystroke in a cue → its row and its warning updated', r.keystroke, r.keystrokeDom, '< 50 ms'),
    row('split at the caret (Alt+Shift+Enter) → one more cue, focus on the second half', r.split, r.splitDom, '< 100 ms'),
    row('undo (Ctrl+Z) → the split undone', r.undo, r.undoDom, '< 100 ms'),
    '',
    `Windowing: ${r.renderedRows} of the ${r.cues.toLocaleString('en')} rows are in the page once open (${r.elements} elements in the document); JS heap after opening: ${r.heapMiB.toFixed(0)} MiB.`,
    '<!-- captions-editor-bench:end -->',
  ].join('\n');
}

function writeSection(section: string): void {
  const file = path.join(REPO, 'bench/RESULTS.md');
  const text = fs.readFileSync(file, 'utf8');
  const begin = text.indexOf('<!-- captions-editor-bench:begin');
  const endMarker = '<!-- captions-editor-bench:end -->';
  const end = text.indexOf(endMarker);
  const next =
    begin >= 0 && end > begin ? text.slice(0, begin) + section + text.slice(end + endMarker.length) : `${text.trimEnd()}\n\n## Captions — editor (issue 16)\n\n${section}\n`;
  fs.writeFileSync(file, next);
  log('bench/RESULTS.md updated');
}

await main();
