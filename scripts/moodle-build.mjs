#!/usr/bin/env node
/**
 * Builds the JavaScript of the Moodle plugins in moodle-plugin/ into the files Moodle loads:
 *
 * - amd/src/*.js → amd/build/*.min.js (+ .map). Moodle only serves amd/build, as named AMD modules
 *   (`define("tiny_amphi/plugin", [...], …)`), and a module whose only export is `export default`
 *   returns that value itself rather than `{default: …}`: editor_tiny awaits what tiny_amphi/plugin
 *   returns, so this matters. Moodle's own Grunt build does the same with Babel and terser; this is
 *   that pipeline without Grunt (Moodle's build only runs inside a Moodle checkout).
 * - yui/src/<module>/ → yui/build/moodle-<component>-<module>/moodle-<component>-<module>{,-debug,-min}.js,
 *   the three files Moodle's YUI loader picks from (Atto plugins), wrapped in YUI.add() as Shifter does.
 *
 * Usage: node scripts/moodle-build.mjs [--check]
 *   --check  writes nothing; exits 1 when a built file is missing or differs from what the sources give.
 */
import { transformAsync } from '@babel/core';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { minify } from 'terser';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const PLUGINS_DIR = path.join(ROOT, 'moodle-plugin');

/** The Frankenstyle component a plugin's version.php declares. */
export function readComponent(pluginDir) {
  const versionFile = path.join(pluginDir, 'version.php');
  const match = /\$plugin->component\s*=\s*'([a-z][a-z0-9_]*)'\s*;/.exec(fs.readFileSync(versionFile, 'utf8'));
  if (!match) throw new Error(`${versionFile}: no $plugin->component`);
  return match[1];
}

/** The plugin folders under moodle-plugin/ (those with a version.php), sorted. */
export function listPlugins() {
  return fs
    .readdirSync(PLUGINS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(PLUGINS_DIR, entry.name, 'version.php')))
    .map((entry) => path.join(PLUGINS_DIR, entry.name))
    .sort();
}

function listFiles(dir, suffix) {
  if (!fs.existsSync(dir)) return [];
  const found = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) found.push(...listFiles(full, suffix));
    else if (entry.name.endsWith(suffix)) found.push(full);
  }
  return found.sort();
}

/**
 * Babel plugin: after the AMD transform, a module whose only export is the default one returns it.
 * Mixing a default export with named ones is refused: Moodle's loader would drop the named ones.
 */
function returnDefaultExport({ types: t }) {
  return {
    visitor: {
      Program: {
        enter(programPath, state) {
          const body = programPath.node.body;
          state.hasDefaultExport = body.some((node) => t.isExportDefaultDeclaration(node));
          const hasNamedExport = body.some((node) => t.isExportNamedDeclaration(node) || t.isExportAllDeclaration(node));
          if (state.hasDefaultExport && hasNamedExport) {
            throw programPath.buildCodeFrameError('A Moodle AMD module returns its default export alone: use either a default export or named exports.');
          }
        },
        // Runs after @babel/plugin-transform-modules-amd's own Program exit (plugins run in order).
        exit(programPath, state) {
          if (!state.hasDefaultExport) return;
          const statement = programPath.node.body.find(
            (node) => t.isExpressionStatement(node) && t.isCallExpression(node.expression) && t.isIdentifier(node.expression.callee, { name: 'define' }),
          );
          const args = statement?.expression.arguments ?? [];
          const deps = args.find((arg) => t.isArrayExpression(arg));
          const factory = args[args.length - 1];
          const index = deps ? deps.elements.findIndex((el) => t.isStringLiteral(el, { value: 'exports' })) : -1;
          if (!t.isFunctionExpression(factory) || index < 0 || !t.isIdentifier(factory.params[index])) {
            throw programPath.buildCodeFrameError('Unexpected AMD output: no define() factory receiving "exports".');
          }
          const exportsName = factory.params[index].name;
          factory.body.body.push(t.returnStatement(t.memberExpression(t.identifier(exportsName), t.identifier('default'))));
        },
      },
    },
  };
}

