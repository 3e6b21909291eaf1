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
 * The signed link that editors insert and the filter turns into an embedded launch.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

namespace local_amphi;

defined('MOODLE_INTERNAL') || die();

/**
 * Builds, signs, verifies and finds placeholders.
 *
 * No Moodle call here: the caller passes the secret and the origin, so the rules can be unit tested alone.
 * A placeholder is a plain <a href> because HTML Purifier keeps links for authors without the trust permission.
 */
class placeholder {
    /** @var string Amphi resource ids. */
    const RID_PATTERN = '/^[A-Za-z0-9-]{1,64}$/';
    /** @var string 16 random bytes in base64url. */
    const PH_PATTERN = '/^[A-Za-z0-9_-]{22}$/';
    /** @var string HMAC-SHA256 (32 bytes) in base64url without padding. */
    const SIG_PATTERN = '/^[A-Za-z0-9_-]{43}$/';
    /** @var int */
    const MIN_W = 200;
    /** @var int */
    const MAX_W = 3840;
    /** @var int */
    const MIN_H = 150;
    /** @var int */
    const MAX_H = 2160;
    /** @var string Moodle course ids as written in a placeholder: 1 to 10 digits, no leading zero. */
    const COURSE_PATTERN = '/^[1-9][0-9]{0,9}$/';
    /** @var int Longest title kept, in characters. */
    const TITLE_MAX = 255;

    /**
     * The HMAC key from the stored config value, or null when it is missing or too short to trust.
     *
     * @param mixed $stored base64 of the random bytes written at install
     * @return string|null
     */
    public static function secret_from_config($stored): ?string {
        if (!is_string($stored) || $stored === '') {
            return null;
        }
        $raw = base64_decode($stored, true);
        if ($raw === false || strlen($raw) < 32) {
            return null;
        }
        return $raw;
    }

    /**
     * Base64url without padding, the encoding of ph and sig.
     *
     * @param string $bytes
     * @return string
     */
    public static function b64url(string $bytes): string {
        return rtrim(strtr(base64_encode($bytes), '+/', '-_'), '=');
    }

    /**
     * A new placeholder id.
     *
     * @return string 22 characters
     */
    public static function new_id(): string {
        return self::b64url(random_bytes(16));
    }

    /**
     * Whether the signed fields have the shapes the contract allows.
     *
     * @param string $rid
     * @param string $ph
     * @param int $w
     * @param int $h
     * @param int $c Moodle course id where the placeholder was made
     * @return bool
     */
    public static function valid_fields(string $rid, string $ph, int $w, int $h, int $c): bool {
        return preg_match(self::RID_PATTERN, $rid) === 1 && preg_match(self::PH_PATTERN, $ph) === 1
            && $w >= self::MIN_W && $w <= self::MAX_W && $h >= self::MIN_H && $h <= self::MAX_H
            && $c >= 1 && $c <= 9999999999;
    }

    /**
     * The signature of a placeholder.
     *
     * The course where the placeholder was made ($c) is signed: in another course (a copy, a restore, an import, a
     * paste) launch.php opens it only once a teacher allowed in both courses has approved it there.
     *
     * @param string $secret raw key bytes
     * @param string $rid
     * @param string $ph
     * @param int $w
     * @param int $h
     * @param int $c Moodle course id where the placeholder was made
     * @return string
     */
    public static function sign(string $secret, string $rid, string $ph, int $w, int $h, int $c): string {
        if (!self::valid_fields($rid, $ph, $w, $h, $c)) {
            throw new \InvalidArgumentException('Placeholder fields out of range');
        }
        $message = 'amphi-placeholder|' . $rid . '|' . $ph . '|' . $w . '|' . $h . '|' . $c;
        return self::b64url(hash_hmac('sha256', $message, $secret, true));
    }

    /**
     * Whether a signature is ours for these fields.
     *
     * @param string $secret
     * @param string $rid
     * @param string $ph
     * @param int $w
     * @param int $h
     * @param int $c
     * @param string $sig
     * @return bool
     */
    public static function verify(string $secret, string $rid, string $ph, int $w, int $h, int $c, string $sig): bool {
        if ($secret === '' || !self::valid_fields($rid, $ph, $w, $h, $c) || preg_match(self::SIG_PATTERN, $sig) !== 1) {
            return false;
        }
        return hash_equals(self::sign($secret, $rid, $ph, $w, $h, $c), $sig);
    }

