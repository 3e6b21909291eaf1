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
 * OIDC authentication endpoint for Amphi's embedded launches and editor deep linking.
 *
 * mod/lti/auth.php can only launch a real activity or deep link into a new one; this endpoint answers the
 * launches started by launch.php and deeplink.php, and forwards every other request to mod/lti/auth.php.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

require_once(__DIR__ . '/../../config.php');

use local_amphi\launch_request;
use local_amphi\lti_adapter;
use local_amphi\page;
use local_amphi\session_state;
use local_amphi\tool;

// Read raw only to forward them unchanged; the values used here are read again with their own types below.
$raw = [];
foreach (['scope', 'response_type', 'client_id', 'redirect_uri', 'login_hint', 'lti_message_hint', 'state',
        'response_mode', 'nonce', 'prompt'] as $name) {
    $value = optional_param($name, '', PARAM_RAW);
    if ($value !== '') {
        $raw[$name] = $value;
    }
}
page::setup('/local/amphi/auth.php', context_system::instance());

// A cross-site request can arrive without the session cookie; posting it again from this origin brings it.
if (!isloggedin() && !optional_param('repost', false, PARAM_BOOL)) {
    // Without the cookie Moodle started a new, empty session: its cookie must not replace the user's one
    // (mod/lti/auth.php does the same).
    header_remove('Set-Cookie');
    page::autopost((new moodle_url('/local/amphi/auth.php'))->out(false), $raw + ['repost' => 1]);
}

$launchid = launch_request::launchid_from_hint(optional_param('lti_message_hint', '', PARAM_TEXT));
if ($launchid === null || strpos($launchid, launch_request::LAUNCH_PREFIX) !== 0) {
    // Lets this URL also be the tool's general auth URL: activities and core deep linking keep working.
    page::autopost((new moodle_url('/mod/lti/auth.php'))->out(false), $raw);
}
if (!launch_request::is_ours($launchid)) {
    page::error('expired');
}

$request = [
    'scope' => optional_param('scope', '', PARAM_TEXT),
    'response_type' => optional_param('response_type', '', PARAM_TEXT),
    'client_id' => optional_param('client_id', '', PARAM_TEXT),
    'redirect_uri' => optional_param('redirect_uri', '', PARAM_URL),
    'login_hint' => optional_param('login_hint', '', PARAM_TEXT),
    'nonce' => optional_param('nonce', '', PARAM_TEXT),
    'response_mode' => optional_param('response_mode', '', PARAM_TEXT),
    'prompt' => optional_param('prompt', '', PARAM_TEXT),
];
$oidcstate = optional_param('state', '', PARAM_TEXT);

$sessionstate = new session_state($SESSION);
$launch = $sessionstate->take($launchid, time());
if ($launch === null || !isset($launch['type'], $launch['typeid'], $launch['course'], $launch['userid'])) {
    page::error('expired');
}
$config = tool::config();
if ($config === null || $config->typeid !== (int) $launch['typeid']) {
    page::error('notconfigured');
}
// Nothing, not even an error, is posted to a redirect_uri the tool type does not list.
if (!launch_request::redirect_allowed($request['redirect_uri'], $config->redirectionuris)) {
    page::error('launcherror');
}

$problem = launch_request::oidc_problem($request);
if ($problem === null && $request['client_id'] !== $config->clientid) {
    $problem = ['unauthorized_client', ''];
}
if ($problem === null && ($request['login_hint'] !== (string) $USER->id || (int) $launch['userid'] !== (int) $USER->id)) {
    $problem = ['access_denied', ''];
}
if ($problem !== null) {
    $answer = ['error' => $problem[0]];
    if ($problem[1] !== '') {
        $answer['error_description'] = $problem[1];
    }
    if ($oidcstate !== '') {
        $answer['state'] = $oidcstate;
    }
    page::autopost($request['redirect_uri'], $answer);
}

$course = $DB->get_record('course', ['id' => (int) $launch['course']], '*', IGNORE_MISSING);
if (!$course) {
    page::error('nocourse');
}
// lti_get_launch_data() reads $PAGE->course, so the course must be set first.
require_login($course);
if (isguestuser()) {
    page::error('noguests');
}

try {
    if ($launch['type'] === 'launch') {
        $instance = (object) launch_request::pseudo_instance((int) $course->id, $config->typeid, (string) $launch['title'],
            (string) $launch['rlid'], (string) $launch['rid'], lti_adapter::embed_container());
        // The id_token goes to the redirect_uri checked above, not to the endpoint mod_lti returns first.
        $answer = lti_adapter::launch_data($instance, $request['nonce'])[1];
    } else if ($launch['type'] === 'deeplink') {
        $contextid = (int) ($launch['contextid'] ?? 0);
        $context = $contextid > 0 ? context::instance_by_id($contextid, IGNORE_MISSING) : false;
        if (!$context || !has_capability('local/amphi:insert', $context)) {
            page::error('nopermission');
        }
        $secret = tool::secret();
        if ($secret === null) {
            page::error('notconfigured');
        }
        $data = launch_request::deeplink_data($secret, $launchid, (int) $USER->id, (int) $context->id);
        $returnkey = session_state::RETURN_PREFIX . substr($launchid, strlen(launch_request::LAUNCH_PREFIX));
        // The picker may stay open a while; the answer must come back within the hour.
        $sessionstate->put($returnkey, ['course' => (int) $course->id, 'typeid' => $config->typeid,
            'contextid' => (int) $context->id, 'userid' => (int) $USER->id, 'data' => $data], time() + 3600);
        $returnurl = (new moodle_url('/local/amphi/deeplink_return.php'))->out(false);
        $settings = launch_request::deeplink_settings($returnurl, $data, $config->name, (string) ($launch['selected'] ?? ''));
        $answer = lti_adapter::deeplink_request($config->typeid, $course, $settings, $request['nonce']);
    } else {
        page::error('expired');
    }
} catch (Throwable $e) {
    debugging('local_amphi: launch not built: ' . $e->getMessage(), DEBUG_DEVELOPER);
    page::error('launcherror');
}
if ($oidcstate !== '') {
    $answer['state'] = $oidcstate;
}
page::autopost($request['redirect_uri'], $answer);
