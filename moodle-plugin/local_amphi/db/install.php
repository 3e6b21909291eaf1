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
 * Install steps of local_amphi.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

/**
 * Creates the placeholder signing secret.
 *
 * It is a plugin config value, not an admin setting, so that it never shows on a settings page; an existing
 * value is kept because changing it would break every placeholder already in the site's texts.
 *
 * @return bool
 */
function xmldb_local_amphi_install() {
    if (!get_config('local_amphi', 'placeholdersecret')) {
        set_config('placeholdersecret', base64_encode(random_bytes(32)), 'local_amphi');
    }
    return true;
}