    /**
     * The token that binds a launch to the context of the text showing the placeholder.
     *
     * Not bound to the user: Moodle may cache filtered text and serve it to everyone who sees it. launch.php checks
     * the viewer's access to that context (an activity's visibility and availability), so the context must not be
     * replaceable by another one of the course.
     *
     * @param string $secret raw key bytes
     * @param string $ph
     * @param int $courseid the course of the page (launch.php's course)
     * @param int $contextid the context of the filtered text
     * @return string base64url of HMAC-SHA256, 43 characters
     */
    public static function context_token(string $secret, string $ph, int $courseid, int $contextid): string {
        $message = 'amphi-embed|' . $ph . '|' . $courseid . '|' . $contextid;
        return self::b64url(hash_hmac('sha256', $message, $secret, true));
    }

    /**
     * Whether a context token is ours for this placeholder, course and context (constant-time comparison).
     *
     * @param string $secret
     * @param string $ph
     * @param int $courseid
     * @param int $contextid
     * @param string $token
     * @return bool
     */
    public static function verify_context_token(string $secret, string $ph, int $courseid, int $contextid,
            string $token): bool {
        if ($secret === '' || preg_match(self::PH_PATTERN, $ph) !== 1 || $courseid < 1 || $contextid < 1
                || preg_match(self::SIG_PATTERN, $token) !== 1) {
            return false;
        }
        return hash_equals(self::context_token($secret, $ph, $courseid, $contextid), $token);
    }

    /**
     * Default size of an item that came without one.
     *
     * @param string $kind Amphi resource kind when known
     * @return int[] [width, height]
     */
    public static function default_size(string $kind): array {
        return $kind === 'video' ? [640, 360] : [960, 640];
    }

    /**
     * Keeps a size inside the signed range instead of refusing an item for a few pixels.
     *
     * @param mixed $value
     * @param int $min
     * @param int $max
     * @param int $default
     * @return int
     */
    public static function clamp($value, int $min, int $max, int $default): int {
        if (is_string($value) && preg_match('/^[0-9]{1,6}$/', $value)) {
            $value = (int) $value;
        }
        if (!is_int($value)) {
            return $default;
        }
        return max($min, min($max, $value));
    }

    /**
     * scheme://host[:port] of a URL, lower case, default ports left out; null for anything but http(s).
     *
     * @param string $url
     * @return string|null
     */
    public static function origin_of(string $url): ?string {
        $parts = parse_url(trim($url));
        if (!is_array($parts) || empty($parts['scheme']) || empty($parts['host'])
                || isset($parts['user']) || isset($parts['pass'])) {
            return null;
        }
        $scheme = strtolower($parts['scheme']);
        if ($scheme !== 'http' && $scheme !== 'https') {
            return null;
        }
        $origin = $scheme . '://' . strtolower($parts['host']);
        if (isset($parts['port'])) {
            $default = $scheme === 'https' ? 443 : 80;
            if ((int) $parts['port'] !== $default) {
                $origin .= ':' . (int) $parts['port'];
            }
        }
        return $origin;
    }

    /**
     * Text fit for a title: one line, valid UTF-8, at most TITLE_MAX characters.
     *
     * @param string $title
     * @param string $fallback used when nothing readable is left
     * @return string
     */
    public static function clean_title(string $title, string $fallback): string {
        if (preg_match('//u', $title) !== 1) {
            return $fallback;
        }
        $title = trim(preg_replace('/[\s\x{00A0}]+/u', ' ', $title));
        if ($title === '') {
            return $fallback;
        }
        if (preg_match('/^.{0,' . self::TITLE_MAX . '}/us', $title, $m) === 1) {
            $title = rtrim($m[0]);
        }
        return $title;
    }

    /**
     * The placeholder HTML an editor inserts.
     *
     * @param string $origin AMPHI_ORIGIN
     * @param string $rid
     * @param string $ph
     * @param int $w
     * @param int $h
     * @param int $c Moodle course id where the placeholder was made
     * @param string $sig
     * @param string $title plain text
     * @return string
     */
    public static function build_html(string $origin, string $rid, string $ph, int $w, int $h, int $c, string $sig,
            string $title): string {
        $href = rtrim($origin, '/') . '/embed/' . $rid . '?ph=' . $ph . '&w=' . $w . '&h=' . $h . '&c=' . $c
            . '&sig=' . $sig;
        return '<a href="' . self::esc($href) . '">' . self::esc(self::clean_title($title, $rid)) . '</a>';
    }

