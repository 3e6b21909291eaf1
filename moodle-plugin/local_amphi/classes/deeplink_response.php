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
 * Items of a verified deep-linking response and the message sent to the editor.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

namespace local_amphi;

defined('MOODLE_INTERNAL') || die();

/**
 * Pure PHP: reads content items and builds the postMessage the editor plugins listen to.
 */
class deeplink_response {
    /**
     * The items to insert.
     *
     * One bad item refuses the whole answer: it means Amphi and this plugin disagree, and a partial insert
     * would hide that.
     *
     * @param array $payload verified claims
     * @return array ['items' => list of rid/title/w/h, 'problems' => string[]]
     */
    public static function items(array $payload): array {
        $claim = jwt_checks::DL_CLAIM . 'content_items';
        if (!array_key_exists($claim, $payload) || $payload[$claim] === null) {
            return ['items' => [], 'problems' => []];
        }
        if (!is_array($payload[$claim])) {
            return ['items' => [], 'problems' => ['content_items']];
        }
        $items = [];
        $problems = [];
        foreach (array_values($payload[$claim]) as $i => $item) {
            $read = is_array($item) ? self::item($item) : null;
            if ($read === null) {
                $problems[] = 'item' . $i;
            } else {
                $items[] = $read;
            }
        }
        return ['items' => $problems ? [] : $items, 'problems' => $problems];
    }

    /**
     * One ltiResourceLink item, or null when it is not one of Amphi's.
     *
     * @param array $item
     * @return array|null
     */
    private static function item(array $item): ?array {
        $custom = $item['custom'] ?? null;
        $rid = is_array($custom) ? ($custom['amphi_resource_id'] ?? null) : null;
        if (($item['type'] ?? null) !== 'ltiResourceLink' || !is_string($rid) || !preg_match(placeholder::RID_PATTERN, $rid)) {
            return null;
        }
        $kind = is_string($custom['amphi_kind'] ?? null) ? $custom['amphi_kind'] : '';
        list($dw, $dh) = placeholder::default_size($kind);
        $frame = is_array($item['iframe'] ?? null) ? $item['iframe'] : [];
        $title = is_string($item['title'] ?? null) ? $item['title'] : '';
        return [
            'rid' => $rid,
            'title' => placeholder::clean_title($title, $rid),
            'w' => placeholder::clamp($frame['width'] ?? null, placeholder::MIN_W, placeholder::MAX_W, $dw),
            'h' => placeholder::clamp($frame['height'] ?? null, placeholder::MIN_H, placeholder::MAX_H, $dh),
        ];
    }

    /**
     * The message for the editor: an insert, or a cancel when nothing was chosen.
     *
     * @param array $placeholders list of html/resourceId/title
     * @return array
     */
    public static function message(array $placeholders): array {
        if (!$placeholders) {
            return ['source' => 'local_amphi', 'type' => 'amphi:cancel'];
        }
        return ['source' => 'local_amphi', 'type' => 'amphi:insert', 'placeholders' => array_values($placeholders)];
    }

    /**
     * A script posting the message to the editor page, and only to the site's own origin.
     *
     * @param array $message
     * @param string $targetorigin origin of wwwroot
     * @return string
     */
    public static function script(array $message, string $targetorigin): string {
        // The HEX flags keep "</script>" and quotes in titles from ending the script early.
        $flags = JSON_HEX_TAG | JSON_HEX_AMP | JSON_HEX_APOS | JSON_HEX_QUOT | JSON_UNESCAPED_SLASHES;
        return '<script>window.parent.postMessage(' . json_encode($message, $flags) . ', '
            . json_encode($targetorigin, $flags) . ');</script>';
    }
}
