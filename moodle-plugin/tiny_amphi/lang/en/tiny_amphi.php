<?php
// This file is part of Moodle - http://moodle.org/
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
// along with Moodle.  If not, see <http://www.gnu.org/licenses/>.

/**
 * Strings for the Amphi button of the TinyMCE editor (English).
 *
 * @package    tiny_amphi
 * @copyright  2026 Amphi
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['buttontitle'] = 'Amphi';
$string['frametitle'] = 'Amphi content picker';
$string['helplinktext'] = 'Amphi';
$string['menuitemtitle'] = 'Amphi content';
$string['modaltitle'] = 'Insert Amphi content';
$string['pluginname'] = 'Amphi';
$string['privacy:metadata'] = 'The Amphi button of the TinyMCE editor stores no personal data. It inserts a link to Amphi content; the Amphi local plugin describes what Amphi receives when someone opens that content.';
