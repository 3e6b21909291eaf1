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
 * Tests of local_amphi\launch_request and local_amphi\autopost.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use local_amphi\autopost;
use local_amphi\launch_request;
use PHPUnit\Framework\TestCase;

/**
 * Login initiation, pseudo instance, deep-linking settings and OIDC checks.
 *
 * @covers \local_amphi\launch_request
 * @covers \local_amphi\autopost
 */
final class launch_request_test extends TestCase {
    public function test_login_params_carry_amphi_auth_local(): void {
        $params = launch_request::login_params('https://moodle.example.org', 'https://amphi.example.org/lti/launch', 42,
            'amphilaunch_AbCdEfGh12345678', 'client-1', 5);
        $this->assertSame([
            'iss' => 'https://moodle.example.org',
            'target_link_uri' => 'https://amphi.example.org/lti/launch',
            'login_hint' => '42',
            'lti_message_hint' => '{"launchid":"amphilaunch_AbCdEfGh12345678"}',
            'client_id' => 'client-1',
            'lti_deployment_id' => '5',
            'amphi_auth' => 'local',
        ], $params);
        $this->assertSame('amphilaunch_AbCdEfGh12345678', launch_request::launchid_from_hint($params['lti_message_hint']));
    }

    public function test_copy_decision_covers_every_case(): void {
        $launch = launch_request::COPY_LAUNCH;
        $approve = launch_request::COPY_APPROVE;
        $refuse = launch_request::COPY_REFUSE;
        $this->assertSame(['launch', 'approve-and-launch', 'refuse'], [$launch, $approve, $refuse]);
        // [placeholder course, launch course, approved, can approve] => decision.
        $cases = [
            // In its own course: always launches, whoever views it.
            [7, 7, false, false, $launch],
            [7, 7, false, true, $launch],
            [7, 7, true, false, $launch],
            [7, 7, true, true, $launch],
            // Copied into course 9 and approved there before: launches for everybody.
            [7, 9, true, false, $launch],
            [7, 9, true, true, $launch],
            // Copied, not approved yet: a teacher allowed in both courses approves it by opening it.
            [7, 9, false, true, $approve],
            // Copied, not approved, a learner (or a teacher of one course only): refused.
            [7, 9, false, false, $refuse],
        ];
        foreach ($cases as [$from, $in, $approved, $canapprove, $expected]) {
            $this->assertSame($expected, launch_request::copy_decision($from, $in, $approved, $canapprove),
                json_encode([$from, $in, $approved, $canapprove]));
        }
    }

    public function test_resource_link_id_is_stable_and_differs_per_course(): void {
        $ph = 'abcdefghijklmnopqrstuv';
        $a = launch_request::resource_link_id($ph, 7);
        $this->assertSame($a, launch_request::resource_link_id($ph, 7));
        $this->assertNotSame($a, launch_request::resource_link_id($ph, 8));
        $this->assertNotSame($a, launch_request::resource_link_id('bbcdefghijklmnopqrstuv', 7));
        $this->assertSame('amphi-' . substr(sha1($ph . '|7'), 0, 32), $a);
        $this->assertMatchesRegularExpression('/^amphi-[0-9a-f]{32}$/', $a);
    }

    public function test_pseudo_instance_is_never_a_real_activity(): void {
        $i = launch_request::pseudo_instance(7, 5, '', 'amphi-x', 'res-1', 3);
        $this->assertSame(0, $i['id']);
        $this->assertSame(0, $i['cmid']);
        $this->assertSame(7, $i['course']);
        $this->assertSame(5, $i['typeid']);
        $this->assertSame('amphi-x', $i['resource_link_id']);
        $this->assertSame("amphi_resource_id=res-1\namphi_placement=RichTextEditor", $i['instructorcustomparameters']);
        $this->assertSame(1, $i['instructorchoicesendname']);
        $this->assertSame(1, $i['instructorchoicesendemailaddr']);
        $this->assertSame(0, $i['instructorchoiceacceptgrades']);
        $this->assertSame(0, $i['instructorchoiceallowroster']);
        $this->assertSame(3, $i['launchcontainer']);
        foreach (['toolurl', 'securetoolurl', 'resourcekey', 'password', 'servicesalt'] as $empty) {
            $this->assertSame('', $i[$empty], $empty);
        }
        $this->assertSame(0, $i['debuglaunch']);
    }

    public function test_only_our_launch_ids_are_ours(): void {
        $this->assertTrue(launch_request::is_ours('amphilaunch_AbCdEfGh12345678'));
        $this->assertFalse(launch_request::is_ours('ltilaunch12_345'));
        $this->assertFalse(launch_request::is_ours('ltilaunch_ContentItemSelectionRequest123'));
        $this->assertFalse(launch_request::is_ours('amphilaunch_'));
        $this->assertFalse(launch_request::is_ours('amphilaunch_../../x'));
        $this->assertFalse(launch_request::is_ours(null));
        $this->assertNull(launch_request::launchid_from_hint('not json'));
        $this->assertNull(launch_request::launchid_from_hint('{"cmid":3}'));
        $this->assertNull(launch_request::launchid_from_hint('{"launchid":12}'));
        $this->assertSame('ltilaunch3_99', launch_request::launchid_from_hint('{"cmid":3,"launchid":"ltilaunch3_99"}'));
    }

