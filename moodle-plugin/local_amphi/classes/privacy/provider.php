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
 * Privacy provider of local_amphi.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

namespace local_amphi\privacy;

use core_privacy\local\metadata\collection;

defined('MOODLE_INTERNAL') || die();

/**
 * Declares the data sent to Amphi.
 *
 * Only metadata: the plugin keeps no personal data in the database (the short-lived launch state lives in
 * the user's session and is gone when used or expired), so there is nothing to export or delete here and
 * \core_privacy\local\request\data_provider is not implemented. What Amphi keeps is Amphi's to declare.
 */
class provider implements \core_privacy\local\metadata\provider {
    /**
     * The data each launch sends to Amphi through the site's LTI 1.3 tool type (mod_lti).
     *
     * @param collection $collection
     * @return collection
     */
    public static function get_metadata(collection $collection): collection {
        $collection->add_external_location_link('amphi', [
            'userid' => 'privacy:metadata:amphi:userid',
            'fullname' => 'privacy:metadata:amphi:fullname',
            'email' => 'privacy:metadata:amphi:email',
            'roles' => 'privacy:metadata:amphi:roles',
        ], 'privacy:metadata:amphi');
        return $collection;
    }
}
