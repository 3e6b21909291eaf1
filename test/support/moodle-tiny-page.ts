/**
 * A stand-in Moodle editing page for tiny_amphi (moodle-plugin/tiny_amphi), as built for Moodle
 * (amd/build), with the TinyMCE majors that supported Moodle versions bundle: 6 (4.1–4.4; 6.3.2
 * is what 4.1.x ships), 7 (4.5: 7.3.0) and 8 (main: 8.2.2). No Moodle runs here, so a small HTTP
 * server plays the site: it serves TinyMCE, RequireJS, the plugin's AMD modules and small
 * stand-ins for the Moodle modules the plugin imports (each reduced to what the plugin uses,
 * shaped like Moodle's built module). Used by test/browser/moodle-tiny.test.ts and by
 * scripts/moodle-screenshots.ts.
 *
 * The Moodle flavours differ where the plugin must adapt: with TinyMCE 6 the page looks like 4.1.0
 * (core/modal_factory, no Modal.create, no registerPlaceholderSelectors); with 7 and 8 like 4.3+
 * (Modal.create, no core/modal_factory at all: asking for it would fail the page).
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const TINY_PLUGIN = path.join(ROOT, 'moodle-plugin', 'tiny_amphi');

/** The strings of a Moodle lang file ($string['key'] = '…';). */
export function readLangFile(file: string): Record<string, string> {
  const strings: Record<string, string> = {};
  const source = fs.readFileSync(file, 'utf8');
  for (const m of source.matchAll(/\$string\['([^']+)'\]\s*=\s*'((?:[^'\\]|\\.)*)';/g)) strings[m[1]!] = m[2]!.replace(/\\(['\\])/g, '$1');
  return strings;
}
export const TINY_STRINGS = readLangFile(path.join(TINY_PLUGIN, 'lang', 'en', 'tiny_amphi.php'));

export interface MoodleFlavour {
  tiny: number;
  /** core/modal_factory instead of Modal.create (4.1, 4.2). */
  factory: boolean;
  /** editor_tiny/options has registerPlaceholderSelectors (4.1.1+). */
  placeholderSelectors: boolean;
  moodle: string;
}

export const FLAVOURS: MoodleFlavour[] = [
  { tiny: 6, factory: true, placeholderSelectors: false, moodle: '4.1.0' },
  { tiny: 7, factory: false, placeholderSelectors: true, moodle: '4.5' },
  { tiny: 8, factory: false, placeholderSelectors: true, moodle: '5.x' },
];

/**
 * Stand-ins for the Moodle modules tiny_amphi imports. Moodle's build makes a module whose only
 * export is the default one return that value itself; the others return their exports object.
 */
export function standIns(flavour: Pick<MoodleFlavour, 'factory' | 'placeholderSelectors'>, strings: Record<string, string> = TINY_STRINGS): string {
  return `
// editor_tiny/loader: TinyMCE is already on the page.
define('editor_tiny/loader', ['exports'], function(exports) {
  Object.defineProperty(exports, '__esModule', {value: true});
  exports.getTinyMCE = function() { return Promise.resolve(window.tinymce); };
});

// core/str: the plugin's lang file, read by the test (Moodle answers [[key,component]] for a missing string).
define('core/str', ['exports'], function(exports) {
  Object.defineProperty(exports, '__esModule', {value: true});
  var strings = {tiny_amphi: ${JSON.stringify(strings)}};
  exports.get_strings = function(requests) {
    return Promise.resolve(requests.map(function(r) {
      var c = strings[r.component] || {};
      return Object.prototype.hasOwnProperty.call(c, r.key) ? c[r.key] : '[[' + r.key + ',' + r.component + ']]';
    }));
  };
  exports.get_string = function(key, component) {
    return exports.get_strings([{key: key, component: component}]).then(function(s) { return s[0]; });
  };
});

// editor_tiny/options, as in Moodle (registerPlaceholderSelectors only from 4.1.1).
define('editor_tiny/options', ['exports'], function(exports) {
  Object.defineProperty(exports, '__esModule', {value: true});
  exports.register = function(editor, options) {
    editor.options.register('moodle:contextid', {processor: 'number', 'default': 0});
    editor.options.set('moodle:contextid', options.context);
    editor.options.register('moodle:placeholderSelectors', {processor: 'array', 'default': []});
    editor.options.set('moodle:placeholderSelectors', options.placeholderSelectors);
  };
  exports.getContextId = function(editor) { return editor.options.get('moodle:contextid'); };
  exports.getPluginOptionName = function(pluginName, optionName) { return pluginName + ':' + optionName; };
  exports.getInitialPluginConfiguration = function(options) {
    var config = {};
    Object.keys(options.plugins).forEach(function(pluginName) {
      var values = options.plugins[pluginName].config || {};
      Object.keys(values).forEach(function(name) { config[pluginName + ':' + name] = values[name]; });
    });
    return config;
  };
  ${
    flavour.placeholderSelectors
      ? `exports.getPlaceholderSelectors = function(editor) { return editor.options.get('moodle:placeholderSelectors'); };
  exports.registerPlaceholderSelectors = function(editor, selectors) {
    if (selectors.length) editor.options.set('moodle:placeholderSelectors', exports.getPlaceholderSelectors(editor).concat(selectors));
  };`
      : ''
  }
});

// editor_tiny/utils: the toolbar image, the help metadata and the toolbar/menu helpers.
define('editor_tiny/utils', ['exports', 'core/str'], function(exports, Str) {
  Object.defineProperty(exports, '__esModule', {value: true});
  exports.getButtonImage = function(identifier, component) {
    return Promise.resolve({html: '<img class="tiny-icon" src="' + M.util.image_url(identifier, component) + '" alt="">', js: ''});
  };
  exports.getPluginMetadata = function(component, pluginName) {
    return Str.get_string('helplinktext', component).then(function(name) {
      return {getMetadata: function() { return {name: name, url: 'https://docs.moodle.org/en/editor_tiny/' + pluginName}; }};
    });
  };
  exports.addToolbarButton = function(toolbar, section, button) {
    return JSON.parse(JSON.stringify(toolbar)).map(function(group) {
      if (group.name === section) group.items.push(button);
      return group;
    });
  };
  exports.addMenubarItem = function(menubar, section, item) {
    var menu = JSON.parse(JSON.stringify(menubar));
    if (menu[section]) menu[section].items = menu[section].items + ' ' + item;
    return menu;
  };
});

define('core/modal_events', [], function() {
  return {shown: 'modal:shown', hidden: 'modal:hidden', destroyed: 'modal:destroyed'};
});

// core/modal: Moodle's DOM regions; getRoot()/getBody() return jQuery objects there, of which the plugin uses [0] and on().
define('core/modal', ['core/modal_events'], function(ModalEvents) {
  function wrap(element) {
    var wrapped = [element];
    wrapped.on = function(type, handler) { element.addEventListener(type, function(e) { handler(e); }); return wrapped; };
    return wrapped;
  }
  function Modal() {
    var root = document.createElement('div');
    root.className = 'modal';
    root.setAttribute('data-region', 'modal-container');
    root.setAttribute('role', 'dialog');
    root.innerHTML = '<div class="modal-dialog" data-region="modal"><div class="modal-header">' +
      '<h5 data-region="title"></h5><button type="button" data-action="hide" aria-label="Close">x</button></div>' +
      '<div data-region="body"></div><div data-region="footer"></div></div>';
    this.root = root;
    var self = this;
    root.querySelector('[data-action="hide"]').addEventListener('click', function() { self.hide(); });
  }
  Modal.prototype.getRoot = function() { return wrap(this.root); };
  Modal.prototype.getBody = function() { return wrap(this.root.querySelector('[data-region="body"]')); };
  Modal.prototype.setTitle = function(title) { this.root.querySelector('[data-region="title"]').textContent = title; };
  Modal.prototype.setBody = function(body) { this.root.querySelector('[data-region="body"]').innerHTML = body; };
  Modal.prototype.setLarge = function() { this.root.querySelector('[data-region="modal"]').classList.add('modal-lg'); };
  Modal.prototype.show = function() { document.body.appendChild(this.root); this.root.classList.add('show'); };
  Modal.prototype.hide = function() {
    var root = this.root;
    root.classList.remove('show');
    setTimeout(function() { root.dispatchEvent(new CustomEvent(ModalEvents.hidden)); }, 0);
  };
  Modal.prototype.destroy = function() { this.root.remove(); };
  Modal.prototype.configure = function(config) {
    if (config.large) this.setLarge();
    if (config.title !== undefined) this.setTitle(config.title);
    if (config.body !== undefined) this.setBody(config.body);
    if (config.show) this.show();
  };
  ${flavour.factory ? '' : `// Moodle 4.3+.
  Modal.create = function(config) { var modal = new Modal(); modal.configure(config || {}); return Promise.resolve(modal); };`}
  return Modal;
});
${
  flavour.factory
    ? `
// core/modal_factory (4.1, 4.2): resolves with a configured, hidden modal.
define('core/modal_factory', ['core/modal'], function(Modal) {
  return {
    types: {DEFAULT: 'DEFAULT'},
    create: function(config) {
      if (config.type !== 'DEFAULT') return Promise.reject(new Error('Unable to find modal of type: ' + config.type));
      var modal = new Modal();
      modal.configure({title: config.title, body: config.body, large: config.large});
      return Promise.resolve(modal);
    }
  };
});`
    : ''
}
`;
}

export interface EditorPageOptions {
  /** Where this page is served from (the stand-in site's assets are under it). */
  origin: string;
  tiny: number;
  /** M.cfg.wwwroot: the modal only hears local_amphi's messages from this origin. */
  wwwroot: string;
  contextId: number;
  /** What plugininfo::get_plugin_configuration_for_context() gives the JavaScript. */
  pluginConfig: { deeplinkurl: string; amphiorigin: string };
  /** TinyMCE's own plugins besides tiny_amphi (loaded from its folder). */
  extraPlugins?: string[];
  menubar?: string;
  menu?: Record<string, { title: string; items: string }>;
  toolbar?: { name: string; items: string[] }[];
  /** The editor's height in pixels (TinyMCE's default otherwise). */
  height?: number;
  /** The text the editor starts with (HTML). */
  content?: string;
  /** Extra markup: in <head> (styles), and around the editor (a page's chrome). */
  head?: string;
  before?: string;
  after?: string;
}

const escapeHtml = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The editing page: what editor_tiny/editor does with a plugin module, then TinyMCE on a textarea. */
export function editorPage(o: EditorPageOptions): string {
  const plugins = o.extraPlugins ?? [];
  const menubar = o.menubar ?? 'insert';
  const menu = o.menu ?? { insert: { title: 'Insert', items: '' } };
  const toolbar = o.toolbar ?? [{ name: 'content', items: [] }];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Editor</title>
<script>window.M = {cfg: {wwwroot: ${JSON.stringify(o.wwwroot)}},
  util: {image_url: function(id, component) { return ${JSON.stringify(o.origin)} + '/pix/' + component + '/' + id + '.svg'; }}};</script>
<script src="/tinymce/${o.tiny}/tinymce.min.js"></script>
<script src="/requirejs/require.js"></script>
<script>requirejs.config({paths: {tiny_amphi: '/amd/tiny_amphi'}});</script>
<script src="/stand-ins.js?tiny=${o.tiny}"></script>${o.head ?? ''}
</head><body>${o.before ?? ''}<textarea id="text">${escapeHtml(o.content ?? '')}</textarea>${o.after ?? ''}<script>
// What editor_tiny/editor does with a plugin module: await it, apply its configure(), pass its options.
require(['tiny_amphi/plugin', 'editor_tiny/options'], function(pluginModule, Options) {
  Promise.resolve(pluginModule).then(function(plugin) {
    if (!Array.isArray(plugin)) throw new Error('tiny_amphi/plugin resolved with ' + plugin);
    var config = {
      target: document.getElementById('text'),
      plugins: ${JSON.stringify(plugins)}.concat([plugin[0]]),
      menubar: ${JSON.stringify(menubar)},
      menu: ${JSON.stringify(menu)},
      toolbar: ${JSON.stringify(toolbar)},${o.height ? `
      height: ${o.height},` : ''}
      convert_urls: false,
      license_key: 'gpl',
      promotion: false,
      branding: false,
      setup: function(editor) { Options.register(editor, {context: ${o.contextId}, placeholderSelectors: []}); }
    };
    Object.assign(config, plugin[1].configure(config));
    var plugins = {};
    plugins[plugin[0]] = {config: ${JSON.stringify(o.pluginConfig)}};
    Object.assign(config, Options.getInitialPluginConfiguration({plugins: plugins}));
    return tinymce.init(config);
  }).then(function(editors) {
    window.amphiEditor = editors[0];
    document.body.dataset.ready = 'yes';
  }, function(error) { document.body.dataset.error = String(error && error.stack || error); });
});
</script></body></html>`;
}

const CONTENT_TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.map': 'application/json' };

export function sendFile(res: http.ServerResponse, file: string): void {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    res.writeHead(404).end('not found');
    return;
  }
  res.writeHead(200, { 'Content-Type': CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'max-age=600' });
  fs.createReadStream(file).pipe(res);
}

/** A path under a folder, never outside it. */
export function within(dir: string, relative: string): string {
  const file = path.resolve(dir, `.${path.posix.normalize(`/${relative}`)}`);
  return file.startsWith(dir) ? file : path.join(dir, '__none__');
}

/** Passes a request on to another server (the test platform), as it came. */
export function proxyTo(target: string, req: http.IncomingMessage, res: http.ServerResponse): void {
  const upstream = http.request(new URL(req.url ?? '/', target), { method: req.method, headers: req.headers }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', (error) => res.writeHead(502, { 'Content-Type': 'text/plain' }).end(String(error)));
  req.pipe(upstream);
}

/** The Moodle plugins' folder; PHP run by runPluginPhp finds it in getenv('AMPHI_PLUGINS'). */
export const PLUGINS = path.join(ROOT, 'moodle-plugin');

/** Runs `php -r code` with `input` as JSON on stdin (the plugins' own classes, no Moodle), parsing the JSON it prints. */
export function runPluginPhp<T>(code: string, input: unknown): T {
  const out = execFileSync('php', ['-r', code], { input: JSON.stringify(input), env: { ...process.env, AMPHI_PLUGINS: PLUGINS } });
  return JSON.parse(out.toString()) as T;
}

export function listen(handler: http.RequestListener): Promise<{ server: http.Server; origin: string }> {
  const server = http.createServer(handler);
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` })));
}

/**
 * Answers the requests for what the editing page loads (stand-ins, TinyMCE, RequireJS, the
 * plugin's modules and icon); false when the URL is none of them.
 */
export function serveEditorAssets(url: URL, res: http.ServerResponse): boolean {
  const p = url.pathname;
  let m: RegExpExecArray | null;
  if (p === '/stand-ins.js') {
    const flavour = FLAVOURS.find((f) => f.tiny === Number(url.searchParams.get('tiny')));
    if (!flavour) res.writeHead(404).end('no such TinyMCE');
    else res.writeHead(200, { 'Content-Type': 'text/javascript' }).end(standIns(flavour));
  } else if ((m = /^\/tinymce\/(6|7|8)\/(.+)$/.exec(p))) {
    sendFile(res, within(path.join(ROOT, 'node_modules', `tinymce${m[1]}`), m[2]!));
  } else if (p === '/requirejs/require.js') {
    sendFile(res, path.join(ROOT, 'node_modules', 'requirejs', 'require.js'));
  } else if ((m = /^\/amd\/tiny_amphi\/([a-z_]+)\.js$/.exec(p))) {
    // Moodle serves amd/build: the page loads what a site would.
    sendFile(res, path.join(TINY_PLUGIN, 'amd', 'build', `${m[1]}.min.js`));
  } else if (p === '/pix/tiny_amphi/icon.svg') {
    sendFile(res, path.join(TINY_PLUGIN, 'pix', 'icon.svg'));
  } else {
    return false;
  }
  return true;
}
