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
 * Claim checks of the deep-linking response.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

namespace local_amphi;

defined('MOODLE_INTERNAL') || die();

/**
 * Pure PHP checks of a decoded LtiDeepLinkingResponse payload.
 *
 * mod_lti only verifies the signature and the times; audience, deployment, message type, version and
 * the `data` we sent are checked here (see MOODLE_API.md, lti_verify_jwt_signature).
 */
class jwt_checks {
    /** @var string */
    const CLAIM = 'https://purl.imsglobal.org/spec/lti/claim/';
    /** @var string */
    const DL_CLAIM = 'https://purl.imsglobal.org/spec/lti-dl/claim/';

    /**
     * The payload of a compact JWT, without any verification (to find the state the response belongs to).
     *
     * @param string $jwt
     * @return array|null
     */
    public static function decode_payload(string $jwt): ?array {
        $parts = explode('.', $jwt);
        if (count($parts) !== 3 || preg_match('/^[A-Za-z0-9_-]+$/', $parts[1]) !== 1) {
            return null;
        }
        $json = base64_decode(strtr($parts[1], '-_', '+/'), true);
        if ($json === false) {
            return null;
        }
        $payload = json_decode($json, true);
        return is_array($payload) ? $payload : null;
    }

    /**
     * The launch id carried by the `data` claim ("{launchid}.{hmac}"), or null.
     *
     * @param array|null $payload
     * @return string|null
     */
    public static function data_launchid(?array $payload): ?string {
        $data = $payload[self::DL_CLAIM . 'data'] ?? null;
        if (!is_string($data) || strpos($data, '.') === false) {
            return null;
        }
        $launchid = substr($data, 0, strpos($data, '.'));
        return launch_request::is_ours($launchid) ? $launchid : null;
    }

    /**
     * The problems of a payload; an empty list means every check passed.
     *
     * @param array $payload decoded claims
     * @param string $clientid the tool's client id (the response's issuer)
     * @param string $wwwroot the platform issuer (the response's audience)
     * @param int $typeid deployment id
     * @param string $data the value sent in the request
     * @param int $now
     * @param int $leeway seconds of clock skew allowed
     * @return string[] names of the failed checks
     */
    public static function check(array $payload, string $clientid, string $wwwroot, int $typeid, string $data,
            int $now, int $leeway = 60): array {
        $problems = [];
        if (!isset($payload['iss']) || !is_string($payload['iss']) || $payload['iss'] !== $clientid || $clientid === '') {
            $problems[] = 'iss';
        }
        if (!self::audience_has($payload['aud'] ?? null, $wwwroot)) {
            $problems[] = 'aud';
        }
        $deployment = $payload[self::CLAIM . 'deployment_id'] ?? null;
        if (!(is_string($deployment) || is_int($deployment)) || (string) $deployment !== (string) $typeid) {
            $problems[] = 'deployment_id';
        }
        if (($payload[self::CLAIM . 'message_type'] ?? null) !== 'LtiDeepLinkingResponse') {
            $problems[] = 'message_type';
        }
        if (($payload[self::CLAIM . 'version'] ?? null) !== '1.3.0') {
            $problems[] = 'version';
        }
        if (!isset($payload['exp']) || !is_int($payload['exp']) || $payload['exp'] + $leeway < $now) {
            $problems[] = 'exp';
        }
        if (!isset($payload['iat']) || !is_int($payload['iat']) || $payload['iat'] - $leeway > $now) {
            $problems[] = 'iat';
        }
        $got = $payload[self::DL_CLAIM . 'data'] ?? null;
        if (!is_string($got) || $data === '' || !hash_equals($data, $got)) {
            $problems[] = 'data';
        }
        if (!isset($payload['nonce']) || !is_string($payload['nonce']) || $payload['nonce'] === '') {
            $problems[] = 'nonce';
        }
        return $problems;
    }

    /**
     * Whether `aud`, a string or a list, names the platform.
     *
     * @param mixed $aud
     * @param string $wwwroot
     * @return bool
     */
    private static function audience_has($aud, string $wwwroot): bool {
        if ($wwwroot === '') {
            return false;
        }
        if (is_string($aud)) {
            return $aud === $wwwroot;
        }
        return is_array($aud) && in_array($wwwroot, $aud, true);
    }
}
