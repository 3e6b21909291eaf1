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
 * Self-submitting forms of the LTI 1.3 flows.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

namespace local_amphi;

defined('MOODLE_INTERNAL') || die();

/**
 * Pure HTML: a POST form that submits itself, with a button for browsers without JavaScript.
 */
class autopost {
    /**
     * The form.
     *
     * Every name and value is escaped here, unlike mod_lti's repost template, because some values
     * come from the request.
     *
     * @param string $action
     * @param array $params name => scalar
     * @param string $buttonlabel plain text
     * @return string
     */
    public static function form(string $action, array $params, string $buttonlabel): string {
        $id = 'amphi-autopost-' . bin2hex(random_bytes(4));
        $html = '<form id="' . $id . '" method="post" action="' . placeholder::esc($action) . '"'
            . ' enctype="application/x-www-form-urlencoded">';
        foreach ($params as $name => $value) {
            if (!is_scalar($value)) {
                continue;
            }
            $html .= '<input type="hidden" name="' . placeholder::esc((string) $name) . '" value="'
                . placeholder::esc((string) $value) . '">';
        }
        $html .= '<noscript><button type="submit">' . placeholder::esc($buttonlabel) . '</button></noscript></form>';
        $html .= '<script>document.getElementById(' . json_encode($id) . ').submit();</script>';
        return $html;
    }
}
