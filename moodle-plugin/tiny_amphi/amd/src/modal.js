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
 * The modal that runs Amphi's picker in an iframe and hands back what local_amphi's return page posts.
 *
 * @module     tiny_amphi/modal
 * @copyright  2026 Amphi
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

import Modal from 'core/modal';
import ModalEvents from 'core/modal_events';

/**
 * Creates a large default modal with the API of the running Moodle.
 *
 * Modal.create() exists from 4.3, where core/modal_factory became deprecated (it is gone from later versions);
 * 4.1 and 4.2 only have the factory. The factory is loaded on demand so that a Moodle without it never asks for it.
 *
 * @param {object} config title and body
 * @returns {Promise<Modal>}
 */
const createModal = async(config) => {
    if (typeof Modal.create === 'function') {
        return Modal.create({...config, large: true});
    }
    const imported = await import('core/modal_factory');
    const ModalFactory = typeof imported.create === 'function' ? imported : imported.default;
    return ModalFactory.create({...config, type: ModalFactory.types.DEFAULT, large: true});
};

/**
 * @param {string} value
 * @returns {string} The value, safe inside a double-quoted HTML attribute
 */
const escapeAttribute = (value) => String(value)
    .replace(/&/g, '&amp;')
    .replace(/"/g, '&quot;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;');

/**
 * Opens the picker.
 *
 * Only messages that local_amphi's return page posts are acted on: they come from this Moodle's origin (the
 * return page runs on the site; Amphi's own pages, on another origin, cannot speak for it), from this modal's
 * iframe (not another frame or window of the site), and say they come from local_amphi.
 *
 * @param {object} options
 * @param {string} options.url The deep-linking page to open in the iframe
 * @param {string} options.title The modal's title
 * @param {string} options.frameTitle The iframe's accessible name
 * @param {function(*): (string|null)} options.accept Turns one received placeholder's HTML into what to insert, or null
 * @param {function(string[])} options.onInsert Called with the placeholders to insert
 * @returns {Promise<Modal>}
 */
export const openPicker = async({url, title, frameTitle, accept, onInsert}) => {
    const siteOrigin = new URL(M.cfg.wwwroot).origin;
    const body = `<iframe class="tiny_amphi-picker" src="${escapeAttribute(url)}" title="${escapeAttribute(frameTitle)}"` +
        ' style="display: block; width: 100%; height: 70vh; border: 0;"></iframe>';
    const modal = await createModal({title, body});
    const frame = modal.getBody()[0].querySelector('iframe');
    let open = true;

    const onMessage = (event) => {
        if (!open || event.origin !== siteOrigin || !frame.contentWindow || event.source !== frame.contentWindow) {
            return;
        }
        const data = event.data;
        if (!data || typeof data !== 'object' || data.source !== 'local_amphi') {
            return;
        }
        if (data.type === 'amphi:insert') {
            open = false;
            const received = Array.isArray(data.placeholders) ? data.placeholders : [];
            const placeholders = received.map((placeholder) => accept(placeholder && placeholder.html)).filter(Boolean);
            try {
                if (placeholders.length) {
                    onInsert(placeholders);
                }
            } finally {
                modal.hide();
            }
        } else if (data.type === 'amphi:cancel') {
            open = false;
            modal.hide();
        }
    };

    // Listening before the modal is shown: the iframe only starts loading once the modal is in the page.
    window.addEventListener('message', onMessage);
    modal.getRoot().on(ModalEvents.hidden, () => {
        open = false;
        window.removeEventListener('message', onMessage);
        // Removing the modal also stops whatever the iframe was still doing.
        modal.destroy();
    });
    modal.show();
    return modal;
};
