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

namespace tiny_amphi;

use context;
use editor_tiny\plugin;
use editor_tiny\plugin_with_buttons;
use editor_tiny\plugin_with_configuration;
use editor_tiny\plugin_with_menuitems;

/**
 * Amphi button and menu item for TinyMCE.
 *
 * plugin_with_configuration_for_external is left out on purpose: it only exists from Moodle 5.0,
 * and implementing a missing interface would stop the class loading on 4.1 to 4.5.
 *
 * @package    tiny_amphi
 * @copyright  2026 Amphi
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */
class plugininfo extends plugin implements plugin_with_buttons, plugin_with_menuitems, plugin_with_configuration {

    /**
     * Shown only to people who may insert Amphi content here, and only once the site has an Amphi tool type:
     * otherwise the button would open a picker that can only say "not configured" or "not allowed".
     *
     * @param context $context The context that the editor is used within
     * @param array $options The options passed in when requesting the editor
     * @param array $fpoptions The filepicker options passed in when requesting the editor
     * @param \editor_tiny\editor|null $editor The editor instance in which the plugin is initialised
     * @return bool
     */
    public static function is_enabled(
        context $context,
        array $options,
        array $fpoptions,
        ?\editor_tiny\editor $editor = null
    ): bool {
        // Amphi content launches in a course (local_amphi takes the course from this context).
        if (!$context->get_course_context(false)) {
            return false;
        }
        // local_amphi's own test of a usable tool type (LTI 1.3, active), the one its pages and the filter apply.
        if (\local_amphi\tool::origin() === null) {
            return false;
        }
        return has_capability('local/amphi:insert', $context);
    }

    /**
     * The toolbar buttons this plugin offers.
     *
     * @return string[]
     */
    public static function get_available_buttons(): array {
        return ['tiny_amphi'];
    }

    /**
     * The menu items this plugin offers.
     *
     * @return string[]
     */
    public static function get_available_menuitems(): array {
        return ['tiny_amphi'];
    }

    /**
     * What the JavaScript needs: where the picker starts for this editor's context, and Amphi's origin so that it
     * can recognise the placeholders already in the text.
     *
     * The fourth parameter is optional so that this signature fits both the three-argument interface of 4.1 and
     * the four-argument one of later versions.
     *
     * @param context $context The context that the editor is used within
     * @param array $options The options passed in when requesting the editor
     * @param array $fpoptions The filepicker options passed in when requesting the editor
     * @param \editor_tiny\editor|null $editor The editor instance in which the plugin is initialised
     * @return array
     */
    public static function get_plugin_configuration_for_context(
        context $context,
        array $options,
        array $fpoptions,
        ?\editor_tiny\editor $editor = null
    ): array {
        $url = new \moodle_url('/local/amphi/deeplink.php', ['contextid' => $context->id]);
        return [
            'deeplinkurl' => $url->out(false),
            'amphiorigin' => (string) \local_amphi\tool::origin(),
        ];
    }
}
