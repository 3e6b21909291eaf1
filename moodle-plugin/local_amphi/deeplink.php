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
 * Opens Amphi's content picker (LTI deep linking) in the editor's modal.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

require_once(__DIR__ . '/../../config.php');

use local_amphi\launch_request;
use local_amphi\page;
use local_amphi\placeholder;
use local_amphi\session_state;
use local_amphi\tool;

$contextid = required_param('contextid', PARAM_INT);
$selected = optional_param('selected', '', PARAM_ALPHANUMEXT);

// instance_by_id() throws on 0; a missing context is answered like one outside any course.
$context = $contextid > 0 ? context::instance_by_id($contextid, IGNORE_MISSING) : false;
$coursecontext = $context ? $context->get_course_context(false) : false;
if (!$coursecontext) {
    require_login();
    page::setup('/local/amphi/deeplink.php', context_system::instance());
    page::error('nocourse');
}
$course = get_course($coursecontext->instanceid);
if ($context->contextlevel == CONTEXT_MODULE) {
    // An activity's editor: its access rules (visibility, groups...) apply too, as on the activity's pages.
    $cm = get_coursemodule_from_id('', $context->instanceid, 0, false, MUST_EXIST);
    require_login($course, false, $cm);
} else {
    require_login($course);
}
// The editor's context (a module, a block...) decides the permission, not only the course.
page::setup('/local/amphi/deeplink.php', $context);

if (!has_capability('local/amphi:insert', $context)) {
    page::error('nopermission');
}
$config = tool::config();
if (tool::secret() === null || $config === null) {
    page::error('notconfigured');
}

$state = [
    'type' => 'deeplink',
    'course' => (int) $course->id,
    'typeid' => $config->typeid,
    'contextid' => (int) $context->id,
    'selected' => preg_match(placeholder::RID_PATTERN, $selected) ? $selected : '',
    'userid' => (int) $USER->id,
];
$launchid = (new session_state($SESSION))->new_launch($state, time(), 300);

page::autopost($config->initiatelogin, launch_request::login_params($CFG->wwwroot, $config->deeplinkurl, (int) $USER->id,
    $launchid, $config->clientid, $config->typeid));
