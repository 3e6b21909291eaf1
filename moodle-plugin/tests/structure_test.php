<?php
// This file is part of Moodle - https://moodle.org/
//
// Moodle is free software: you can redistribute it and/or modify
// it under the terms of the GNU General Public License as published by
// the Free Software Foundation, either version 3 of the License, or
// (at your option) any later version.
//
// Moodle is distributed in the hope that it will be useful,
// but WITHOUT ANY WARRANTY; without even the implied warranty of
// MERCHANTABILITY or FITNESS FOR A PARTICULAR PURPOSE.  See the
// GNU General Public License for more details.
//
// You should have received a copy of the GNU General Public License
// along with Moodle.  If not, see <https://www.gnu.org/licenses/>.

/**
 * Structure of the plugins: language strings, version.php, capabilities, privacy providers, editor modules.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use PHPUnit\Framework\TestCase;

require_once(__DIR__ . '/source_scanner.php');

/**
 * What Moodle's installer, string manager and editors expect to find.
 *
 * @coversNothing
 */
final class structure_test extends TestCase {
    /** @var string[] Languages shipped. */
    const LANGS = ['en', 'fr'];
    /** @var string The local_amphi version the other plugins need (the first with the tool type, pages and capability). */
    const LOCAL_VERSION_NEEDED = 2026120701;
    /**
     * @var array Keys Moodle itself reads, without any code of ours naming them: the filter admin page reads
     * 'filtername'; editor_tiny's getPluginMetadata() reads 'helplinktext' on 4.1-4.4 (4.5 falls back to 'pluginname');
     * Atto titles the button with 'pluginname'.
     */
    const READ_BY_MOODLE = [
        'local_amphi' => ['pluginname'],
        'filter_amphi' => ['pluginname', 'filtername'],
        'tiny_amphi' => ['pluginname', 'helplinktext'],
        'atto_amphi' => ['pluginname'],
    ];

    /**
     * @return array
     */
    public static function plugins(): array {
        $out = [];
        foreach (source_scanner::PLUGINS as $component) {
            $out[$component] = [$component];
        }
        return $out;
    }

    /**
     * @return array the plugins that build on local_amphi
     */
    public static function dependants(): array {
        return ['filter_amphi' => ['filter_amphi'], 'tiny_amphi' => ['tiny_amphi'], 'atto_amphi' => ['atto_amphi']];
    }

    /**
     * The strings of a language file.
     *
     * @param string $component
     * @param string $lang
     * @return array
     */
    private static function strings(string $component, string $lang): array {
        $file = AMPHI_PLUGIN_ROOT . "/{$component}/lang/{$lang}/{$component}.php";
        if (!is_readable($file)) {
            return [];
        }
        $string = [];
        include($file);
        return $string;
    }

    /**
     * @param string $relative path under moodle-plugin
     * @return string
     */
    private static function read(string $relative): string {
        return (string) file_get_contents(AMPHI_PLUGIN_ROOT . '/' . $relative);
    }

    /**
     * Keys of the strings_for_js() calls of the PHP, per component.
     *
     * @return array component => key => file
     */
    private static function strings_for_js(): array {
        $keys = [];
        foreach (source_scanner::files() as $file) {
            preg_match_all("/strings_for_js\(\s*\[([^\]]*)\]\s*,\s*'([a-z_]+)'\s*\)/", file_get_contents($file), $calls, PREG_SET_ORDER);
            foreach ($calls as [, $list, $component]) {
                preg_match_all("/'([A-Za-z0-9_:\-]+)'/", $list, $m);
                foreach ($m[1] as $key) {
                    $keys[$component][$key] = basename($file);
                }
            }
        }
        return $keys;
    }

