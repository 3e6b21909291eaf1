#!/usr/bin/env node
/**
 * Packs each Moodle plugin of moodle-plugin/ into an installable zip under dist/moodle/:
 * local_amphi.zip, filter_amphi.zip, tiny_amphi.zip, atto_amphi.zip.
 *
 * Moodle's plugin installer (Site administration > Plugins > Install plugins) wants a zip holding a
 * single folder named after the plugin, not the component: `amphi/version.php`, whatever the type.
 * It reads the component from version.php and the type tells it where the folder goes
 * (local/amphi, filter/amphi, lib/editor/tiny/plugins/amphi, lib/editor/atto/plugins/amphi).
 *
 * The JavaScript is rebuilt first (scripts/moodle-build.mjs), so a zip never carries stale
 * amd/build or yui/build files. Entries are sorted and dated SOURCE_DATE_EPOCH (or 2026-01-01), so
 * the same sources give the same zips.
 *
 * Usage: node scripts/moodle-package.mjs
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import yazl from 'yazl';
import { buildMoodlePlugins, listPlugins, readComponent } from './moodle-build.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const OUT_DIR = path.join(ROOT, 'dist', 'moodle');
const MTIME = new Date(Number(process.env.SOURCE_DATE_EPOCH ?? Date.UTC(2026, 0, 1) / 1000) * 1000);

/** Files and folders never shipped: editor and OS litter. */
function isShipped(name) {
  return !name.startsWith('.') && name !== 'node_modules' && name !== 'Thumbs.db' && !name.endsWith('~');
}

function listTree(dir, prefix = '') {
  const entries = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (!isShipped(entry.name)) continue;
    const relative = `${prefix}${entry.name}`;
    if (entry.isDirectory()) {
      entries.push({ relative: `${relative}/`, directory: true });
      entries.push(...listTree(path.join(dir, entry.name), `${relative}/`));
    } else if (entry.isFile()) {
      entries.push({ relative, directory: false, full: path.join(dir, entry.name) });
    }
  }
  return entries;
}

/** Checks what Moodle's installer checks first: a version.php naming this component, with the fields it needs. */
function checkVersionFile(pluginDir, component) {
  const text = fs.readFileSync(path.join(pluginDir, 'version.php'), 'utf8');
  for (const field of ['version', 'requires', 'component']) {
    if (!new RegExp(`\\$plugin->${field}\\s*=`).test(text)) throw new Error(`${component}: version.php has no $plugin->${field}`);
  }
}

function writeZip(pluginDir, component, zipFile) {
  const rootName = component.slice(component.indexOf('_') + 1);
  const zip = new yazl.ZipFile();
  zip.addEmptyDirectory(`${rootName}/`, { mtime: MTIME, mode: 0o40755 });
  for (const entry of listTree(pluginDir)) {
    const name = `${rootName}/${entry.relative}`;
    if (entry.directory) zip.addEmptyDirectory(name, { mtime: MTIME, mode: 0o40755 });
    else zip.addBuffer(fs.readFileSync(entry.full), name, { mtime: MTIME, mode: 0o100644 });
  }
  zip.end();
  return new Promise((resolve, reject) => {
    const out = fs.createWriteStream(zipFile);
    zip.outputStream.on('error', reject).pipe(out).on('error', reject).on('close', resolve);
  });
}

export async function packageMoodlePlugins() {
  await buildMoodlePlugins();
  fs.mkdirSync(OUT_DIR, { recursive: true });
  const written = [];
  for (const pluginDir of listPlugins()) {
    const component = readComponent(pluginDir);
    if (path.basename(pluginDir) !== component) throw new Error(`${pluginDir}: folder and component (${component}) differ`);
    checkVersionFile(pluginDir, component);
    const zipFile = path.join(OUT_DIR, `${component}.zip`);
    await writeZip(pluginDir, component, zipFile);
    written.push(zipFile);
  }
  return written;
}

packageMoodlePlugins().then(
  (written) => console.log(written.map((file) => path.relative(ROOT, file)).join('\n')),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
