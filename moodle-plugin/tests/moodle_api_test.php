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
 * Every Moodle symbol the plugins use is listed in local_amphi/MOODLE_API.md.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use PHPUnit\Framework\TestCase;

require_once(__DIR__ . '/source_scanner.php');

/**
 * Compares the code with the list kept next to it.
 *
 * @coversNothing
 */
final class moodle_api_test extends TestCase {
    /**
     * Names in the first column of MOODLE_API.md's tables.
     *
     * @return string[] name => true
     */
    private static function listed(): array {
        $listed = [];
        foreach (file(AMPHI_PLUGIN_ROOT . '/local_amphi/MOODLE_API.md') as $line) {
            if (preg_match('/^\|\s*`([^`]+)`\s*\|/', $line, $m)) {
                $listed[$m[1]] = true;
            }
        }
        return $listed;
    }

    public function test_the_scanner_finds_the_symbols_we_know_are_used(): void {
        $symbols = source_scanner::moodle_symbols();
        foreach (['require_login', 'get_string', 'lti_get_launch_data', 'lti_sign_jwt', 'has_capability', 'moodle_url',
                'context::instance_by_id', 'PARAM_INT', '$PAGE->set_url', '->get_course_context', 'moodle_text_filter',
                'core_privacy\local\metadata\provider', 'core_privacy\local\metadata\null_provider',
                // tiny_amphi and atto_amphi, including names that only appear as types.
                'editor_tiny\plugin', 'editor_tiny\plugin_with_buttons', 'editor_tiny\plugin_with_menuitems',
                'editor_tiny\plugin_with_configuration', 'editor_tiny\editor', 'context', 'context_system::instance',
                'get_config', 'set_config', '$PAGE->requires->strings_for_js',
                'core_privacy\local\metadata\collection'] as $expected) {
            $this->assertArrayHasKey($expected, $symbols, "the scanner missed {$expected}");
        }
        foreach (['placeholder', 'local_amphi\placeholder', 'json_encode', 'hash_hmac', 'xmldb_local_amphi_install',
                'ENT_QUOTES', 'self::RID_PATTERN', 'local_amphi\tool::origin', 'tiny_amphi\plugininfo',
                'atto_amphi_params_for_js', 'xmldb_atto_amphi_install', 'string', 'bool', '$PAGE->requires',
                '->strings_for_js', 'editor_tiny\plugin_with_configuration_for_external'] as $notmoodle) {
            $this->assertArrayNotHasKey($notmoodle, $symbols);
        }
    }

    public function test_what_the_plugins_call_in_local_amphi_exists(): void {
        $members = source_scanner::own_static_members();
        // The editors and the filter depend on local_amphi only through these.
        $this->assertSame(['atto_amphi/lib.php', 'filter_amphi/classes/text_filter.php', 'tiny_amphi/classes/plugininfo.php'],
            $members['local_amphi\tool::origin'] ?? null);
        $this->assertArrayHasKey('local_amphi\embed_renderer::filter_text', $members);
        foreach ($members as $name => $files) {
            [$class, $member] = explode('::', $name);
            $this->assertTrue(class_exists($class), "{$name}: no class {$class}");
            $own = 'local_amphi/classes/' . str_replace('\\', '/', substr($class, strlen('local_amphi\\'))) . '.php';
            $fromelsewhere = array_diff($files, [$own]) !== [];
            if (method_exists($class, $member)) {
                $method = new ReflectionMethod($class, $member);
                $this->assertTrue($method->isStatic(), "{$name} is called statically");
                $this->assertTrue($method->isPublic() || !$fromelsewhere, "{$name} is called from " . implode(', ', $files));
            } else {
                $this->assertTrue(defined($name), "{$name} does not exist");
                $constant = new ReflectionClassConstant($class, $member);
                $this->assertTrue($constant->isPublic() || !$fromelsewhere, "{$name} is read from " . implode(', ', $files));
            }
        }
        // The editors compare it with null and cast it to a string.
        $this->assertSame('?string', (string) (new ReflectionMethod('local_amphi\tool', 'origin'))->getReturnType());
    }

    public function test_every_moodle_symbol_used_is_listed(): void {
        $listed = self::listed();
        $missing = [];
        foreach (source_scanner::moodle_symbols() as $name => $files) {
            if (!isset($listed[$name])) {
                $missing[] = $name . ' (' . implode(', ', $files) . ')';
            }
        }
        $this->assertSame([], $missing, 'add these to local_amphi/MOODLE_API.md');
    }

    public function test_every_listed_symbol_is_still_used(): void {
        $used = source_scanner::moodle_symbols();
        $stale = array_diff(array_keys(self::listed()), array_keys($used), ['MOODLE_INTERNAL']);
        $this->assertSame([], array_values($stale), 'remove these from local_amphi/MOODLE_API.md, or use them');
    }

    public function test_mod_lti_is_only_called_from_the_adapter(): void {
        foreach (source_scanner::moodle_symbols() as $name => $files) {
            if (strpos($name, 'lti_') === 0 || strpos($name, 'LTI_') === 0) {
                $this->assertSame(['local_amphi/classes/lti_adapter.php'], $files, $name);
            }
        }
        foreach (source_scanner::files() as $file) {
            if (substr($file, -strlen('lti_adapter.php')) !== 'lti_adapter.php') {
                $this->assertStringNotContainsString('mod/lti/locallib.php', file_get_contents($file), $file);
            }
        }
    }

    public function test_the_adapter_checks_every_lti_function_it_calls(): void {
        $needed = \local_amphi\lti_adapter::NEEDED;
        foreach (array_keys(source_scanner::moodle_symbols()) as $name) {
            if (strpos($name, 'lti_') === 0) {
                $this->assertContains($name, $needed, "{$name} is called but not checked with function_exists()");
            }
        }
    }
}
