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
 * Single-use launch state kept in the user's session.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

namespace local_amphi;

defined('MOODLE_INTERNAL') || die();

/**
 * State between the login initiation and the authentication request (and the deep-linking return).
 *
 * Several embeds on one page each get their own key, unlike the old single $SESSION->lti_message_hint.
 * The store is passed in ($SESSION in Moodle) so that the rules are tested without Moodle.
 */
class session_state {
    /** @var string Keys of deep-linking returns waiting for Amphi's answer. */
    const RETURN_PREFIX = 'amphidlret_';
    /** @var string Key of the nonces already accepted. */
    const NONCES = 'amphinonces';
    /** @var int Most nonces remembered; older ones have expired anyway. */
    const MAX_NONCES = 200;
    /** @var int Most launch and return states kept at once; a new one drops the oldest beyond it. */
    const MAX_PENDING = 30;

    /** @var object */
    private $store;

    /**
     * Constructor.
     *
     * @param object $store where state lives ($SESSION)
     */
    public function __construct(object $store) {
        $this->store = $store;
    }

    /**
     * Stores a new launch state and returns its launch id.
     *
     * @param array $state
     * @param int $now
     * @param int $ttl seconds
     * @return string
     */
    public function new_launch(array $state, int $now, int $ttl): string {
        $this->prune($now);
        $this->cap(self::MAX_PENDING - 1);
        $launchid = launch_request::LAUNCH_PREFIX . self::random16();
        $this->put($launchid, $state, $now + $ttl);
        return $launchid;
    }

    /**
     * Keeps at most $max pending launch and return states, dropping those that expire first (the oldest), so that
     * a page reloaded in a loop cannot grow the session without bound.
     *
     * @param int $max
     */
    private function cap(int $max): void {
        $pending = [];
        foreach (get_object_vars($this->store) as $key => $raw) {
            $key = (string) $key;
            if (strpos($key, launch_request::LAUNCH_PREFIX) !== 0 && strpos($key, self::RETURN_PREFIX) !== 0) {
                continue;
            }
            $state = is_string($raw) ? json_decode($raw, true) : null;
            $pending[$key] = is_array($state) && isset($state['exp']) && is_int($state['exp']) ? $state['exp'] : 0;
        }
        if (count($pending) <= $max) {
            return;
        }
        asort($pending);
        foreach (array_slice(array_keys($pending), 0, count($pending) - max(0, $max)) as $key) {
            unset($this->store->{$key});
        }
    }

    /**
     * Stores state under a key, as JSON with its expiry.
     *
     * @param string $key
     * @param array $state
     * @param int $exp
     */
    public function put(string $key, array $state, int $exp): void {
        $state['exp'] = $exp;
        $this->store->{$key} = json_encode($state);
    }

    /**
     * Reads and removes state: a second read of the same key finds nothing.
     *
     * @param string $key
     * @param int $now
     * @return array|null null when missing, unreadable or expired
     */
    public function take(string $key, int $now): ?array {
        $state = $this->peek($key, $now);
        $this->remove($key);
        return $state;
    }

    /**
     * Reads state without removing it (to check an answer before using the state up).
     *
     * @param string $key
     * @param int $now
     * @return array|null null when missing, unreadable or expired
     */
    public function peek(string $key, int $now): ?array {
        if ($key === '' || !isset($this->store->{$key})) {
            return null;
        }
        $raw = $this->store->{$key};
        $state = is_string($raw) ? json_decode($raw, true) : null;
        if (!is_array($state) || !isset($state['exp']) || !is_int($state['exp']) || $state['exp'] < $now) {
            return null;
        }
        return $state;
    }

    /**
     * Removes state, if any.
     *
     * @param string $key
     */
    public function remove(string $key): void {
        if ($key !== '') {
            unset($this->store->{$key});
        }
    }

    /**
     * Records a nonce; true when it had been seen before (a replay).
     *
     * @param string $nonce
     * @param int $now
     * @param int $ttl how long to remember it
     * @return bool
     */
    public function nonce_seen(string $nonce, int $now, int $ttl): bool {
        $raw = $this->store->{self::NONCES} ?? '';
        $seen = is_string($raw) ? json_decode($raw, true) : null;
        $seen = is_array($seen) ? $seen : [];
        $seen = array_filter($seen, function($exp) use ($now) {
            return is_int($exp) && $exp >= $now;
        });
        $key = hash('sha256', $nonce);
        $replay = isset($seen[$key]);
        if (!$replay) {
            $seen[$key] = $now + $ttl;
            if (count($seen) > self::MAX_NONCES) {
                asort($seen);
                $seen = array_slice($seen, -self::MAX_NONCES, null, true);
            }
        }
        $this->store->{self::NONCES} = json_encode($seen);
        return $replay;
    }

    /**
     * Drops expired states, left behind by frames that never came back (a page closed mid-launch).
     *
     * @param int $now
     */
    public function prune(int $now): void {
        foreach (get_object_vars($this->store) as $key => $raw) {
            $key = (string) $key;
            if (strpos($key, launch_request::LAUNCH_PREFIX) !== 0 && strpos($key, self::RETURN_PREFIX) !== 0) {
                continue;
            }
            $state = is_string($raw) ? json_decode($raw, true) : null;
            if (!is_array($state) || !isset($state['exp']) || !is_int($state['exp']) || $state['exp'] < $now) {
                unset($this->store->{$key});
            }
        }
    }

    /**
     * 16 letters and digits: Moodle's random_string() when loaded, an equivalent otherwise.
     *
     * @return string
     */
    private static function random16(): string {
        if (function_exists('random_string')) {
            return random_string(16);
        }
        $chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
        $out = '';
        for ($i = 0; $i < 16; $i++) {
            $out .= $chars[random_int(0, strlen($chars) - 1)];
        }
        return $out;
    }
}
