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
 * Admin settings: which LTI 1.3 tool type is Amphi.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

if ($hassiteconfig) {
    $settings = new admin_settingpage('local_amphi', get_string('pluginname', 'local_amphi'));
    $ADMIN->add('localplugins', $settings);
    // Only read the tool types when the page is really shown, not on every admin tree build.
    if ($ADMIN->fulltree) {
        $choices = ['' => get_string('typenone', 'local_amphi')] + \local_amphi\tool::choices();
        $settings->add(new admin_setting_configselect('local_amphi/typeid', get_string('typeid', 'local_amphi'),
            get_string('typeid_desc', 'local_amphi'), '', $choices));
    }
}
