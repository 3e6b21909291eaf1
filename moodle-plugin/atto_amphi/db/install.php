<?php
// This file is part of Moodle - http://moodle.org/
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
// along with Moodle.  If not, see <http://www.gnu.org/licenses/>.

/**
 * Puts the Amphi button on the Atto toolbar when the plugin is installed.
 *
 * @package    atto_amphi
 * @copyright  2026 Amphi
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

/**
 * Atto shows only the buttons named in its toolbar setting: add 'amphi' beside the media buttons (the "files" group)
 * or, when the site has no such group, in a group of its own. An administrator's own arrangement is kept as it is.
 *
 * @return bool
 */
function xmldb_atto_amphi_install() {
    $toolbar = get_config('editor_atto', 'toolbar');
    if ($toolbar === false || trim($toolbar) === '') {
        return true;
    }
    $lines = explode("\n", str_replace("\r", '', $toolbar));
    $filesline = null;
    foreach ($lines as $index => $line) {
        $parts = explode('=', $line, 2);
        if (count($parts) !== 2) {
            continue;
        }
        $items = array_map('trim', explode(',', $parts[1]));
        if (in_array('amphi', $items, true)) {
            return true;
        }
        if ($filesline === null && trim($parts[0]) === 'files') {
            $filesline = $index;
        }
    }
    if ($filesline !== null) {
        $lines[$filesline] = rtrim($lines[$filesline]) . ', amphi';
    } else {
        $lines[] = 'amphi = amphi';
    }
    set_config('toolbar', implode("\n", $lines), 'editor_atto');
    return true;
}