async function buildAmdModule(component, srcDir, srcFile) {
  const relative = path.relative(srcDir, srcFile).split(path.sep).join('/');
  const moduleName = `${component}/${relative.replace(/\.js$/, '')}`;
  const buildBase = relative.replace(/\.js$/, '.min.js');
  const buildDir = path.join(path.dirname(srcDir), 'build');
  const depth = relative.split('/').length - 1;
  const source = fs.readFileSync(srcFile, 'utf8');
  const babel = await transformAsync(source, {
    filename: srcFile,
    babelrc: false,
    configFile: false,
    sourceType: 'module',
    moduleIds: true,
    moduleId: moduleName,
    comments: false,
    sourceMaps: true,
    // The map sits in amd/build/<dir>/: its source is reached from there.
    sourceFileName: `${'../'.repeat(depth)}../src/${relative}`,
    plugins: ['@babel/plugin-transform-dynamic-import', '@babel/plugin-transform-modules-amd', returnDefaultExport],
  });
  const mapName = `${path.basename(buildBase)}.map`;
  const minified = await minify(
    { [path.basename(relative)]: babel.code },
    {
      // Moodle's build does not mangle either: readable stack traces in production.
      mangle: false,
      format: { comments: false },
      sourceMap: { content: babel.map, filename: path.basename(buildBase), url: mapName, includeSources: true },
    },
  );
  if (!minified.code.startsWith(`define("${moduleName}",`)) {
    throw new Error(`${srcFile}: the built module is not named ${moduleName}`);
  }
  const map = JSON.parse(minified.map);
  map.sources = [`${'../'.repeat(depth)}../src/${relative}`];
  return [
    { file: path.join(buildDir, buildBase), content: `${minified.code}\n` },
    { file: path.join(buildDir, `${buildBase}.map`), content: `${JSON.stringify(map)}\n` },
  ];
}

async function buildYuiModules(component, pluginDir) {
  const outputs = [];
  const yuiSrc = path.join(pluginDir, 'yui', 'src');
  for (const buildFile of listFiles(yuiSrc, 'build.json')) {
    const moduleDir = path.dirname(buildFile);
    const build = JSON.parse(fs.readFileSync(buildFile, 'utf8'));
    for (const [name, { jsfiles }] of Object.entries(build.builds)) {
      if (!name.startsWith(`moodle-${component}-`)) throw new Error(`${buildFile}: module ${name} is not moodle-${component}-…`);
      const meta = {};
      for (const metaFile of listFiles(path.join(moduleDir, 'meta'), '.json')) Object.assign(meta, JSON.parse(fs.readFileSync(metaFile, 'utf8')));
      const config = meta[name] ?? {};
      const body = jsfiles.map((file) => fs.readFileSync(path.join(moduleDir, 'js', file), 'utf8')).join('\n');
      const wrap = (code) => `YUI.add('${name}', function (Y, NAME) {\n\n${code}\n\n}, '@VERSION@', ${JSON.stringify(config)});\n`;
      // The non-debug builds drop Y.log() lines, as Shifter does.
      const withoutLogs = body.replace(/^[ \t]*Y\.log\(.*\);[ \t]*\n/gm, '');
      const minified = await minify(wrap(withoutLogs), { format: { comments: false } });
      const outDir = path.join(pluginDir, 'yui', 'build', name);
      outputs.push(
        { file: path.join(outDir, `${name}-debug.js`), content: wrap(body) },
        { file: path.join(outDir, `${name}.js`), content: wrap(withoutLogs) },
        { file: path.join(outDir, `${name}-min.js`), content: `${minified.code}\n` },
      );
    }
  }
  return outputs;
}

/** Every built file of every plugin, as it should be on disk. */
export async function buildOutputs() {
  const outputs = [];
  for (const pluginDir of listPlugins()) {
    const component = readComponent(pluginDir);
    const srcDir = path.join(pluginDir, 'amd', 'src');
    for (const srcFile of listFiles(srcDir, '.js')) outputs.push(...(await buildAmdModule(component, srcDir, srcFile)));
    outputs.push(...(await buildYuiModules(component, pluginDir)));
  }
  return outputs;
}

/** Writes the built files; returns those that changed (relative paths). With check, writes nothing. */
export async function buildMoodlePlugins({ check = false } = {}) {
  const changed = [];
  for (const { file, content } of await buildOutputs()) {
    const current = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : null;
    if (current === content) continue;
    changed.push(path.relative(ROOT, file));
    if (!check) {
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, content);
    }
  }
  return changed;
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  const check = process.argv.includes('--check');
  buildMoodlePlugins({ check }).then(
    (changed) => {
      if (check && changed.length) {
        console.error(`Out of date (run npm run moodle:build):\n  ${changed.join('\n  ')}`);
        process.exit(1);
      }
      console.log(check ? 'Moodle plugin builds are up to date.' : changed.length ? `Built:\n  ${changed.join('\n  ')}` : 'Nothing to rebuild.');
    },
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
