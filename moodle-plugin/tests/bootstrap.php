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
 * Bootstrap of the plugin tests that run without Moodle.
 *
 * Defines only what the pure classes need: the MOODLE_INTERNAL guard and a class loader for
 * local_amphi's classes. No Moodle function is defined here, on purpose: moodle_api_test relies on
 * function_exists() being false for every Moodle function.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

define('MOODLE_INTERNAL', true);
define('AMPHI_PLUGIN_ROOT', dirname(__DIR__));

// Only local_amphi's classes: filter_amphi and the privacy providers extend Moodle classes and stay unloaded.
spl_autoload_register(function ($class) {
    $prefix = 'local_amphi\\';
    if (strpos($class, $prefix) !== 0 || strpos($class, $prefix . 'privacy\\') === 0) {
        return;
    }
    $file = AMPHI_PLUGIN_ROOT . '/local_amphi/classes/' . str_replace('\\', '/', substr($class, strlen($prefix))) . '.php';
    if (is_readable($file)) {
        require_once($file);
    }
});
