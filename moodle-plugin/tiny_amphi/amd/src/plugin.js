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
 * Entry point that Moodle's editor_tiny loads for this plugin.
 *
 * @module     tiny_amphi/plugin
 * @copyright  2026 Amphi
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

import {getTinyMCE} from 'editor_tiny/loader';
import {getPluginMetadata} from 'editor_tiny/utils';
import {getSetup} from './commands';
import {component, pluginName} from './common';
import * as Configuration from './configuration';
import {register} from './options';

// The editor waits for this promise: [the TinyMCE plugin name, the configuration module]. On a failure it gets
// null, which editor_tiny skips, so the editor still opens, only without the Amphi button.
export default (async() => {
    try {
        const [tinyMCE, setupCommands, pluginMetadata] = await Promise.all([
            getTinyMCE(),
            getSetup(),
            getPluginMetadata(component, pluginName),
        ]);
        tinyMCE.PluginManager.add(pluginName, (editor) => {
            register(editor);
            setupCommands(editor);
            return pluginMetadata;
        });
        return [pluginName, Configuration];
    } catch (error) {
        window.console.error(error);
        return null;
    }
})();
