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
 * The Amphi placeholder: a plain link to {AMPHI_ORIGIN}/embed/{resourceId}?ph=…&w=…&h=…&sig=… that filter_amphi turns
 * into a per-viewer launch. It is a bare <a href> so that it survives HTML cleaning for authors without trust.
 *
 * @module     tiny_amphi/placeholder
 * @copyright  2026 Amphi
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

const RESOURCE_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * The origin as browsers compare it (default ports dropped), or '' when the value is not an http(s) URL.
 *
 * @param {string} value
 * @returns {string}
 */
export const normaliseOrigin = (value) => {
    if (!value) {
        return '';
    }
    try {
        const url = new URL(value);
        return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : '';
    } catch (error) {
        return '';
    }
};

/**
 * The Amphi resource id a placeholder link points to, or null when the link is not a placeholder.
 *
 * @param {string|null} href
 * @param {string} amphiOrigin Amphi's origin; when empty (not known), any origin is accepted
 * @returns {string|null}
 */
export const getResourceId = (href, amphiOrigin) => {
    if (!href) {
        return null;
    }
    let url;
    try {
        url = new URL(href);
    } catch (error) {
        return null;
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') {
        return null;
    }
    if (amphiOrigin && url.origin !== amphiOrigin) {
        return null;
    }
    const match = /^\/embed\/([^/]+)$/.exec(url.pathname);
    if (!match || !RESOURCE_ID.test(match[1])) {
        return null;
    }
    // Without these the filter would not render it: it is an ordinary link to Amphi, not a placeholder.
    if (!url.searchParams.get('ph') || !url.searchParams.get('sig')) {
        return null;
    }
    return match[1];
};

/**
 * A CSS selector matching the placeholders, for editor_tiny's list of placeholder selectors.
 *
 * @param {string} amphiOrigin
 * @returns {string|null}
 */
export const getSelector = (amphiOrigin) => {
    if (!amphiOrigin) {
        return null;
    }
    return `a[href^="${amphiOrigin.replace(/["\\]/g, '\\$&')}/embed/"]`;
};

/**
 * The placeholder that holds a node of the editor's content (the selection), if any.
 *
 * @param {TinyMCE} editor
 * @param {Node|null} node
 * @param {string} amphiOrigin
 * @returns {{anchor: HTMLAnchorElement, resourceId: string}|null}
 */
export const findPlaceholder = (editor, node, amphiOrigin) => {
    if (!node) {
        return null;
    }
    const anchor = editor.dom.getParent(node, 'a[href]');
    if (!anchor) {
        return null;
    }
    const resourceId = getResourceId(anchor.getAttribute('href'), amphiOrigin);
    return resourceId ? {anchor, resourceId} : null;
};

/**
 * Rebuilds the HTML of a placeholder received from local_amphi as a bare link, keeping only its href and text:
 * whatever else a message might carry never reaches the text.
 *
 * @param {*} html
 * @param {string} amphiOrigin
 * @returns {string|null} The link's HTML, or null when it is not a placeholder
 */
export const cleanPlaceholderHtml = (html, amphiOrigin) => {
    if (typeof html !== 'string') {
        return null;
    }
    const parsed = new DOMParser().parseFromString(html, 'text/html');
    const elements = parsed.body.children;
    if (elements.length !== 1 || elements[0].tagName !== 'A') {
        return null;
    }
    const href = elements[0].getAttribute('href');
    if (!getResourceId(href, amphiOrigin)) {
        return null;
    }
    const link = document.createElement('a');
    link.setAttribute('href', href);
    link.textContent = elements[0].textContent.trim() || href;
    return link.outerHTML;
};
