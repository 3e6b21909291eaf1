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
 * What filter_amphi writes in place of a placeholder.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

namespace local_amphi;

defined('MOODLE_INTERNAL') || die();

/**
 * Pure HTML building for the filter, so the output is unit tested without Moodle.
 */
class embed_renderer {
    /** @var string[] Permissions a classroom needs inside the frame, delegated to Amphi's origin only. */
    const ALLOW = ['autoplay', 'fullscreen', 'camera', 'microphone', 'display-capture', 'clipboard-write'];

    /**
     * The allow attribute's value: every permission for Amphi's origin only, not '*' (a page the frame navigates to
     * elsewhere gets none of them).
     *
     * @param string $origin AMPHI_ORIGIN
     * @return string not escaped
     */
    public static function allow(string $origin): string {
        $parts = [];
        foreach (self::ALLOW as $feature) {
            $parts[] = $feature . ' ' . $origin;
        }
        return implode('; ', $parts);
    }

    /**
     * The iframe that launches a placeholder for the person viewing the page.
     *
     * @param string $wwwroot
     * @param int $courseid
     * @param int $contextid the context of the filtered text (launch.php checks the viewer may see it)
     * @param array $p rid, ph, w, h, c, sig, title (as returned by placeholder::parse)
     * @param string $origin AMPHI_ORIGIN, the only origin the frame's permissions are delegated to
     * @param string $secret raw key bytes, to sign the context
     * @return string
     */
    public static function iframe(string $wwwroot, int $courseid, int $contextid, array $p, string $origin,
            string $secret): string {
        $token = placeholder::context_token($secret, $p['ph'], $courseid, $contextid);
        $src = rtrim($wwwroot, '/') . '/local/amphi/launch.php?course=' . $courseid
            . '&rid=' . rawurlencode($p['rid']) . '&ph=' . rawurlencode($p['ph'])
            . '&w=' . (int) $p['w'] . '&h=' . (int) $p['h'] . '&c=' . (int) $p['c'] . '&sig=' . rawurlencode($p['sig'])
            . '&ctx=' . $contextid . '&t=' . $token;
        return '<iframe class="amphi-embed" src="' . placeholder::esc($src) . '"'
            . ' title="' . placeholder::esc($p['title']) . '"'
            . ' width="' . (int) $p['w'] . '" height="' . (int) $p['h'] . '"'
            // As wide as the text allows, up to the chosen size, keeping its proportions (a phone, a narrow column).
            . ' style="width: 100%; max-width: ' . (int) $p['w'] . 'px; height: auto; aspect-ratio: ' . (int) $p['w'] . ' / '
            . (int) $p['h'] . ';" loading="lazy"'
            . ' allow="' . placeholder::esc(self::allow($origin)) . '" allowfullscreen></iframe>';
    }

    /**
     * The original link kept as it was, followed by a short explanation.
     *
     * @param string $linkhtml
     * @param string $message plain text
     * @return string
     */
    public static function note(string $linkhtml, string $message): string {
        return $linkhtml . '<span class="amphi-embed-note">' . placeholder::esc($message) . '</span>';
    }

    /**
     * Replaces every placeholder of a text.
     *
     * @param string $text
     * @param string|null $origin AMPHI_ORIGIN, null when no tool type is configured
     * @param string|null $secret null when the site secret is missing
     * @param string $wwwroot
     * @param int|null $courseid null outside a course
     * @param int|null $contextid the context of the text (the filter's), null when unknown
     * @param string[] $messages placeholderinvalid, notconfigured, nocourse => plain text
     * @return string
     */
    public static function filter_text(string $text, ?string $origin, ?string $secret, string $wwwroot, ?int $courseid,
            ?int $contextid, array $messages): string {
        if ($text === '' || stripos($text, '/embed/') === false) {
            return $text;
        }
        $configured = $origin !== null && $secret !== null && $secret !== '';
        $found = placeholder::parse($text, $configured ? $origin : null);
        // Replace from the end so that earlier offsets stay right.
        for ($i = count($found) - 1; $i >= 0; $i--) {
            $p = $found[$i];
            if (!$configured) {
                $out = self::note($p['html'], $messages['notconfigured'] ?? '');
            } else if (!$p['wellformed']
                    || !placeholder::verify($secret, $p['rid'], $p['ph'], $p['w'], $p['h'], $p['c'], $p['sig'])) {
                $out = self::note($p['html'], $messages['placeholderinvalid'] ?? '');
            } else if ($courseid === null || $courseid <= 0 || $contextid === null || $contextid <= 0) {
                $out = self::note($p['html'], $messages['nocourse'] ?? '');
            } else {
                // Also in a course other than $p['c'] (a copy...): launch.php decides there, per viewer, and checks
                // the viewer may see the context of the text (a hidden or restricted activity).
                $out = self::iframe($wwwroot, $courseid, $contextid, $p, $origin, $secret);
            }
            $text = substr_replace($text, $out, $p['offset'], $p['length']);
        }
        return $text;
    }
}
