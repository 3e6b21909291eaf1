YUI.add('moodle-atto_amphi-button', function (Y, NAME) {

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

/*
 * @package    atto_amphi
 * @copyright  2026 Amphi
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

/**
 * @module moodle-atto_amphi-button
 */

/**
 * Amphi button for Atto: opens Amphi's picker (LTI deep linking through local_amphi) in a dialogue and inserts the
 * placeholders that local_amphi's return page posts back. The same behaviour as tiny_amphi, in Atto's YUI.
 *
 * @namespace M.atto_amphi
 * @class Button
 * @extends M.editor_atto.EditorPlugin
 */

var COMPONENTNAME = 'atto_amphi',
    RESOURCE_ID = /^[A-Za-z0-9-]{1,64}$/;

/**
 * The origin as browsers compare it (default ports dropped), or '' when the value is not an http(s) URL.
 *
 * @param {String} value
 * @return {String}
 */
function normaliseOrigin(value) {
    var url;
    if (!value) {
        return '';
    }
    try {
        url = new URL(value);
    } catch (error) {
        return '';
    }
    return url.protocol === 'https:' || url.protocol === 'http:' ? url.origin : '';
}

/**
 * The Amphi resource id a placeholder link points to ({AMPHI_ORIGIN}/embed/{resourceId}?ph=…&w=…&h=…&sig=…),
 * or null when the link is not a placeholder.
 *
 * @param {String} href
 * @param {String} amphiOrigin When empty (not known), any origin is accepted
 * @return {String|null}
 */
function getResourceId(href, amphiOrigin) {
    var url, match;
    if (!href) {
        return null;
    }
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
    match = /^\/embed\/([^\/]+)$/.exec(url.pathname);
    if (!match || !RESOURCE_ID.test(match[1])) {
        return null;
    }
    // Without these the filter would not render it: it is an ordinary link to Amphi, not a placeholder.
    if (!url.searchParams.get('ph') || !url.searchParams.get('sig')) {
        return null;
    }
    return match[1];
}

/**
 * Rebuilds the HTML of a placeholder received from local_amphi as a bare link, keeping only its href and text:
 * whatever else a message might carry never reaches the text.
 *
 * @param {*} html
 * @param {String} amphiOrigin
 * @return {String|null}
 */
function cleanPlaceholderHtml(html, amphiOrigin) {
    var parsed, elements, href, link;
    if (typeof html !== 'string') {
        return null;
    }
    parsed = new DOMParser().parseFromString(html, 'text/html');
    elements = parsed.body.children;
    if (elements.length !== 1 || elements[0].tagName !== 'A') {
        return null;
    }
    href = elements[0].getAttribute('href');
    if (!getResourceId(href, amphiOrigin)) {
        return null;
    }
    link = document.createElement('a');
    link.setAttribute('href', href);
    link.textContent = elements[0].textContent.trim() || href;
    return link.outerHTML;
}

Y.namespace('M.atto_amphi').Button = Y.Base.create('button', Y.M.editor_atto.EditorPlugin, [], {
    /**
     * The selection when the dialogue was opened: the dialogue takes the focus, and so the editor's selection.
     *
     * @property _currentSelection
     * @type Range[]|false
     * @private
     */
    _currentSelection: null,

    /**
     * The placeholder the dialogue was opened on, replaced by what the picker returns.
     *
     * @property _placeholder
     * @type Object|null
     * @private
     */
    _placeholder: null,

    /**
     * The dialogue's iframe: only messages from it are heard.
     *
     * @property _frame
     * @type HTMLIFrameElement|null
     * @private
     */
    _frame: null,

    /**
     * @property _messageHandler
     * @type Function|null
     * @private
     */
    _messageHandler: null,

    /**
     * @property _visibleHandle
     * @type EventHandle|null
     * @private
     */
    _visibleHandle: null,

    /**
     * @property _amphiOrigin
     * @type String
     * @private
     */
    _amphiOrigin: '',

    initializer: function() {
        var config;
        // Atto loads the plugin for everyone whose toolbar lists it; only those who may insert get the button.
        if (!this.get('caninsert') || !this.get('deeplinkurl')) {
            return;
        }
        this._amphiOrigin = normaliseOrigin(this.get('amphiorigin'));
        config = {
            icon: 'icon',
            iconComponent: COMPONENTNAME,
            callback: this._displayDialogue
        };
        if (this._amphiOrigin) {
            // Highlighted while the cursor is in a placeholder: pressing it then reopens that content.
            config.tags = 'a[href^="' + this._amphiOrigin.replace(/["\\]/g, '\\$&') + '/embed/"]';
            config.tagMatchRequiresAll = false;
        }
        this.addButton(config);
    },

    destructor: function() {
        this._stopListening();
    },

    /**
     * Opens the picker, on the placeholder under the cursor when there is one.
     *
     * @method _displayDialogue
     * @private
     */
    _displayDialogue: function() {
        var host = this.get('host'),
            url = this.get('deeplinkurl'),
            dialogue,
            frame;

        this._currentSelection = host.getSelection();
        if (this._currentSelection === false) {
            return;
        }
        this._placeholder = this._findPlaceholder(host.getSelectionParentNode());
        if (this._placeholder) {
            url += (url.indexOf('?') === -1 ? '?' : '&') + 'selected=' + encodeURIComponent(this._placeholder.resourceId);
        }

        dialogue = this.getDialogue({
            headerContent: M.util.get_string('modaltitle', COMPONENTNAME),
            width: '800px',
            focusAfterHide: true
        });

        frame = Y.Node.create('<iframe class="atto_amphi-picker"></iframe>');
        frame.setAttribute('title', M.util.get_string('frametitle', COMPONENTNAME));
        frame.setAttribute('style', 'display: block; width: 100%; height: 70vh; border: 0;');
        frame.setAttribute('src', url);

        // Listening before the iframe is in the page, so that no message can come first.
        this._stopListening();
        this._frame = frame.getDOMNode();
        this._messageHandler = Y.bind(this._handleMessage, this);
        window.addEventListener('message', this._messageHandler);
        // Atto keeps one dialogue per plugin: emptying it on close also stops whatever the iframe was still doing.
        this._visibleHandle = dialogue.after('visibleChange', function(e) {
            if (!e.newVal) {
                this._stopListening();
                dialogue.set('bodyContent', '');
            }
        }, this);

        dialogue.set('bodyContent', frame);
        dialogue.show();
    },

    /**
     * Acts only on what local_amphi's return page posts: from this Moodle's origin (Amphi's own pages, on another
     * origin, cannot speak for it), from this dialogue's iframe, and saying it comes from local_amphi.
     *
     * @method _handleMessage
     * @param {MessageEvent} event
     * @private
     */
    _handleMessage: function(event) {
        var data = event.data,
            amphiOrigin = this._amphiOrigin,
            received,
            placeholders = [];

        if (!this._frame || event.origin !== normaliseOrigin(M.cfg.wwwroot) ||
                !this._frame.contentWindow || event.source !== this._frame.contentWindow) {
            return;
        }
        if (!data || typeof data !== 'object' || data.source !== 'local_amphi') {
            return;
        }
        if (data.type === 'amphi:insert') {
            received = Array.isArray(data.placeholders) ? data.placeholders : [];
            received.forEach(function(placeholder) {
                var html = cleanPlaceholderHtml(placeholder && placeholder.html, amphiOrigin);
                if (html) {
                    placeholders.push(html);
                }
            });
            // Nothing more is heard from this picker; hiding the dialogue stops listening and empties it.
            this._frame = null;
            // Without giving the focus back first: the insertion puts it where it belongs.
            this.getDialogue({focusAfterHide: null}).hide();
            if (placeholders.length) {
                this._insert(placeholders);
            }
        } else if (data.type === 'amphi:cancel') {
            this._frame = null;
            this.getDialogue().hide();
        }
    },

    /**
     * Inserts the placeholders at the cursor, or in place of the placeholder the dialogue was opened on.
     *
     * @method _insert
     * @param {String[]} placeholders
     * @private
     */
    _insert: function(placeholders) {
        var host = this.get('host'),
            html = placeholders.length === 1 ? placeholders[0] : '<p>' + placeholders.join('</p><p>') + '</p>',
            replaced = this._placeholder ? this._placeholder.anchor : null;

        host.focus();
        if (replaced && this.editor.getDOMNode().contains(replaced)) {
            host.setSelection(host.getSelectionFromNode(Y.one(replaced)));
        } else {
            host.setSelection(this._currentSelection);
        }
        host.insertContentAtFocusPoint(html);
        this.markUpdated();
    },

    /**
     * The placeholder link holding a node of the editor's content, if any.
     *
     * @method _findPlaceholder
     * @param {Node|false} node A DOM node
     * @return {Object|null} {anchor, resourceId}
     * @private
     */
    _findPlaceholder: function(node) {
        var root = this.editor.getDOMNode(),
            resourceId;
        while (node && node !== root) {
            if (node.nodeType === 1 && node.tagName === 'A') {
                resourceId = getResourceId(node.getAttribute('href'), this._amphiOrigin);
                return resourceId ? {anchor: node, resourceId: resourceId} : null;
            }
            node = node.parentNode;
        }
        return null;
    },

    /**
     * @method _stopListening
     * @private
     */
    _stopListening: function() {
        if (this._messageHandler) {
            window.removeEventListener('message', this._messageHandler);
            this._messageHandler = null;
        }
        if (this._visibleHandle) {
            this._visibleHandle.detach();
            this._visibleHandle = null;
        }
        this._frame = null;
    }
}, {
    ATTRS: {
        /**
         * Whether this person may insert Amphi content in this editor's context.
         *
         * @attribute caninsert
         * @type Boolean
         */
        caninsert: {
            value: false
        },

        /**
         * local_amphi's deep-linking page for this editor's context.
         *
         * @attribute deeplinkurl
         * @type String
         */
        deeplinkurl: {
            value: ''
        },

        /**
         * Amphi's origin, to recognise the placeholders in the text.
         *
         * @attribute amphiorigin
         * @type String
         */
        amphiorigin: {
            value: ''
        }
    }
});


}, '@VERSION@', {"requires":["moodle-editor_atto-plugin"]});
