import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, it } from 'node:test';
import { ROOT } from '../support/processes.js';

const run = promisify(execFile);

/** The central directory's entry names of a zip (they are stored uncompressed: PKZIP APPNOTE §4.3.12). */
function zipEntryNames(file: string): string[] {
  const zip = fs.readFileSync(file);
  const names: string[] = [];
  for (let at = zip.indexOf('PK\u0001\u0002'); at >= 0; at = zip.indexOf('PK\u0001\u0002', at + 46)) {
    const nameLength = zip.readUInt16LE(at + 28);
    names.push(zip.subarray(at + 46, at + 46 + nameLength).toString('utf8'));
  }
  return names;
}

describe('npm run moodle:package', () => {
  it('writes one installable zip per plugin: a single folder named after the plugin, with its version.php and language files', async () => {
    const { stdout } = await run(process.execPath, [path.join(ROOT, 'scripts/moodle-package.mjs')], { cwd: ROOT });
    const zips = stdout.trim().split('\n').sort();
    assert.deepEqual(zips, ['dist/moodle/atto_amphi.zip', 'dist/moodle/filter_amphi.zip', 'dist/moodle/local_amphi.zip', 'dist/moodle/tiny_amphi.zip']);
    for (const zip of zips) {
      const component = path.basename(zip, '.zip');
      const names = zipEntryNames(path.join(ROOT, zip));
      assert.ok(names.every((n) => n.startsWith('amphi/')), `${zip}: everything under amphi/ (${names.filter((n) => !n.startsWith('amphi/'))})`);
      for (const needed of ['amphi/version.php', `amphi/lang/en/${component}.php`, `amphi/lang/fr/${component}.php`]) assert.ok(names.includes(needed), `${zip} has ${needed}`);
      const sources = fs.readdirSync(path.join(ROOT, 'moodle-plugin', component), { recursive: true }).length;
      assert.ok(names.length >= sources, `${zip}: every file of moodle-plugin/${component} (${names.length} entries for ${sources})`);
    }
    assert.ok(zipEntryNames(path.join(ROOT, 'dist/moodle/tiny_amphi.zip')).includes('amphi/amd/build/plugin.min.js'), 'the built AMD modules Moodle loads');
  });
});
