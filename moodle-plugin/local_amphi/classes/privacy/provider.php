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
use core_privacy\local\request\approved_contextlist;
use core_privacy\local\request\approved_userlist;
use core_privacy\local\request\contextlist;
use core_privacy\local\request\transform;
use core_privacy\local\request\userlist;
use core_privacy\local\request\writer;

defined('MOODLE_INTERNAL') || die();

/**
 * Declares the data sent to Amphi and the approvals of copied placeholders kept here.
 *
 * The short-lived launch state lives in the user's session and is gone when used or expired. The one personal
 * datum in the database is who approved a copied placeholder in a course (local_amphi_copies.approvedby).
 * Deleting it anonymises the approval (approvedby = 0) instead of removing it: the approval belongs to the course,
 * and removing it would take the content away from the course's learners. What Amphi keeps is Amphi's to declare.
 */
class provider implements
        \core_privacy\local\metadata\provider,
        \core_privacy\local\request\plugin\provider,
        \core_privacy\local\request\core_userlist_provider {
    /**
     * The data each launch sends to Amphi, and the approvals stored here.
     *
     * @param collection $collection
     * @return collection
     */
    public static function get_metadata(collection $collection): collection {
        $collection->add_database_table('local_amphi_copies', [
            'ph' => 'privacy:metadata:local_amphi_copies:ph',
            'courseid' => 'privacy:metadata:local_amphi_copies:courseid',
            'fromcourseid' => 'privacy:metadata:local_amphi_copies:fromcourseid',
            'approvedby' => 'privacy:metadata:local_amphi_copies:approvedby',
            'timecreated' => 'privacy:metadata:local_amphi_copies:timecreated',
        ], 'privacy:metadata:local_amphi_copies');
        $collection->add_external_location_link('amphi', [
            'userid' => 'privacy:metadata:amphi:userid',
            'fullname' => 'privacy:metadata:amphi:fullname',
            'email' => 'privacy:metadata:amphi:email',
            'roles' => 'privacy:metadata:amphi:roles',
        ], 'privacy:metadata:amphi');
        return $collection;
    }

    /**
     * The course contexts where the user approved a copied placeholder.
     *
     * @param int $userid
     * @return contextlist
     */
    public static function get_contexts_for_userid(int $userid): contextlist {
        $contextlist = new contextlist();
        $sql = 'SELECT ctx.id
                  FROM {context} ctx
                  JOIN {local_amphi_copies} c ON c.courseid = ctx.instanceid AND ctx.contextlevel = :contextlevel
                 WHERE c.approvedby = :userid';
        $contextlist->add_from_sql($sql, ['contextlevel' => CONTEXT_COURSE, 'userid' => $userid]);
        return $contextlist;
    }

    /**
     * The users who approved a copied placeholder in a course.
     *
     * @param userlist $userlist
     */
    public static function get_users_in_context(userlist $userlist) {
        $context = $userlist->get_context();
        if ($context->contextlevel != CONTEXT_COURSE) {
            return;
        }
        $sql = 'SELECT approvedby FROM {local_amphi_copies} WHERE courseid = :courseid AND approvedby > 0';
        $userlist->add_from_sql('approvedby', $sql, ['courseid' => $context->instanceid]);
    }

    /**
     * Exports the user's approvals, per course.
     *
     * @param approved_contextlist $contextlist
     */
    public static function export_user_data(approved_contextlist $contextlist) {
        global $DB;
        $userid = (int) $contextlist->get_user()->id;
        foreach ($contextlist->get_contexts() as $context) {
            if ($context->contextlevel != CONTEXT_COURSE) {
                continue;
            }
            $records = $DB->get_records('local_amphi_copies', ['courseid' => $context->instanceid, 'approvedby' => $userid],
                'id', 'id, ph, fromcourseid, timecreated');
            if (!$records) {
                continue;
            }
            $approvals = [];
            foreach ($records as $record) {
                $approvals[] = (object) [
                    'placeholder' => $record->ph,
                    'fromcourseid' => (int) $record->fromcourseid,
                    'timecreated' => transform::datetime($record->timecreated),
                ];
            }
            writer::with_context($context)->export_data([get_string('privacy:copies', 'local_amphi')],
                (object) ['approvals' => $approvals]);
        }
    }

    /**
     * Anonymises every approval of a course.
     *
     * @param \context $context
     */
    public static function delete_data_for_all_users_in_context(\context $context) {
        global $DB;
        if ($context->contextlevel != CONTEXT_COURSE) {
            return;
        }
        $DB->set_field('local_amphi_copies', 'approvedby', 0, ['courseid' => $context->instanceid]);
    }

    /**
     * Anonymises the user's approvals in the given courses.
     *
     * @param approved_contextlist $contextlist
     */
    public static function delete_data_for_user(approved_contextlist $contextlist) {
        global $DB;
        $userid = (int) $contextlist->get_user()->id;
        foreach ($contextlist->get_contexts() as $context) {
            if ($context->contextlevel != CONTEXT_COURSE) {
                continue;
            }
            $DB->set_field('local_amphi_copies', 'approvedby', 0, ['courseid' => $context->instanceid, 'approvedby' => $userid]);
        }
    }

    /**
     * Anonymises the approvals of some users in a course.
     *
     * @param approved_userlist $userlist
     */
    public static function delete_data_for_users(approved_userlist $userlist) {
        global $DB;
        $context = $userlist->get_context();
        $userids = $userlist->get_userids();
        if ($context->contextlevel != CONTEXT_COURSE || !$userids) {
            return;
        }
        [$insql, $params] = $DB->get_in_or_equal($userids, SQL_PARAMS_NAMED);
        $params['courseid'] = $context->instanceid;
        $DB->set_field_select('local_amphi_copies', 'approvedby', 0, "courseid = :courseid AND approvedby {$insql}", $params);
    }
}