    public function test_only_an_amphi_tool_type_is_usable(): void {
        $this->assertTrue(launch_request::is_amphi('https://amphi.example.edu/lti/launch', 'https://amphi.example.edu/lti/login'));
        $this->assertTrue(launch_request::is_amphi('https://example.edu/amphi/lti/launch'), 'behind a path prefix');
        $this->assertFalse(launch_request::is_amphi('https://tool.example.com/launch', 'https://tool.example.com/login'));
        $this->assertFalse(launch_request::is_amphi('https://amphi.example.edu/lti/launch', 'https://other.example.edu/lti/login'));
        $this->assertFalse(launch_request::is_amphi('https://amphi.example.edu/lti/launch', 'https://amphi.example.edu/oidc'));
        $this->assertFalse(launch_request::is_amphi('not a url'));
    }

    public function test_endpoint_follows_mod_lti(): void {
        $this->assertSame('http://amphi.test/lti', launch_request::endpoint(' amphi.test/lti ', false));
        $this->assertSame('https://amphi.test/lti', launch_request::endpoint('amphi.test/lti', true));
        $this->assertSame('https://amphi.test/lti', launch_request::endpoint('http://amphi.test/lti', true));
        $this->assertSame('http://amphi.test/lti', launch_request::endpoint('http://amphi.test/lti', false));
    }

    public function test_deeplink_settings(): void {
        $s = launch_request::deeplink_settings('https://m.test/local/amphi/deeplink_return.php', 'amphilaunch_x.sig', 'Amphi', 'res-9');
        $this->assertSame('ltiResourceLink', $s['accept_types']);
        $this->assertSame('iframe', $s['accept_presentation_document_targets']);
        $this->assertSame('true', $s['accept_multiple']);
        $this->assertSame('false', $s['auto_create']);
        $this->assertSame('https://m.test/local/amphi/deeplink_return.php', $s['content_item_return_url']);
        $this->assertSame('amphilaunch_x.sig', $s['data']);
        $this->assertSame('RichTextEditor', $s['custom_amphi_placement']);
        $this->assertSame('res-9', $s['custom_amphi_selected']);
        $this->assertArrayNotHasKey('custom_amphi_selected', launch_request::deeplink_settings('u', 'd', 't', ''));
        $this->assertArrayNotHasKey('custom_amphi_selected', launch_request::deeplink_settings('u', 'd', 't', 'bad id'));
    }

    public function test_deeplink_data_binds_user_and_context(): void {
        $secret = str_repeat('s', 32);
        $d = launch_request::deeplink_data($secret, 'amphilaunch_AbCdEfGh12345678', 3, 40);
        $this->assertStringStartsWith('amphilaunch_AbCdEfGh12345678.', $d);
        $this->assertSame($d, launch_request::deeplink_data($secret, 'amphilaunch_AbCdEfGh12345678', 3, 40));
        $this->assertNotSame($d, launch_request::deeplink_data($secret, 'amphilaunch_AbCdEfGh12345678', 4, 40));
        $this->assertNotSame($d, launch_request::deeplink_data($secret, 'amphilaunch_AbCdEfGh12345678', 3, 41));
        $this->assertNotSame($d, launch_request::deeplink_data(str_repeat('t', 32), 'amphilaunch_AbCdEfGh12345678', 3, 40));
    }

    public function test_redirect_uris_must_be_listed_exactly(): void {
        $listed = "https://amphi.test/lti/launch\r\n  https://amphi.test/lti/other  \n";
        $this->assertTrue(launch_request::redirect_allowed('https://amphi.test/lti/launch', $listed));
        $this->assertTrue(launch_request::redirect_allowed('https://amphi.test/lti/other', $listed));
        $this->assertFalse(launch_request::redirect_allowed('https://amphi.test/lti/launch?x', $listed));
        $this->assertFalse(launch_request::redirect_allowed('https://evil.test/lti/launch', $listed));
        $this->assertFalse(launch_request::redirect_allowed('', $listed));
        $this->assertFalse(launch_request::redirect_allowed('', ''));
    }

    public function test_oidc_checks(): void {
        $ok = ['scope' => 'openid', 'response_type' => 'id_token', 'client_id' => 'c', 'redirect_uri' => 'https://a.test/l',
            'login_hint' => '3', 'nonce' => 'n', 'response_mode' => 'form_post', 'prompt' => 'none'];
        $this->assertNull(launch_request::oidc_problem($ok));
        $this->assertNull(launch_request::oidc_problem(['prompt' => ''] + $ok));
        $this->assertSame('invalid_request', launch_request::oidc_problem(['nonce' => ''] + $ok)[0]);
        $this->assertSame('invalid_scope', launch_request::oidc_problem(['scope' => 'email'] + $ok)[0]);
        $this->assertSame('unsupported_response_type', launch_request::oidc_problem(['response_type' => 'code'] + $ok)[0]);
        $this->assertSame(['invalid_request', 'Invalid response_mode'],
            launch_request::oidc_problem(['response_mode' => 'query'] + $ok));
        $this->assertSame(['invalid_request', 'Invalid prompt'], launch_request::oidc_problem(['prompt' => 'login'] + $ok));
    }

    public function test_autopost_escapes_every_value(): void {
        $html = autopost::form('https://a.test/x?a=1&b=2', ['id_token' => 'a"b<c>', 'x"y' => "'q'", 'skip' => ['array']], 'Go <now>');
        $this->assertStringContainsString('action="https://a.test/x?a=1&amp;b=2"', $html);
        $this->assertStringContainsString('name="id_token" value="a&quot;b&lt;c&gt;"', $html);
        $this->assertStringContainsString('name="x&quot;y" value="&apos;q&apos;"', $html);
        $this->assertStringNotContainsString('skip', $html);
        $this->assertStringContainsString('<noscript><button type="submit">Go &lt;now&gt;</button></noscript>', $html);
        $this->assertMatchesRegularExpression('/<form id="(amphi-autopost-[0-9a-f]{8})".*getElementById\("\1"\)\.submit\(\)/s', $html);
    }
}
