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
 * Options of the Amphi plugin, filled from plugininfo::get_plugin_configuration_for_context().
 *
 * @module     tiny_amphi/options
 * @copyright  2026 Amphi
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

import {getPluginOptionName} from 'editor_tiny/options';
import {pluginName} from './common';
import {normaliseOrigin} from './placeholder';

const deepLinkUrl = getPluginOptionName(pluginName, 'deeplinkurl');
const amphiOrigin = getPluginOptionName(pluginName, 'amphiorigin');

/**
 * Registers the options, so that TinyMCE keeps the values the editor was given for them.
 *
 * @param {TinyMCE} editor
 */
export const register = (editor) => {
    editor.options.register(deepLinkUrl, {
        processor: 'string',
        "default": '',
    });
    editor.options.register(amphiOrigin, {
        processor: 'string',
        "default": '',
    });
};

/**
 * local_amphi's deep-linking page for this editor's context.
 *
 * @param {TinyMCE} editor
 * @returns {string}
 */
export const getDeepLinkUrl = (editor) => editor.options.get(deepLinkUrl);

/**
 * Amphi's origin, as browsers compare origins.
 *
 * @param {TinyMCE} editor
 * @returns {string}
 */
export const getAmphiOrigin = (editor) => normaliseOrigin(editor.options.get(amphiOrigin));
