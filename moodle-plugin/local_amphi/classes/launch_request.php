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
 * The parameters of Amphi's launches, built from plain values.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

namespace local_amphi;

defined('MOODLE_INTERNAL') || die();

/**
 * Pure PHP: what launch.php, deeplink.php and auth.php send, without touching Moodle.
 */
class launch_request {
    /** @var string Own prefix, so that mod/lti/auth.php can never mistake our state for its own. */
    const LAUNCH_PREFIX = 'amphilaunch_';
    /** @var string Placement that makes Amphi's picker run in editor mode (no grading). */
    const PLACEMENT = 'RichTextEditor';

    /**
     * The resource link id of a placeholder in a course.
     *
     * Course specific on purpose: a copied course gets its own link and Amphi applies its course-copy rule.
     *
     * @param string $ph
     * @param int $courseid
     * @return string
     */
    public static function resource_link_id(string $ph, int $courseid): string {
        return 'amphi-' . substr(sha1($ph . '|' . $courseid), 0, 32);
    }

    /** @var string copy_decision(): the placeholder is used in its own course, or the copy was approved before. */
    const COPY_LAUNCH = 'launch';
    /** @var string copy_decision(): the viewer may approve the copy: store the approval, then launch. */
    const COPY_APPROVE = 'approve-and-launch';
    /** @var string copy_decision(): a copy nobody allowed in both courses has opened yet. */
    const COPY_REFUSE = 'refuse';

    /**
     * What launch.php does with a placeholder made in one course and opened in another.
     *
     * A placeholder copied into another course (course copy, backup and restore, import, paste) opens there only
     * when a teacher who may insert Amphi content in that course and import from the original one has approved it
     * once (by opening it); otherwise anyone who could read a signed link could open its content in any course.
     *
     * @param int $placeholdercourse the course signed in the placeholder (c)
     * @param int $launchcourse the course of the page showing it
     * @param bool $approved an approval for (ph, launch course) is stored
     * @param bool $canapprove the viewer has local/amphi:insert in the launch course and
     *     moodle/backup:backuptargetimport in the placeholder's course
     * @return string COPY_LAUNCH, COPY_APPROVE or COPY_REFUSE
     */
    public static function copy_decision(int $placeholdercourse, int $launchcourse, bool $approved,
            bool $canapprove): string {
        if ($placeholdercourse === $launchcourse || $approved) {
            return self::COPY_LAUNCH;
        }
        return $canapprove ? self::COPY_APPROVE : self::COPY_REFUSE;
    }

    /**
     * Whether a tool type is an Amphi: its tool URL and its login URL are Amphi's (lti-config.json: /lti/launch and
     * /lti/login) on one origin. Another tool would receive launches meant for Amphi, and could not answer them.
     *
     * @param string $toolurl
     * @param string $initiatelogin empty when only the tool URL is known (lti_types.baseurl)
     * @return bool
     */
    public static function is_amphi(string $toolurl, string $initiatelogin = ''): bool {
        $path = (string) parse_url($toolurl, PHP_URL_PATH);
        if (placeholder::origin_of($toolurl) === null || !preg_match('~/lti/launch/?$~', $path)) {
            return false;
        }
        if ($initiatelogin === '') {
            return true;
        }
        return placeholder::origin_of($initiatelogin) === placeholder::origin_of($toolurl)
            && (bool) preg_match('~/lti/login/?$~', (string) parse_url($initiatelogin, PHP_URL_PATH));
    }

    /**
     * The tool URL as mod_lti would send it (scheme added, https forced when the type asks).
     *
     * @param string $url
     * @param bool $forcessl
     * @return string
     */
    public static function endpoint(string $url, bool $forcessl): string {
        $url = trim($url);
        if (strpos($url, '://') === false) {
            $url = ($forcessl ? 'https://' : 'http://') . $url;
        } else if ($forcessl && stripos($url, 'http://') === 0) {
            $url = 'https://' . substr($url, 7);
        }
        return $url;
    }

    /**
     * The login initiation parameters (OIDC third-party initiated login).
     *
     * @param string $wwwroot issuer
     * @param string $targetlinkuri
     * @param int $userid
     * @param string $launchid session key of the stored state
     * @param string $clientid
     * @param int $typeid deployment id
     * @return array
     */
    public static function login_params(string $wwwroot, string $targetlinkuri, int $userid, string $launchid,
            string $clientid, int $typeid): array {
        return [
            'iss' => $wwwroot,
            'target_link_uri' => $targetlinkuri,
            'login_hint' => (string) $userid,
            'lti_message_hint' => json_encode(['launchid' => $launchid]),
            'client_id' => $clientid,
            'lti_deployment_id' => (string) $typeid,
            // Tells Amphi to send the authentication request to local/amphi/auth.php.
            'amphi_auth' => 'local',
        ];
    }

    /**
     * The launch id of an lti_message_hint, or null when there is none.
     *
     * @param string $hint JSON from the login initiation
     * @return string|null
     */
    public static function launchid_from_hint(string $hint): ?string {
        $decoded = json_decode($hint, true);
        if (!is_array($decoded) || !isset($decoded['launchid']) || !is_string($decoded['launchid'])) {
            return null;
        }
        return $decoded['launchid'];
    }

