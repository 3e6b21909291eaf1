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
 * The Amphi button and menu item.
 *
 * @module     tiny_amphi/commands
 * @copyright  2026 Amphi
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

import {get_strings as getStrings} from 'core/str';
import * as EditorOptions from 'editor_tiny/options';
import {getButtonImage} from 'editor_tiny/utils';
import {buttonName, component, icon} from './common';
import {openPicker} from './modal';
import {getAmphiOrigin, getDeepLinkUrl} from './options';
import {cleanPlaceholderHtml, findPlaceholder, getSelector} from './placeholder';

/**
 * The picker's address; on an existing placeholder it carries that resource, so that Amphi preselects it.
 *
 * @param {string} deepLinkUrl
 * @param {string|null} selected
 * @returns {string}
 */
const getPickerUrl = (deepLinkUrl, selected) => {
    if (!selected) {
        return deepLinkUrl;
    }
    const url = new URL(deepLinkUrl, window.location.href);
    url.searchParams.set('selected', selected);
    return url.toString();
};

/**
 * Inserts the placeholders at the cursor, or in place of the placeholder the picker was opened on.
 *
 * @param {TinyMCE} editor
 * @param {string[]} placeholders
 * @param {HTMLElement|null} replaced
 */
const insertPlaceholders = (editor, placeholders, replaced) => {
    const html = placeholders.length === 1 ? placeholders[0] : placeholders.map((item) => `<p>${item}</p>`).join('');
    // Focusing first brings back the selection the editor had when the modal took the focus.
    editor.focus();
    editor.undoManager.transact(() => {
        if (replaced && editor.getBody().contains(replaced)) {
            editor.selection.select(replaced);
        }
        editor.insertContent(html);
    });
};

/**
 * Opens the picker for this editor.
 *
 * @param {TinyMCE} editor
 * @param {object} strings
 */
const handleAction = (editor, strings) => {
    const amphiOrigin = getAmphiOrigin(editor);
    const selected = findPlaceholder(editor, editor.selection.getNode(), amphiOrigin);
    openPicker({
        url: getPickerUrl(getDeepLinkUrl(editor), selected ? selected.resourceId : null),
        title: strings.modalTitle,
        frameTitle: strings.frameTitle,
        accept: (html) => cleanPlaceholderHtml(html, amphiOrigin),
        onInsert: (placeholders) => insertPlaceholders(editor, placeholders, selected ? selected.anchor : null),
    }).catch((error) => window.console.error(error));
};

/**
 * Loads what the button needs, then returns the function that adds it to an editor.
 *
 * @returns {Promise<function(TinyMCE)>}
 */
export const getSetup = async() => {
    const [[buttonText, menuItemText, modalTitle, frameTitle], buttonImage] = await Promise.all([
        getStrings([
            {key: 'buttontitle', component},
            {key: 'menuitemtitle', component},
            {key: 'modaltitle', component},
            {key: 'frametitle', component},
        ]),
        getButtonImage('icon', component),
    ]);
    const strings = {modalTitle, frameTitle};

    return (editor) => {
        if (!getDeepLinkUrl(editor)) {
            return;
        }
        const amphiOrigin = getAmphiOrigin(editor);
        const selector = getSelector(amphiOrigin);
        // Moodle's own tools (the accessibility checker) then treat placeholders as such, not as content.
        // registerPlaceholderSelectors() arrived in 4.1.1.
        if (selector && typeof EditorOptions.registerPlaceholderSelectors === 'function') {
            EditorOptions.registerPlaceholderSelectors(editor, [selector]);
        }

        editor.ui.registry.addIcon(icon, buttonImage.html);
        // A toggle button, pressed while the cursor is in a placeholder: pressing it then reopens that content.
        editor.ui.registry.addToggleButton(buttonName, {
            icon,
            tooltip: buttonText,
            onAction: () => handleAction(editor, strings),
            onSetup: (api) => {
                const update = (event) => api.setActive(!!findPlaceholder(editor, event.element, amphiOrigin));
                editor.on('NodeChange', update);
                return () => editor.off('NodeChange', update);
            },
        });
        editor.ui.registry.addMenuItem(buttonName, {
            icon,
            text: menuItemText,
            onAction: () => handleAction(editor, strings),
        });
    };
};
