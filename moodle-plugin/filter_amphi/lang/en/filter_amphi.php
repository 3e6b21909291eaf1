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
 * English strings of filter_amphi.
 *
 * @package    filter_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['filtername'] = 'Amphi embedded content';
$string['nocourse'] = '(Amphi content opens only inside a course.)';
$string['notconfigured'] = '(Amphi is not set up on this site, so this content cannot open here.)';
$string['placeholderinvalid'] = '(This Amphi link is not valid: it was changed, or it comes from another site.)';
$string['pluginname'] = 'Amphi embedded content';
$string['privacy:metadata'] = 'The Amphi filter stores no personal data: it only displays Amphi content placed in texts. What a launch sends to Amphi is declared by the Amphi local plugin.';
