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

    public function test_peek_reads_without_using_up_and_remove_uses_up(): void {
        $session = new stdClass();
        $state = new session_state($session);
        $key = session_state::RETURN_PREFIX . 'AbCdEfGh12345678';
        $state->put($key, ['data' => 'd'], 2000);
        $this->assertSame(['data' => 'd', 'exp' => 2000], $state->peek($key, 1000));
        $this->assertSame(['data' => 'd', 'exp' => 2000], $state->peek($key, 1000), 'a peek leaves the state in place');
        $this->assertNull($state->peek($key, 2001), 'expired');
        $this->assertTrue(isset($session->{$key}));
        $this->assertNull($state->peek('', 1000));
        $this->assertNull($state->peek('missing', 1000));
        $state->remove($key);
        $this->assertFalse(isset($session->{$key}));
        $this->assertNull($state->peek($key, 1000));
        $this->assertNull($state->take($key, 1000));
        $state->remove('');
        $state->remove('missing');
    }

    public function test_pending_states_are_capped_dropping_the_oldest(): void {
        $session = new stdClass();
        $session->ltilaunch3_1 = 'mod_lti state';
        $session->other = 'kept';
        $state = new session_state($session);
        $state->put(session_state::RETURN_PREFIX . 'early', ['n' => -1], 1100);
        $ids = [];
        for ($i = 0; $i < session_state::MAX_PENDING + 10; $i++) {
            // Each one a second later: all still valid, so only the cap removes any.
            $ids[] = $state->new_launch(['n' => $i], 1000 + $i, 300);
        }
        $pending = array_filter(array_keys(get_object_vars($session)), function($key) {
            return strpos($key, launch_request::LAUNCH_PREFIX) === 0 || strpos($key, session_state::RETURN_PREFIX) === 0;
        });
        $this->assertCount(session_state::MAX_PENDING, $pending);
        $this->assertSame(session_state::MAX_PENDING, 30);
        // The newest are kept, the oldest (including the return that expires first) dropped.
        $this->assertFalse(isset($session->{session_state::RETURN_PREFIX . 'early'}));
        foreach (array_slice($ids, -session_state::MAX_PENDING) as $id) {
            $this->assertTrue(isset($session->{$id}), $id);
        }
        foreach (array_slice($ids, 0, 10) as $id) {
            $this->assertFalse(isset($session->{$id}), $id);
        }
        $this->assertSame('mod_lti state', $session->ltilaunch3_1);
        $this->assertSame('kept', $session->other);
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
