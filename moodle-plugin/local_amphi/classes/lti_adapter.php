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
 * The one place that calls mod_lti's functions.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

namespace local_amphi;

defined('MOODLE_INTERNAL') || die();

/**
 * Wraps mod/lti/locallib.php so that a future move to core_ltix changes this file only.
 *
 * Every lti_* function used is listed, with its signature per Moodle branch, in MOODLE_API.md.
 */
class lti_adapter {
    /** @var string[] The functions this class needs. */
    const NEEDED = ['lti_get_type', 'lti_get_type_type_config', 'lti_get_type_config', 'lti_get_launch_data',
        'lti_build_request', 'lti_build_standard_message', 'lti_build_custom_parameters', 'lti_get_organizationid',
        'lti_sign_jwt', 'lti_verify_jwt_signature'];

    /**
     * Loads mod_lti's library once; false when a function we need is missing.
     *
     * @return bool
     */
    public static function ready(): bool {
        global $CFG;
        static $ready = null;
        if ($ready === null) {
            $file = $CFG->dirroot . '/mod/lti/locallib.php';
            if (is_readable($file)) {
                require_once($file);
            }
            $ready = defined('LTI_VERSION_1P3');
            foreach (self::NEEDED as $function) {
                $ready = $ready && function_exists($function);
            }
        }
        return $ready;
    }

    /**
     * The type's configuration (lti_get_type_type_config()) plus its row, or null when it does not exist.
     *
     * @param int $typeid
     * @return \stdClass|null with ->type (the lti_types row) and mod_lti's lti_* fields
     */
    public static function type_config(int $typeid): ?\stdClass {
        if ($typeid <= 0 || !self::ready()) {
            return null;
        }
        $type = lti_get_type($typeid);
        if (!$type) {
            return null;
        }
        $config = lti_get_type_type_config($typeid);
        $config->type = $type;
        $config->islti13 = ($type->ltiversion === LTI_VERSION_1P3);
        return $config;
    }

    /**
     * The launch container of embeds.
     *
     * @return int
     */
    public static function embed_container(): int {
        return self::ready() ? LTI_LAUNCH_CONTAINER_EMBED_NO_BLOCKS : 3;
    }

    /**
     * A signed resource-link launch (id_token) for a pseudo instance; the caller has run require_login($course).
     *
     * @param \stdClass $instance see launch_request::pseudo_instance()
     * @param string $nonce the tool's nonce
     * @return array [endpoint, params]
     */
    public static function launch_data(\stdClass $instance, string $nonce): array {
        self::require_ready();
        return lti_get_launch_data($instance, $nonce, 'basic-lti-launch-request', 0);
    }

    /**
     * A signed LtiDeepLinkingRequest, built as lti_build_content_item_selection_request() does but with our settings.
     *
     * Service and ltisource additions are left out on purpose: content in a text is not graded, so no
     * line-item endpoints are offered.
     *
     * @param int $typeid
     * @param \stdClass $course
     * @param array $settings see launch_request::deeplink_settings()
     * @param string $nonce
     * @return array ['id_token' => jwt]
     */
    public static function deeplink_request(int $typeid, \stdClass $course, array $settings, string $nonce): array {
        self::require_ready();
        $tool = lti_get_type($typeid);
        $typeconfig = lti_get_type_config($typeid);
        $instance = (object) ['course' => $course->id];
        $params = lti_build_request($instance, $typeconfig, $course, $typeid, false, 'ContentItemSelectionRequest');
        $params = array_merge($params, lti_build_standard_message(null, lti_get_organizationid($typeconfig),
            $tool->ltiversion, 'ContentItemSelectionRequest'));
        $params = array_merge($params, lti_build_custom_parameters(null, $tool, $instance, $params,
            $typeconfig['customparameters'] ?? '', '', false));
        foreach (['resource_link_id', 'resource_link_title', 'resource_link_description',
                'launch_presentation_return_url', 'lis_result_sourcedid'] as $unwanted) {
            unset($params[$unwanted]);
        }
        $params = array_merge($params, $settings);
        $toolurl = !empty($typeconfig['toolurl_ContentItemSelectionRequest'])
            ? $typeconfig['toolurl_ContentItemSelectionRequest'] : ($typeconfig['toolurl'] ?? '');
        $endpoint = launch_request::endpoint($toolurl, !empty($typeconfig['forcessl']));
        return lti_sign_jwt($params, $endpoint, $tool->clientid, $typeid, $nonce);
    }

    /**
     * Whether a JWT is signed by the tool's key (RSA key or JWKS, as configured on the type).
     *
     * @param int $typeid
     * @param string $clientid
     * @param string $jwt
     * @return bool
     */
    public static function verify_jwt(int $typeid, string $clientid, string $jwt): bool {
        if (!self::ready()) {
            return false;
        }
        try {
            lti_verify_jwt_signature($typeid, $clientid, $jwt);
            return true;
        } catch (\Throwable $e) {
            // Bad signature, expired token or an unreachable key set: all mean "not verified".
            debugging('local_amphi: JWT not verified: ' . $e->getMessage(), DEBUG_DEVELOPER);
            return false;
        }
    }

    /**
     * Stops with a clear error when mod_lti is not usable.
     */
    private static function require_ready(): void {
        if (!self::ready()) {
            throw new \moodle_exception('ltimissing', 'local_amphi');
        }
    }
}