    /**
     * Whether a launch id is one of ours (anything else goes to mod/lti/auth.php).
     *
     * @param string|null $launchid
     * @return bool
     */
    public static function is_ours(?string $launchid): bool {
        return $launchid !== null && preg_match('/^' . self::LAUNCH_PREFIX . '[A-Za-z0-9]{8,64}$/', $launchid) === 1;
    }

    /**
     * The fields of the pseudo lti instance that lti_get_launch_data() reads.
     *
     * id 0 and cmid 0: no real activity row can ever match (gradebook services look instances up by id),
     * and lti_get_ims_role() then uses the course context for the role.
     *
     * @param int $courseid
     * @param int $typeid
     * @param string $name
     * @param string $rlid
     * @param string $rid
     * @param int $launchcontainer LTI_LAUNCH_CONTAINER_EMBED_NO_BLOCKS
     * @return array
     */
    public static function pseudo_instance(int $courseid, int $typeid, string $name, string $rlid, string $rid,
            int $launchcontainer): array {
        return [
            'id' => 0,
            'cmid' => 0,
            'course' => $courseid,
            'typeid' => $typeid,
            'name' => $name,
            'toolurl' => '',
            'securetoolurl' => '',
            'resource_link_id' => $rlid,
            // The placement tells Amphi the page is a frame inside a text: it shows the content only.
            'instructorcustomparameters' => 'amphi_resource_id=' . $rid . "\namphi_placement=RichTextEditor",
            'instructorchoicesendname' => 1,
            'instructorchoicesendemailaddr' => 1,
            'instructorchoiceacceptgrades' => 0,
            'instructorchoiceallowroster' => 0,
            'launchcontainer' => $launchcontainer,
            'resourcekey' => '',
            'password' => '',
            'servicesalt' => '',
            'debuglaunch' => 0,
        ];
    }

    /**
     * The deep-linking `data` value: launch id plus an HMAC binding it to the user and the editor's context.
     *
     * @param string $secret
     * @param string $launchid
     * @param int $userid
     * @param int $contextid
     * @return string
     */
    public static function deeplink_data(string $secret, string $launchid, int $userid, int $contextid): string {
        $message = 'amphi-deeplink|' . $launchid . '|' . $userid . '|' . $contextid;
        return $launchid . '.' . placeholder::b64url(hash_hmac('sha256', $message, $secret, true));
    }

    /**
     * The deep-linking settings of an editor request, in mod_lti's parameter names (lti_sign_jwt maps them).
     *
     * accept_lineitem is absent: lti_sign_jwt has no claim for it, and Amphi reads the placement instead.
     *
     * @param string $returnurl
     * @param string $data
     * @param string $title
     * @param string $selected resource id to preselect, or ''
     * @return array
     */
    public static function deeplink_settings(string $returnurl, string $data, string $title, string $selected): array {
        $params = [
            'accept_types' => 'ltiResourceLink',
            'accept_presentation_document_targets' => 'iframe',
            'accept_copy_advice' => 'false',
            'accept_multiple' => 'true',
            'accept_unsigned' => 'false',
            'auto_create' => 'false',
            'can_confirm' => 'false',
            'content_item_return_url' => $returnurl,
            'title' => $title,
            'text' => '',
            'data' => $data,
            'custom_amphi_placement' => self::PLACEMENT,
        ];
        if ($selected !== '' && preg_match(placeholder::RID_PATTERN, $selected)) {
            $params['custom_amphi_selected'] = $selected;
        }
        return $params;
    }

    /**
     * Whether a redirect_uri is one of the type's redirection URIs (one per line).
     *
     * @param string $uri
     * @param string $configured
     * @return bool
     */
    public static function redirect_allowed(string $uri, string $configured): bool {
        if ($uri === '') {
            return false;
        }
        $uris = array_map('trim', preg_split('/\r\n|\r|\n/', $configured));
        return in_array($uri, $uris, true);
    }

    /**
     * The OIDC error of an authentication request, checked as mod/lti/auth.php does; null when it is acceptable.
     *
     * @param array $p scope, response_type, client_id, redirect_uri, login_hint, nonce, response_mode, prompt
     * @return array|null [error, description]
     */
    public static function oidc_problem(array $p): ?array {
        foreach (['scope', 'response_type', 'client_id', 'redirect_uri', 'login_hint', 'nonce'] as $name) {
            if (!isset($p[$name]) || $p[$name] === '') {
                return ['invalid_request', 'Missing ' . $name];
            }
        }
        if ($p['scope'] !== 'openid') {
            return ['invalid_scope', ''];
        }
        if ($p['response_type'] !== 'id_token') {
            return ['unsupported_response_type', ''];
        }
        if (($p['response_mode'] ?? '') !== 'form_post') {
            return ['invalid_request', 'Invalid response_mode'];
        }
        if (!empty($p['prompt']) && $p['prompt'] !== 'none') {
            return ['invalid_request', 'Invalid prompt'];
        }
        return null;
    }
}