    /**
     * String keys a plugin needs: get_string('key', 'component') and exceptions in PHP, page::error('key'),
     * strings_for_js(), privacy reasons, the JavaScript's requests, and the keys Moodle reads by itself.
     *
     * @param string $component
     * @return array key => file
     */
    private static function used_keys(string $component): array {
        $keys = [];
        foreach (self::READ_BY_MOODLE[$component] as $key) {
            $keys[$key] = 'Moodle';
        }
        foreach (source_scanner::files() as $file) {
            // Any plugin may ask for another's strings, so every file is read.
            $code = file_get_contents($file);
            preg_match_all("/'([A-Za-z0-9_:\-]+)'\s*,\s*'" . preg_quote($component, '/') . "'\s*[,)]/", $code, $m);
            foreach ($m[1] as $key) {
                $keys[$key] = basename($file);
            }
            if ($component === 'local_amphi') {
                preg_match_all("/page::error\(\s*'([A-Za-z0-9_:\-]+)'/", $code, $m);
                foreach ($m[1] as $key) {
                    $keys[$key] = basename($file);
                }
            }
            if (strpos($file, AMPHI_PLUGIN_ROOT . "/{$component}/classes/privacy/") === 0) {
                preg_match_all("/'(privacy:metadata[A-Za-z0-9_:]*)'/", $code, $m);
                foreach ($m[1] as $key) {
                    $keys[$key] = basename($file);
                }
            }
        }
        $keys += self::strings_for_js()[$component] ?? [];
        $keys += source_scanner::js_string_requests()['keys'][$component] ?? [];
        return $keys;
    }

    /**
     * @dataProvider plugins
     * @param string $component
     */
    public function test_every_string_used_exists_in_every_language(string $component): void {
        $used = self::used_keys($component);
        $this->assertNotEmpty($used);
        foreach (self::LANGS as $lang) {
            $strings = self::strings($component, $lang);
            foreach ($used as $key => $file) {
                $this->assertArrayHasKey($key, $strings, "{$file} uses '{$key}', missing from lang/{$lang}/{$component}.php");
                $this->assertNotSame('', trim($strings[$key]));
            }
        }
    }

    public function test_the_javascript_string_requests_are_all_read(): void {
        $requests = source_scanner::js_string_requests();
        $this->assertSame([], $requests['unread'], 'string requests the checks cannot follow');
        $this->assertSame(['atto_amphi', 'tiny_amphi'], array_keys($requests['keys']), 'components asked for by the JavaScript');
        $this->assertArrayHasKey('buttontitle', $requests['keys']['tiny_amphi']);
        $this->assertArrayHasKey('modaltitle', $requests['keys']['atto_amphi']);
        $this->assertArrayHasKey('pluginname', self::strings_for_js()['atto_amphi']);
    }

    public function test_atto_sends_every_string_its_javascript_reads(): void {
        // M.util.get_string() only knows the strings that lib.php handed to the page with strings_for_js().
        $sent = self::strings_for_js()['atto_amphi'] ?? [];
        $needed = (source_scanner::js_string_requests()['keys']['atto_amphi'] ?? []) + ['pluginname' => 'Atto'];
        foreach ($needed as $key => $file) {
            $this->assertArrayHasKey($key, $sent, "{$file} reads '{$key}', not in atto_amphi_strings_for_js()");
        }
    }

    /**
     * @dataProvider plugins
     * @param string $component
     */
    public function test_languages_have_the_same_keys(string $component): void {
        $en = self::strings($component, 'en');
        $this->assertArrayHasKey('pluginname', $en);
        foreach (self::LANGS as $lang) {
            $keys = array_keys(self::strings($component, $lang));
            sort($keys);
            $enkeys = array_keys($en);
            sort($enkeys);
            $this->assertSame($enkeys, $keys, "lang/{$lang} and lang/en of {$component} differ");
            foreach (self::strings($component, $lang) as $key => $value) {
                $this->assertSame(substr_count($en[$key], '{$a'), substr_count($value, '{$a'), "{$lang}: placeholders of {$key}");
            }
        }
    }

    /**
     * @dataProvider plugins
     * @param string $component
     */
    public function test_version_php(string $component): void {
        $code = self::read("{$component}/version.php");
        $this->assertMatchesRegularExpression('/\$plugin->component\s*=\s*\'' . $component . '\';/', $code);
        $this->assertMatchesRegularExpression('/\$plugin->version\s*=\s*20[0-9]{8};/', $code);
        $this->assertMatchesRegularExpression('/\$plugin->requires\s*=\s*2022112800;/', $code);
        $this->assertMatchesRegularExpression('/\$plugin->supported\s*=\s*\[401,\s*503\];/', $code);
        $this->assertMatchesRegularExpression('/\$plugin->maturity\s*=\s*MATURITY_(ALPHA|BETA|RC|STABLE);/', $code);
        $this->assertMatchesRegularExpression('/\$plugin->release\s*=\s*\'[^\']+\';/', $code);
    }

