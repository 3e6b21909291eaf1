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
 * Pages of the launch flow, shown inside frames.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

namespace local_amphi;

defined('MOODLE_INTERNAL') || die();

/**
 * Output helpers: every page of the flow is an 'embedded' page, because it lives in an iframe.
 */
class page {
    /**
     * Sets up $PAGE for a frame page.
     *
     * @param string $path script path under wwwroot
     * @param \context|null $context null when require_login() already set it
     */
    public static function setup(string $path, ?\context $context = null): void {
        global $PAGE;
        $PAGE->set_url(new \moodle_url($path));
        if ($context !== null) {
            $PAGE->set_context($context);
        }
        $PAGE->set_pagelayout('embedded');
        $PAGE->set_title(get_string('pluginname', 'local_amphi'));
    }

    /**
     * A readable error page, then stop.
     *
     * @param string $key string of local_amphi
     * @param mixed $a
     */
    public static function error(string $key, $a = null): void {
        self::show(get_string($key, 'local_amphi', $a), 'error');
    }

    /**
     * A page with one message, then stop.
     *
     * @param string $message plain text
     * @param string $type notification type (error, info, success)
     * @param string $extrahtml already safe HTML placed after the message
     */
    public static function show(string $message, string $type, string $extrahtml = ''): void {
        global $OUTPUT;
        echo $OUTPUT->header();
        echo $OUTPUT->notification(s($message), $type);
        echo $extrahtml;
        echo $OUTPUT->footer();
        exit;
    }

    /**
     * A page that POSTs itself to the next step of the flow, then stop.
     *
     * @param string $action
     * @param array $params
     */
    public static function autopost(string $action, array $params): void {
        global $OUTPUT;
        echo $OUTPUT->header();
        echo \html_writer::tag('p', s(get_string('redirecting', 'local_amphi')), ['class' => 'sr-only']);
        echo autopost::form($action, $params, get_string('continue', 'local_amphi'));
        echo $OUTPUT->footer();
        exit;
    }
}
