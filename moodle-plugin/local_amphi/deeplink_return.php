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
 * Receives the picker's LtiDeepLinkingResponse and hands signed placeholders to the editor.
 *
 * No sesskey: Amphi posts here from its own origin. The request is bound to this session by the
 * single-use `data` value (an HMAC over the launch id, the user and the editor's context) instead.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

require_once(__DIR__ . '/../../config.php');

use local_amphi\deeplink_response;
use local_amphi\jwt_checks;
use local_amphi\launch_request;
use local_amphi\lti_adapter;
use local_amphi\page;
use local_amphi\placeholder;
use local_amphi\session_state;
use local_amphi\tool;

$jwt = optional_param('JWT', '', PARAM_RAW_TRIMMED);
if (!preg_match('/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/', $jwt)) {
    $jwt = '';
}
page::setup('/local/amphi/deeplink_return.php', context_system::instance());

// Same cookie issue as auth.php: the answer is a cross-site POST.
if (!isloggedin() && !optional_param('repost', false, PARAM_BOOL)) {
    // Without the cookie Moodle started a new, empty session: its cookie must not replace the user's one.
    header_remove('Set-Cookie');
    page::autopost((new moodle_url('/local/amphi/deeplink_return.php'))->out(false), ['JWT' => $jwt, 'repost' => 1]);
}
require_login(null, false);

$payload = jwt_checks::decode_payload($jwt);
$launchid = jwt_checks::data_launchid($payload);
$sessionstate = new session_state($SESSION);
$returnkey = '';
$waiting = null;
if ($launchid !== null) {
    $returnkey = session_state::RETURN_PREFIX . substr($launchid, strlen(launch_request::LAUNCH_PREFIX));
    // Only read here: a forged or unverifiable answer must not use up the state the real one needs.
    $waiting = $sessionstate->peek($returnkey, time());
}
if ($waiting === null || (int) ($waiting['userid'] ?? 0) !== (int) $USER->id || !isset($waiting['data'])) {
    page::error('expired');
}

$course = $DB->get_record('course', ['id' => (int) $waiting['course']], '*', IGNORE_MISSING);
if (!$course) {
    page::error('nocourse');
}
$contextid = (int) ($waiting['contextid'] ?? 0);
$context = $contextid > 0 ? context::instance_by_id($contextid, IGNORE_MISSING) : false;
if ($context && $context->contextlevel == CONTEXT_MODULE) {
    // An activity's editor: its access rules (visibility, groups...) apply too, as on the activity's pages.
    $cm = get_coursemodule_from_id('', $context->instanceid, 0, false, MUST_EXIST);
    require_login($course, false, $cm);
} else {
    require_login($course);
}
if (!$context || !has_capability('local/amphi:insert', $context)) {
    page::error('nopermission');
}
$PAGE->set_context($context);

$config = tool::config();
$secret = tool::secret();
if ($config === null || $secret === null || $config->typeid !== (int) $waiting['typeid']) {
    page::error('notconfigured');
}

// check() compares the JWT's data claim with the stored value (hash_equals): the answer is to this very request.
$problems = jwt_checks::check($payload, $config->clientid, $CFG->wwwroot, $config->typeid, (string) $waiting['data'], time());
if (!$problems && !lti_adapter::verify_jwt($config->typeid, $config->clientid, $jwt)) {
    $problems[] = 'signature';
}
if (!$problems && $sessionstate->nonce_seen($payload['nonce'], time(), 3600)) {
    $problems[] = 'replay';
}
if (!$problems) {
    // Verified: now single use, a second post of the same answer finds nothing.
    $sessionstate->remove($returnkey);
}
$read = $problems ? ['items' => [], 'problems' => []] : deeplink_response::items($payload);
$problems = array_merge($problems, $read['problems']);
if ($problems) {
    debugging('local_amphi: deep-linking response refused: ' . implode(', ', $problems), DEBUG_DEVELOPER);
    page::error('invalidresponse');
}

$placeholders = [];
foreach ($read['items'] as $item) {
    $ph = placeholder::new_id();
    // Signed with the course it is made in: elsewhere it needs a teacher's approval (launch.php).
    $sig = placeholder::sign($secret, $item['rid'], $ph, $item['w'], $item['h'], (int) $course->id);
    $placeholders[] = [
        'html' => placeholder::build_html($config->origin, $item['rid'], $ph, $item['w'], $item['h'], (int) $course->id, $sig,
            $item['title']),
        'resourceId' => $item['rid'],
        'title' => $item['title'],
    ];
}
$targetorigin = placeholder::origin_of($CFG->wwwroot) ?? $CFG->wwwroot;
$script = deeplink_response::script(deeplink_response::message($placeholders), $targetorigin);
if ($placeholders) {
    page::show(get_string('inserted', 'local_amphi', count($placeholders)), 'success', $script);
}
page::show(get_string('cancelled', 'local_amphi'), 'info', $script);
