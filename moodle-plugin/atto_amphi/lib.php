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
 * Amphi button for the Atto editor: what the editor asks of the plugin.
 *
 * @package    atto_amphi
 * @copyright  2026 Amphi
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

/**
 * Strings the button's JavaScript reads through M.util.get_string().
 */
function atto_amphi_strings_for_js() {
    global $PAGE;
    $PAGE->requires->strings_for_js(['pluginname', 'modaltitle', 'frametitle'], 'atto_amphi');
}

/**
 * Parameters for the button: whether this person may insert Amphi content here, where the picker starts for this
 * editor's context, and Amphi's origin (to recognise the placeholders already in the text).
 *
 * @param string $elementid The editor's element id
 * @param array $options The editor's options
 * @param array|null $fpoptions The file picker's options
 * @return array
 */
function atto_amphi_params_for_js($elementid, $options, $fpoptions) {
    $context = !empty($options['context']) ? $options['context'] : context_system::instance();
    // local_amphi's own test of a usable tool type (LTI 1.3, active), the one its pages and the filter apply.
    $origin = \local_amphi\tool::origin();
    // Amphi content launches in a course (local_amphi takes the course from this context).
    $caninsert = $origin !== null && $context->get_course_context(false)
        && has_capability('local/amphi:insert', $context);
    $url = new moodle_url('/local/amphi/deeplink.php', ['contextid' => $context->id]);
    return [
        'caninsert' => (bool) $caninsert,
        'deeplinkurl' => $url->out(false),
        'amphiorigin' => (string) $origin,
    ];
}

