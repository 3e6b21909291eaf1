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
 * Tests of local_amphi\jwt_checks.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use local_amphi\jwt_checks;
use PHPUnit\Framework\TestCase;

/**
 * Each claim check of the deep-linking response, one failure at a time.
 *
 * @covers \local_amphi\jwt_checks
 */
final class jwt_checks_test extends TestCase {
    /** @var int */
    const NOW = 1800000000;
    /** @var string */
    const DATA = 'amphilaunch_AbCdEfGh12345678.c2lnbmF0dXJl';

    /**
     * A payload that passes every check.
     *
     * @return array
     */
    private static function payload(): array {
        return [
            'iss' => 'client-1',
            'aud' => 'https://moodle.example.org',
            'iat' => self::NOW - 5,
            'exp' => self::NOW + 300,
            'nonce' => 'n-1',
            jwt_checks::CLAIM . 'deployment_id' => '5',
            jwt_checks::CLAIM . 'message_type' => 'LtiDeepLinkingResponse',
            jwt_checks::CLAIM . 'version' => '1.3.0',
            jwt_checks::DL_CLAIM . 'data' => self::DATA,
            jwt_checks::DL_CLAIM . 'content_items' => [],
        ];
    }

    /**
     * The problems of a payload.
     *
     * @param array $payload
     * @return string[]
     */
    private static function check(array $payload): array {
        return jwt_checks::check($payload, 'client-1', 'https://moodle.example.org', 5, self::DATA, self::NOW);
    }

    public function test_a_good_payload_passes(): void {
        $this->assertSame([], self::check(self::payload()));
        $this->assertSame([], self::check(['aud' => ['other', 'https://moodle.example.org']] + self::payload()));
        $this->assertSame([], self::check([jwt_checks::CLAIM . 'deployment_id' => 5] + self::payload()));
        // Clock skew within the leeway.
        $this->assertSame([], self::check(['exp' => self::NOW - 30, 'iat' => self::NOW + 30] + self::payload()));
    }

    /**
     * @return array
     */
    public static function failures(): array {
        $p = self::payload();
        $without = function(string $claim) use ($p): array {
            unset($p[$claim]);
            return $p;
        };
        return [
            'iss other' => ['iss', ['iss' => 'client-2'] + $p],
            'iss missing' => ['iss', $without('iss')],
            'aud other' => ['aud', ['aud' => 'https://evil.example.org'] + $p],
            'aud list without us' => ['aud', ['aud' => ['a', 'b']] + $p],
            'aud missing' => ['aud', $without('aud')],
            'deployment other' => ['deployment_id', [jwt_checks::CLAIM . 'deployment_id' => '6'] + $p],
            'deployment missing' => ['deployment_id', $without(jwt_checks::CLAIM . 'deployment_id')],
            'message type' => ['message_type', [jwt_checks::CLAIM . 'message_type' => 'LtiResourceLinkRequest'] + $p],
            'version' => ['version', [jwt_checks::CLAIM . 'version' => '1.1'] + $p],
            'expired' => ['exp', ['exp' => self::NOW - 61] + $p],
            'exp missing' => ['exp', $without('exp')],
            'exp as string' => ['exp', ['exp' => (string) (self::NOW + 60)] + $p],
            'issued in the future' => ['iat', ['iat' => self::NOW + 61] + $p],
            'iat missing' => ['iat', $without('iat')],
            'data other' => ['data', [jwt_checks::DL_CLAIM . 'data' => self::DATA . 'x'] + $p],
            'data missing' => ['data', $without(jwt_checks::DL_CLAIM . 'data')],
            'data not a string' => ['data', [jwt_checks::DL_CLAIM . 'data' => ['x']] + $p],
            'nonce missing' => ['nonce', $without('nonce')],
            'nonce empty' => ['nonce', ['nonce' => ''] + $p],
        ];
    }

    /**
     * @dataProvider failures
     * @param string $problem
     * @param array $payload
     */
    public function test_each_failure_is_reported_alone(string $problem, array $payload): void {
        $this->assertSame([$problem], self::check($payload));
    }

    public function test_empty_expectations_never_pass(): void {
        $this->assertContains('iss', jwt_checks::check(['iss' => ''] + self::payload(), '', 'https://moodle.example.org', 5,
            self::DATA, self::NOW));
        $this->assertContains('data', jwt_checks::check([jwt_checks::DL_CLAIM . 'data' => ''] + self::payload(), 'client-1',
            'https://moodle.example.org', 5, '', self::NOW));
        $this->assertContains('aud', jwt_checks::check(['aud' => ''] + self::payload(), 'client-1', '', 5, self::DATA,
            self::NOW));
    }

    public function test_decode_payload(): void {
        $b64 = function(string $s): string {
            return rtrim(strtr(base64_encode($s), '+/', '-_'), '=');
        };
        $jwt = $b64('{"alg":"RS256"}') . '.' . $b64(json_encode(self::payload())) . '.' . $b64('sig');
        $this->assertSame(self::payload(), jwt_checks::decode_payload($jwt));
        $this->assertSame('amphilaunch_AbCdEfGh12345678', jwt_checks::data_launchid(jwt_checks::decode_payload($jwt)));
        $this->assertNull(jwt_checks::decode_payload('a.b'));
        $this->assertNull(jwt_checks::decode_payload('a.!!.c'));
        $this->assertNull(jwt_checks::decode_payload('a.' . $b64('not json') . '.c'));
        $this->assertNull(jwt_checks::decode_payload('a.' . $b64('"string"') . '.c'));
        $this->assertNull(jwt_checks::data_launchid(null));
        $this->assertNull(jwt_checks::data_launchid([jwt_checks::DL_CLAIM . 'data' => 'ltilaunch3_4.x']));
        $this->assertNull(jwt_checks::data_launchid([jwt_checks::DL_CLAIM . 'data' => 'amphilaunch_AbCdEfGh12345678']));
    }
}
