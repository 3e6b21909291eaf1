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
 * Starts the LTI 1.3 launch of a placeholder for the person viewing the page (inside the filter's iframe).
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

$courseid = required_param('course', PARAM_INT);
$rid = required_param('rid', PARAM_ALPHANUMEXT);
$ph = required_param('ph', PARAM_ALPHANUMEXT);
$w = required_param('w', PARAM_INT);
$h = required_param('h', PARAM_INT);
// The course where the placeholder was made (signed).
$c = required_param('c', PARAM_INT);
$sig = required_param('sig', PARAM_ALPHANUMEXT);
// The context of the text showing the placeholder (an activity, a question...), signed with ph and course by the
// filter; the viewer must be allowed to see it, not only to enter the course.
$ctx = required_param('ctx', PARAM_INT);
$t = required_param('t', PARAM_ALPHANUMEXT);

$course = $DB->get_record('course', ['id' => $courseid], '*', IGNORE_MISSING);
if (!$course) {
    page::setup('/local/amphi/launch.php', context_system::instance());
    page::error('nocourse');
}
$secret = tool::secret();
if ($secret === null) {
    page::setup('/local/amphi/launch.php', context_system::instance());
    page::error('notconfigured');
}
// instance_by_id() throws on 0; the token is checked first so that no other context of the course can be named.
$context = false;
if (placeholder::verify_context_token($secret, $ph, (int) $course->id, $ctx, $t)) {
    $context = context::instance_by_id($ctx, IGNORE_MISSING);
}
$coursecontext = $context ? $context->get_course_context(false) : false;
$cm = null;
if ($context && $context->contextlevel == CONTEXT_MODULE) {
    $cm = get_coursemodule_from_id('', $context->instanceid, (int) $course->id, false, IGNORE_MISSING);
}
if (!$coursecontext || (int) $coursecontext->instanceid !== (int) $course->id
        || ($context->contextlevel == CONTEXT_MODULE && !$cm)) {
    page::setup('/local/amphi/launch.php', context_system::instance());
    page::error('placeholderinvalid');
}
// Sets the course (or activity) context on $PAGE; the viewer's identity and course role are what Amphi receives.
// With the activity, require_login() refuses a hidden or restricted one to those who may not see it.
if ($cm) {
    require_login($course, false, $cm);
} else {
    require_login($course);
}
page::setup('/local/amphi/launch.php');

if (isguestuser()) {
    page::error('noguests');
}
$config = tool::config();
if ($config === null) {
    page::error('notconfigured');
}
if (!placeholder::verify($secret, $rid, $ph, $w, $h, $c, $sig)) {
    page::error('placeholderinvalid');
}

// A placeholder made in another course (course copy, backup and restore, import, paste) opens here only once a
// teacher who may insert Amphi content here and import from course $c has opened it here.
$approved = false;
$canapprove = false;
if ($c !== (int) $course->id) {
    $approved = $DB->record_exists('local_amphi_copies', ['ph' => $ph, 'courseid' => (int) $course->id]);
    if (!$approved) {
        $fromcontext = context_course::instance($c, IGNORE_MISSING);
        $canapprove = $fromcontext && has_capability('local/amphi:insert', context_course::instance($course->id))
            && has_capability('moodle/backup:backuptargetimport', $fromcontext);
    }
}
$decision = launch_request::copy_decision($c, (int) $course->id, $approved, $canapprove);
if ($decision === launch_request::COPY_REFUSE) {
    page::error('copynotapproved');
}
if ($decision === launch_request::COPY_APPROVE) {
    try {
        $DB->insert_record('local_amphi_copies', (object) ['ph' => $ph, 'courseid' => (int) $course->id,
            'fromcourseid' => $c, 'approvedby' => (int) $USER->id, 'timecreated' => time()]);
    } catch (moodle_exception $e) {
        // Another teacher approved it at the same moment (unique index on ph, courseid): that is an approval too.
        if (!$DB->record_exists('local_amphi_copies', ['ph' => $ph, 'courseid' => (int) $course->id])) {
            page::error('launcherror');
        }
    }
}

$state = [
    'type' => 'launch',
    'course' => (int) $course->id,
    'typeid' => $config->typeid,
    'rid' => $rid,
    'rlid' => launch_request::resource_link_id($ph, (int) $course->id),
    'title' => '',
    'userid' => (int) $USER->id,
];
$launchid = (new session_state($SESSION))->new_launch($state, time(), 300);

page::autopost($config->initiatelogin, launch_request::login_params($CFG->wwwroot, $config->toolurl, (int) $USER->id,
    $launchid, $config->clientid, $config->typeid));
