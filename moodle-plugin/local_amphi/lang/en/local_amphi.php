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
 * English strings of local_amphi.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['amphi:insert'] = 'Insert Amphi content into texts';
$string['cancelled'] = 'Nothing was chosen.';
$string['continue'] = 'Continue';
$string['copynotapproved'] = 'This Amphi content was copied from another course. A teacher of this course must open it once before it is available here.';
$string['expired'] = 'This request has expired or was already used. Close this window and try again.';
$string['inserted'] = 'Inserted items: {$a}.';
$string['invalidresponse'] = 'The answer from Amphi could not be verified, so nothing was inserted. Close this window and try again.';
$string['launcherror'] = 'Amphi could not be opened: the request did not pass the site\'s checks. Ask the site administrator to check the Amphi tool type.';
$string['ltimissing'] = 'The External tool activity module (mod_lti) is not available on this site.';
$string['nocourse'] = 'Amphi content opens only inside a course.';
$string['noguests'] = 'Amphi content needs you to log in: guests cannot open it.';
$string['nopermission'] = 'You are not allowed to insert Amphi content here.';
$string['notconfigured'] = 'Amphi is not set up on this site yet: no Amphi LTI 1.3 tool type is chosen for it, or the chosen one is disabled or is not an Amphi.';
$string['placeholderinvalid'] = 'This Amphi link is not valid: it was changed, or it comes from another site.';
$string['pluginname'] = 'Amphi';
$string['privacy:copies'] = 'Approved Amphi copies';
$string['privacy:metadata:amphi'] = 'To open Amphi content embedded in a text, or to choose it from the text editor, the site sends data about the user to Amphi through the LTI 1.3 tool type chosen in the Amphi settings (as the External tool activity does).';
$string['privacy:metadata:amphi:email'] = 'The user\'s email address, when the tool type is set to send it.';
$string['privacy:metadata:amphi:fullname'] = 'The user\'s full name, when the tool type is set to send it.';
$string['privacy:metadata:amphi:roles'] = 'The user\'s role in the course (learner, instructor, administrator).';
$string['privacy:metadata:amphi:userid'] = 'The user\'s id on this site.';
$string['privacy:metadata:local_amphi_copies'] = 'Amphi content copied from another course (course copy, restore, import or paste) opens in the new course once a teacher allowed in both courses has opened it there. The approval is kept with who gave it.';
$string['privacy:metadata:local_amphi_copies:approvedby'] = 'The user who approved the copy by opening it.';
$string['privacy:metadata:local_amphi_copies:courseid'] = 'The course where the copied content may open.';
$string['privacy:metadata:local_amphi_copies:fromcourseid'] = 'The course the content was copied from.';
$string['privacy:metadata:local_amphi_copies:ph'] = 'The id of the copied Amphi link.';
$string['privacy:metadata:local_amphi_copies:timecreated'] = 'When the copy was approved.';
$string['redirecting'] = 'Opening Amphi…';
$string['typeid'] = 'Amphi tool type';
$string['typeid_desc'] = 'The site\'s LTI 1.3 external tool registered for Amphi. Embedded Amphi content and the editor button launch through it. Only site-level LTI 1.3 types whose tool URL ends with /lti/launch (and login URL with /lti/login, on the same site) are listed: another tool could not answer Amphi\'s launches. Its "Redirection URI(s)" must list Amphi\'s launch URL.';
$string['typenone'] = 'Not configured';
