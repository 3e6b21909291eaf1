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
 * Tests of local_amphi\session_state.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

use local_amphi\launch_request;
use local_amphi\session_state;
use PHPUnit\Framework\TestCase;

/**
 * Single use, expiry, several launches side by side, nonces.
 *
 * @covers \local_amphi\session_state
 */
final class session_state_test extends TestCase {
    public function test_a_launch_state_is_read_once(): void {
        $session = new stdClass();
        $state = new session_state($session);
        $id = $state->new_launch(['type' => 'launch', 'rid' => 'r'], 1000, 300);
        $this->assertTrue(launch_request::is_ours($id));
        $this->assertSame('{"type":"launch","rid":"r","exp":1300}', $session->{$id});
        $this->assertSame(['type' => 'launch', 'rid' => 'r', 'exp' => 1300], $state->take($id, 1100));
        $this->assertNull($state->take($id, 1100));
        $this->assertFalse(isset($session->{$id}));
    }

    public function test_expired_state_is_refused_and_removed(): void {
        $session = new stdClass();
        $state = new session_state($session);
        $id = $state->new_launch(['type' => 'launch'], 1000, 300);
        $this->assertNull($state->take($id, 1301));
        $this->assertFalse(isset($session->{$id}));
    }

    public function test_several_launches_do_not_overwrite_each_other(): void {
        $session = new stdClass();
        $state = new session_state($session);
        $ids = [];
        for ($i = 0; $i < 5; $i++) {
            $ids[] = $state->new_launch(['n' => $i], 1000, 300);
        }
        $this->assertCount(5, array_unique($ids));
        foreach (array_reverse($ids, true) as $i => $id) {
            $this->assertSame($i, $state->take($id, 1000)['n']);
        }
    }

    public function test_prune_drops_only_expired_amphi_entries(): void {
        $session = new stdClass();
        $session->ltilaunch3_1 = 'mod_lti state';
        $state = new session_state($session);
        $old = $state->new_launch(['n' => 1], 1000, 300);
        $state->put(session_state::RETURN_PREFIX . 'x', ['n' => 2], 5000);
        $new = $state->new_launch(['n' => 3], 2000, 300);
        $this->assertFalse(isset($session->{$old}));
        $this->assertTrue(isset($session->{$new}));
        $this->assertTrue(isset($session->{session_state::RETURN_PREFIX . 'x'}));
        $this->assertSame('mod_lti state', $session->ltilaunch3_1);
    }

    public function test_unreadable_state_is_refused(): void {
        $session = new stdClass();
        $session->amphilaunch_AbCdEfGh12345678 = 'garbage';
        $session->amphilaunch_BbCdEfGh12345678 = '{"exp":"soon"}';
        $state = new session_state($session);
        $this->assertNull($state->take('amphilaunch_AbCdEfGh12345678', 1));
        $this->assertNull($state->take('amphilaunch_BbCdEfGh12345678', 1));
        $this->assertNull($state->take('', 1));
        $this->assertNull($state->take('missing', 1));
    }

    public function test_nonces_are_remembered_until_they_expire(): void {
        $session = new stdClass();
        $state = new session_state($session);
        $this->assertFalse($state->nonce_seen('n1', 1000, 3600));
        $this->assertTrue($state->nonce_seen('n1', 1001, 3600));
        $this->assertFalse($state->nonce_seen('n2', 1002, 3600));
        $this->assertFalse($state->nonce_seen('n1', 5000, 3600));
        for ($i = 0; $i < session_state::MAX_NONCES + 20; $i++) {
            $state->nonce_seen('bulk' . $i, 6000 + $i, 3600);
        }
        $this->assertLessThanOrEqual(session_state::MAX_NONCES, count(json_decode($session->{session_state::NONCES}, true)));
        $this->assertTrue($state->nonce_seen('bulk' . (session_state::MAX_NONCES + 19), 6300, 3600));
    }
}
