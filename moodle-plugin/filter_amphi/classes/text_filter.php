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
 * The Amphi filter.
 *
 * @package    filter_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

namespace filter_amphi;

defined('MOODLE_INTERNAL') || die();

/**
 * Turns Amphi placeholders into per-viewer launches.
 *
 * Extends \moodle_text_filter, not \core_filters\text_filter: the first exists on every supported branch
 * (an alias of the second from 4.5), the second does not exist before 4.5.
 */
class text_filter extends \moodle_text_filter {
    /**
     * Replaces each placeholder with an iframe, or with the link and a note explaining why not.
     *
     * @param string $text
     * @param array $options
     * @return string
     */
    public function filter($text, array $options = []) {
        global $CFG;
        if (!is_string($text) || $text === '' || stripos($text, '/embed/') === false) {
            return $text;
        }
        try {
            $coursecontext = $this->context ? $this->context->get_course_context(false) : false;
            return \local_amphi\embed_renderer::filter_text($text, \local_amphi\tool::origin(), \local_amphi\tool::secret(),
                $CFG->wwwroot, $coursecontext ? (int) $coursecontext->instanceid : null,
                $this->context ? (int) $this->context->id : null, [
                    'placeholderinvalid' => get_string('placeholderinvalid', 'filter_amphi'),
                    'notconfigured' => get_string('notconfigured', 'filter_amphi'),
                    'nocourse' => get_string('nocourse', 'filter_amphi'),
                ]);
        } catch (\Throwable $e) {
            // A page must always render: on any failure the text is shown as the author wrote it.
            debugging('filter_amphi: ' . $e->getMessage(), DEBUG_DEVELOPER);
            return $text;
        }
    }
}