    /**
     * Finds the placeholders in a text.
     *
     * Links elsewhere are left out. With $origin null (no tool configured), only links that look like
     * placeholders are reported, so that other /embed/ links (video sites) are never touched.
     * Never throws: a text that the patterns cannot read simply has no placeholder.
     *
     * @param string $html
     * @param string|null $origin AMPHI_ORIGIN, or null when unknown
     * @return array[] in text order; each: offset, length, html, wellformed, rid, ph, w, h, c, sig, title
     */
    public static function parse(string $html, ?string $origin): array {
        if (stripos($html, '<a') === false || stripos($html, '/embed/') === false) {
            return [];
        }
        // Attributes may hold '>' inside quotes; the content stops at any other <a or </a so links never nest.
        $pattern = '~<a\b((?:[^>"\']|"[^"]*"|\'[^\']*\')*)>([^<]*(?:<(?!/?a\b)[^<]*)*)</a\s*>~i';
        if (!preg_match_all($pattern, $html, $matches, PREG_SET_ORDER | PREG_OFFSET_CAPTURE)) {
            return [];
        }
        $found = [];
        foreach ($matches as $m) {
            $href = self::href_of($m[1][0]);
            if ($href === null) {
                continue;
            }
            $fields = self::read_href($href, $origin);
            if ($fields === null) {
                continue;
            }
            $text = html_entity_decode(strip_tags($m[2][0]), ENT_QUOTES | ENT_HTML5, 'UTF-8');
            $found[] = $fields + [
                'offset' => $m[0][1],
                'length' => strlen($m[0][0]),
                'html' => $m[0][0],
                'title' => self::clean_title($text, $fields['rid'] !== '' ? $fields['rid'] : 'Amphi'),
            ];
        }
        return $found;
    }

    /**
     * The decoded href of an attribute string; the first one wins, as in browsers.
     *
     * @param string $attributes
     * @return string|null
     */
    private static function href_of(string $attributes): ?string {
        $pattern = '~([^\s=/>"\']+)(?:\s*=\s*(?:"([^"]*)"|\'([^\']*)\'|([^\s"\'<>`]+)))?~';
        if (!preg_match_all($pattern, $attributes, $all, PREG_SET_ORDER | PREG_UNMATCHED_AS_NULL)) {
            return null;
        }
        foreach ($all as $a) {
            if (strtolower($a[1]) !== 'href') {
                continue;
            }
            $value = $a[2] ?? ($a[3] ?? ($a[4] ?? ''));
            return trim(html_entity_decode($value, ENT_QUOTES | ENT_HTML5, 'UTF-8'));
        }
        return null;
    }

    /**
     * Placeholder fields of an href, or null when the link is not a placeholder candidate.
     *
     * @param string $href
     * @param string|null $origin
     * @return array|null
     */
    private static function read_href(string $href, ?string $origin): ?array {
        $linkorigin = self::origin_of($href);
        if ($linkorigin === null || ($origin !== null && $linkorigin !== $origin)) {
            return null;
        }
        $parts = parse_url($href);
        $path = $parts['path'] ?? '';
        if (strpos($path, '/embed/') !== 0) {
            return null;
        }
        $query = self::query_of($parts['query'] ?? '');
        $keys = ['ph', 'w', 'h', 'c', 'sig'];
        if ($origin === null) {
            foreach ($keys as $key) {
                if (!isset($query[$key])) {
                    return null;
                }
            }
        }
        $rid = substr($path, strlen('/embed/'));
        $fields = ['rid' => $rid, 'ph' => '', 'w' => 0, 'h' => 0, 'c' => 0, 'sig' => '', 'wellformed' => false];
        foreach ($keys as $key) {
            if (!isset($query[$key]) || $query[$key] === false) {
                return $fields;
            }
        }
        if (!preg_match('/^[0-9]{1,4}$/', $query['w']) || !preg_match('/^[0-9]{1,4}$/', $query['h'])
                || !preg_match(self::COURSE_PATTERN, $query['c'])) {
            return $fields;
        }
        $fields['ph'] = $query['ph'];
        $fields['w'] = (int) $query['w'];
        $fields['h'] = (int) $query['h'];
        $fields['c'] = (int) $query['c'];
        $fields['sig'] = $query['sig'];
        $fields['wellformed'] = self::valid_fields($rid, $fields['ph'], $fields['w'], $fields['h'], $fields['c'])
            && preg_match(self::SIG_PATTERN, $fields['sig']) === 1;
        return $fields;
    }

    /**
     * Query parameters; a repeated name is marked false because its value would be ambiguous.
     *
     * @param string $query
     * @return array name => string|false
     */
    private static function query_of(string $query): array {
        $out = [];
        foreach (explode('&', $query) as $pair) {
            if ($pair === '') {
                continue;
            }
            $kv = explode('=', $pair, 2);
            $name = rawurldecode($kv[0]);
            $out[$name] = array_key_exists($name, $out) ? false : rawurldecode($kv[1] ?? '');
        }
        return $out;
    }

    /**
     * HTML escaping, the same as Moodle's s() but usable without Moodle.
     *
     * @param string $text
     * @return string
     */
    public static function esc(string $text): string {
        return htmlspecialchars($text, ENT_QUOTES | ENT_SUBSTITUTE | ENT_HTML5, 'UTF-8');
    }
}
