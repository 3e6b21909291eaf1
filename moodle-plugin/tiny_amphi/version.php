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
 * Amphi button for the TinyMCE editor: version information.
 *
 * @package    tiny_amphi
 * @copyright  2026 Amphi
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$plugin->component = 'tiny_amphi';
$plugin->version   = 2026120701;
// Moodle 4.1.0, the first release whose editor is TinyMCE.
$plugin->requires  = 2022112800;
$plugin->supported = [401, 503];
$plugin->maturity  = MATURITY_BETA;
$plugin->release   = '0.1.0';
// The capability, the tool type setting and the deep-linking pages all live in local_amphi; this version is the
// first that has them (and \local_amphi\tool::origin(), which this plugin calls).
// 2026120701: placeholders carry the course they were made in (c) and copies need a teacher's approval.
$plugin->dependencies = [
    'local_amphi' => 2026120701,
];
