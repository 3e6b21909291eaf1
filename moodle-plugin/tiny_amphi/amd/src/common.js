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
 * Names shared by the Amphi plugin's modules.
 *
 * @module     tiny_amphi/common
 * @copyright  2026 Amphi
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

export const component = 'tiny_amphi';
// Moodle's editor_tiny manager loads "{component}/plugin" and registers it under that name.
export const pluginName = `${component}/plugin`;
// Also the name listed by plugininfo::get_available_buttons() and get_available_menuitems().
export const buttonName = component;
export const icon = component;