    /**
     * @dataProvider dependants
     * @param string $component
     */
    public function test_plugins_built_on_local_amphi_require_it(string $component): void {
        preg_match('/\$plugin->version\s*=\s*([0-9]+);/', self::read('local_amphi/version.php'), $local);
        // A version, not ANY_VERSION: a local_amphi without the pages and classes this plugin calls must not satisfy it.
        $this->assertMatchesRegularExpression("/'local_amphi'\s*=>\s*([0-9]+)/", self::read("{$component}/version.php"));
        preg_match("/'local_amphi'\s*=>\s*([0-9]+)/", self::read("{$component}/version.php"), $needed);
        $this->assertSame(self::LOCAL_VERSION_NEEDED, (int) $needed[1]);
        $this->assertLessThanOrEqual((int) $local[1], (int) $needed[1], 'needs a local_amphi newer than the one shipped');
    }

    public function test_the_filter_loads_on_every_branch(): void {
        $this->assertStringContainsString('class filter_amphi extends \\filter_amphi\\text_filter', self::read('filter_amphi/filter.php'));
        $this->assertStringContainsString('class text_filter extends \\moodle_text_filter',
            self::read('filter_amphi/classes/text_filter.php'));
    }

    public function test_capabilities_are_declared_with_their_strings(): void {
        $code = self::read('local_amphi/db/access.php');
        preg_match_all("/'(local\/amphi:[a-z]+)'\s*=>/", $code, $m);
        $this->assertSame(['local/amphi:insert'], $m[1]);
        $this->assertMatchesRegularExpression("/'captype'\s*=>\s*'write'/", $code);
        $this->assertMatchesRegularExpression("/'contextlevel'\s*=>\s*CONTEXT_COURSE/", $code);
        $this->assertMatchesRegularExpression("/'editingteacher'\s*=>\s*CAP_ALLOW/", $code);
        $this->assertMatchesRegularExpression("/'manager'\s*=>\s*CAP_ALLOW/", $code);
        foreach (self::LANGS as $lang) {
            $this->assertArrayHasKey('amphi:insert', self::strings('local_amphi', $lang));
        }
        // The editors declare none of their own: every capability any plugin checks is local_amphi's.
        foreach (array_keys(self::dependants()) as $component) {
            $this->assertFileDoesNotExist(AMPHI_PLUGIN_ROOT . "/{$component}/db/access.php");
        }
        $checked = 0;
        foreach (source_scanner::files() as $file) {
            preg_match_all("/has_capability\(\s*'([^']+)'/", file_get_contents($file), $used);
            foreach ($used[1] as $capability) {
                // launch.php also asks whether a teacher may import from the course a copied placeholder was made in.
                $allowed = basename($file) === 'launch.php' ? ['local/amphi:insert', 'moodle/backup:backuptargetimport']
                    : ['local/amphi:insert'];
                $this->assertContains($capability, $allowed, basename($file));
                $checked++;
            }
        }
        $this->assertGreaterThanOrEqual(3, $checked, 'deeplink.php, tiny and atto check the capability');
    }

    /**
     * @dataProvider plugins
     * @param string $component
     */
    public function test_privacy_providers(string $component): void {
        $class = "{$component}\\privacy\\provider";
        $declarations = source_scanner::class_declarations();
        $this->assertArrayHasKey($class, $declarations);
        $this->assertSame("{$component}/classes/privacy/provider.php", $declarations[$class]['file']);
        $code = self::read("{$component}/classes/privacy/provider.php");
        if ($component === 'local_amphi') {
            // It is the one that sends the viewer's identity to Amphi (through mod_lti): an external location; and it
            // stores who approved a copied placeholder: a request provider that exports and anonymises it.
            $implements = $declarations[$class]['implements'];
            sort($implements);
            $this->assertSame(['core_privacy\local\metadata\provider', 'core_privacy\local\request\core_userlist_provider',
                'core_privacy\local\request\plugin\provider'], $implements);
            $this->assertStringContainsString('add_external_location_link', $code);
            $this->assertStringContainsString("add_database_table('local_amphi_copies'", $code);
            foreach (['get_contexts_for_userid', 'get_users_in_context', 'export_user_data',
                    'delete_data_for_all_users_in_context', 'delete_data_for_user', 'delete_data_for_users'] as $method) {
                $this->assertMatchesRegularExpression("/public static function {$method}\\(/", $code, $method);
            }
        } else {
            $this->assertSame(['core_privacy\local\metadata\null_provider'], $declarations[$class]['implements']);
            $this->assertMatchesRegularExpression("/function get_reason\(\)(: string)? \{\s*return 'privacy:metadata';/", $code);
        }
        // The strings the provider names are checked with every other string used.
    }

