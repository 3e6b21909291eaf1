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
 * The Amphi tool type chosen by the administrator.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

namespace local_amphi;

defined('MOODLE_INTERNAL') || die();

/**
 * Reads the local_amphi settings and the configured LTI 1.3 type.
 */
class tool {
    /** @var string lti_types.ltiversion of LTI 1.3 types (LTI_VERSION_1P3, without loading mod_lti). */
    const LTI13 = '1.3.0';
    /** @var int lti_types.state of an active type (LTI_TOOL_STATE_CONFIGURED). */
    const STATE_CONFIGURED = 1;

    /**
     * The configured type id, 0 when none.
     *
     * @return int
     */
    public static function typeid(): int {
        $value = get_config('local_amphi', 'typeid');
        return is_numeric($value) ? (int) $value : 0;
    }

    /**
     * The placeholder key.
     *
     * @return string|null
     */
    public static function secret(): ?string {
        return placeholder::secret_from_config(get_config('local_amphi', 'placeholdersecret'));
    }

    /**
     * AMPHI_ORIGIN, read straight from lti_types so that filtering a page does not load mod_lti's library.
     *
     * @return string|null null when no usable type is configured
     */
    public static function origin(): ?string {
        global $DB;
        static $cache = [];
        $typeid = self::typeid();
        if ($typeid <= 0) {
            return null;
        }
        if (!array_key_exists($typeid, $cache)) {
            $type = $DB->get_record('lti_types', ['id' => $typeid], 'id, baseurl, ltiversion, state', IGNORE_MISSING);
            $usable = $type && $type->ltiversion === self::LTI13 && (int) $type->state === self::STATE_CONFIGURED
                && launch_request::is_amphi((string) $type->baseurl);
            $cache[$typeid] = $usable ? placeholder::origin_of((string) $type->baseurl) : null;
        }
        return $cache[$typeid];
    }

    /**
     * Everything a launch needs, or null when the type is missing, not LTI 1.3 or incomplete.
     *
     * @return \stdClass|null typeid, name, clientid, toolurl, deeplinkurl, initiatelogin, redirectionuris, origin
     */
    public static function config(): ?\stdClass {
        $config = lti_adapter::type_config(self::typeid());
        if (!$config || !$config->islti13 || (int) $config->type->state !== self::STATE_CONFIGURED) {
            return null;
        }
        $forcessl = !empty($config->lti_forcessl);
        $tool = (object) [
            'typeid' => (int) $config->typeid,
            'name' => (string) $config->lti_typename,
            'clientid' => (string) ($config->lti_clientid ?? ''),
            'toolurl' => launch_request::endpoint((string) ($config->lti_toolurl ?? ''), $forcessl),
            'deeplinkurl' => launch_request::endpoint((string) (!empty($config->lti_toolurl_ContentItemSelectionRequest)
                ? $config->lti_toolurl_ContentItemSelectionRequest : ($config->lti_toolurl ?? '')), $forcessl),
            'initiatelogin' => (string) ($config->lti_initiatelogin ?? ''),
            'redirectionuris' => (string) ($config->lti_redirectionuris ?? ''),
            'origin' => placeholder::origin_of((string) ($config->lti_toolurl ?? '')),
        ];
        if ($tool->clientid === '' || $tool->origin === null || !launch_request::is_amphi($tool->toolurl, $tool->initiatelogin)) {
            return null;
        }
        return $tool;
    }

    /**
     * The site's LTI 1.3 types that are an Amphi, for the settings page, by name.
     *
     * @return array id => name
     */
    public static function choices(): array {
        global $DB;
        $types = $DB->get_records('lti_types', ['ltiversion' => self::LTI13, 'course' => SITEID], 'name ASC',
            'id, name, state, baseurl');
        $choices = [];
        foreach ($types as $type) {
            // Only Amphi tool types: another tool would get launches it cannot answer.
            if (!launch_request::is_amphi((string) $type->baseurl)) {
                continue;
            }
            $choices[$type->id] = format_string($type->name, true, ['context' => \context_system::instance()])
                . ' (' . $type->id . ')';
        }
        return $choices;
    }
}