    public function test_tiny_plugininfo_loads_on_41_to_53(): void {
        $declarations = source_scanner::class_declarations();
        $this->assertArrayHasKey('tiny_amphi\plugininfo', $declarations);
        $info = $declarations['tiny_amphi\plugininfo'];
        $this->assertSame('tiny_amphi/classes/plugininfo.php', $info['file']);
        $this->assertSame(['editor_tiny\plugin'], $info['extends']);
        $implements = $info['implements'];
        sort($implements);
        // plugin_with_configuration_for_external only exists from 5.0: implementing it breaks 4.1-4.5.
        $this->assertSame(['editor_tiny\plugin_with_buttons', 'editor_tiny\plugin_with_configuration',
            'editor_tiny\plugin_with_menuitems'], $implements);
    }

    public function test_tiny_options_match_the_configuration(): void {
        // Each value get_plugin_configuration_for_context() returns reaches the JavaScript only as a registered option.
        preg_match('/function get_plugin_configuration_for_context\(.*?return \[(.*?)\];/s',
            self::read('tiny_amphi/classes/plugininfo.php'), $m);
        $this->assertNotEmpty($m);
        preg_match_all("/'([a-z0-9_]+)'\s*=>/", $m[1], $config);
        preg_match_all("/getPluginOptionName\(pluginName,\s*'([a-z0-9_]+)'\)/", self::read('tiny_amphi/amd/src/options.js'), $options);
        sort($config[1]);
        sort($options[1]);
        $this->assertSame($config[1], $options[1]);
        $this->assertNotEmpty($config[1]);
    }

    public function test_tiny_amd_modules_are_named_as_moodle_expects(): void {
        $dir = AMPHI_PLUGIN_ROOT . '/tiny_amphi/amd';
        // editor_tiny loads "{component}/plugin".
        $this->assertFileExists("{$dir}/src/plugin.js");
        $sources = array_map(function($f) {
            return basename($f, '.js');
        }, glob("{$dir}/src/*.js"));
        $builds = array_map(function($f) {
            return basename($f, '.min.js');
        }, glob("{$dir}/build/*.min.js"));
        sort($sources);
        sort($builds);
        // Moodle serves amd/build only: a source without its build is missing in production; the reverse is stale.
        $this->assertSame($sources, $builds);
        foreach ($sources as $name) {
            $this->assertStringContainsString("@module     tiny_amphi/{$name}\n", file_get_contents("{$dir}/src/{$name}.js"));
            $this->assertMatchesRegularExpression('/^define\(\s*"tiny_amphi\/' . preg_quote($name, '/') . '"\s*,/',
                file_get_contents("{$dir}/build/{$name}.min.js"), "build/{$name}.min.js must define tiny_amphi/{$name}");
            $this->assertFileExists("{$dir}/build/{$name}.min.js.map");
        }
        $this->assertFileExists(AMPHI_PLUGIN_ROOT . '/tiny_amphi/pix/icon.svg');
    }

    public function test_atto_yui_module_is_named_as_moodle_expects(): void {
        $module = 'moodle-atto_amphi-button';
        $build = json_decode(self::read('atto_amphi/yui/src/button/build.json'), true);
        $this->assertSame($module, $build['name']);
        $this->assertSame(['button.js'], $build['builds'][$module]['jsfiles']);
        $meta = json_decode(self::read('atto_amphi/yui/src/button/meta/button.json'), true);
        $this->assertContains('moodle-editor_atto-plugin', $meta[$module]['requires']);
        foreach (['', '-min', '-debug'] as $suffix) {
            $file = "atto_amphi/yui/build/{$module}/{$module}{$suffix}.js";
            $this->assertMatchesRegularExpression('/^YUI\.add\(\s*[\'"]' . $module . '[\'"]/', self::read($file), $file);
        }
        $this->assertFileExists(AMPHI_PLUGIN_ROOT . '/atto_amphi/pix/icon.svg');
    }

    public function test_atto_callbacks_and_attributes(): void {
        $lib = self::read('atto_amphi/lib.php');
        // Atto calls these by name.
        $this->assertStringContainsString('function atto_amphi_strings_for_js()', $lib);
        $this->assertStringContainsString('function atto_amphi_params_for_js($elementid, $options, $fpoptions)', $lib);
        // Each parameter becomes an attribute of the button only if the YUI class declares it.
        preg_match('/function atto_amphi_params_for_js\(.*?return \[(.*?)\];/s', $lib, $m);
        preg_match_all("/'([a-z0-9_]+)'\s*=>/", $m[1] ?? '', $params);
        $this->assertNotEmpty($params[1]);
        $js = self::read('atto_amphi/yui/src/button/js/button.js');
        $attrs = substr($js, (int) strpos($js, 'ATTRS: {'));
        foreach ($params[1] as $name) {
            $this->assertMatchesRegularExpression("/\n\s+{$name}: \{/", $attrs, "ATTRS lacks {$name}");
        }
    }

    public function test_every_php_file_has_the_gpl_header_and_package(): void {
        foreach (source_scanner::files() as $file) {
            $code = file_get_contents($file);
            $component = explode('/', substr($file, strlen(AMPHI_PLUGIN_ROOT) + 1))[0];
            $this->assertMatchesRegularExpression('#^<\?php\n// This file is part of Moodle - https?://moodle\.org/#', $code, $file);
            $this->assertStringContainsString('GNU GPL v3 or later', $code, $file);
            $this->assertMatchesRegularExpression('/@package\s+' . $component . '\b/', $code, $file);
            $this->assertStringContainsString('@copyright  2026 Amphi', $code, $file);
        }
    }

    public function test_the_copies_table_is_installed_and_upgraded_alike(): void {
        $xml = simplexml_load_string(self::read('local_amphi/db/install.xml'));
        $this->assertNotFalse($xml);
        $this->assertSame('local/amphi/db', (string) $xml['PATH']);
        $tables = $xml->xpath('/XMLDB/TABLES/TABLE');
        $this->assertCount(1, $tables);
        $this->assertSame('local_amphi_copies', (string) $tables[0]['NAME']);
        $fields = [];
        foreach ($tables[0]->FIELDS->FIELD as $field) {
            $fields[(string) $field['NAME']] = [(string) $field['TYPE'], (string) $field['LENGTH']];
        }
        $this->assertSame(['id' => ['int', '10'], 'ph' => ['char', '32'], 'courseid' => ['int', '10'],
            'fromcourseid' => ['int', '10'], 'approvedby' => ['int', '10'], 'timecreated' => ['int', '10']], $fields);
        $unique = $tables[0]->xpath('INDEXES/INDEX[@UNIQUE="true"]');
        $this->assertCount(1, $unique);
        $this->assertSame('ph, courseid', (string) $unique[0]['FIELDS']);

        // Sites on the first version get the same table from db/upgrade.php, at the version version.php declares.
        preg_match('/\$plugin->version\s*=\s*([0-9]+);/', self::read('local_amphi/version.php'), $version);
        $this->assertGreaterThan(2026120700, (int) $version[1]);
        $upgrade = self::read('local_amphi/db/upgrade.php');
        $this->assertStringContainsString('function xmldb_local_amphi_upgrade($oldversion)', $upgrade);
        $this->assertStringContainsString("new xmldb_table('local_amphi_copies')", $upgrade);
        $this->assertStringContainsString('$dbman->create_table($table)', $upgrade);
        preg_match_all("/add_field\('([a-z]+)', XMLDB_TYPE_(INTEGER|CHAR), '([0-9]+)'/", $upgrade, $added, PREG_SET_ORDER);
        $upgraded = [];
        foreach ($added as $m) {
            $upgraded[$m[1]] = [$m[2] === 'INTEGER' ? 'int' : 'char', $m[3]];
        }
        $this->assertSame($fields, $upgraded);
        $this->assertStringContainsString("add_index('ph_courseid', XMLDB_INDEX_UNIQUE, ['ph', 'courseid'])", $upgrade);
        preg_match_all('/if \(\$oldversion < ([0-9]+)\)/', $upgrade, $steps);
        preg_match_all("/upgrade_plugin_savepoint\(true, ([0-9]+), 'local', 'amphi'\)/", $upgrade, $savepoints);
        $this->assertSame($steps[1], $savepoints[1]);
        $this->assertLessThanOrEqual((int) $version[1], (int) max($steps[1]));
    }

    public function test_the_install_step_creates_the_secret(): void {
        $code = self::read('local_amphi/db/install.php');
        $this->assertStringContainsString('function xmldb_local_amphi_install()', $code);
        $this->assertStringContainsString("set_config('placeholdersecret', base64_encode(random_bytes(32)), 'local_amphi')", $code);
    }
}
