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

/**
 * Strings for the Amphi button of the Atto editor (French).
 *
 * @package    atto_amphi
 * @copyright  2026 Amphi
 * @license    http://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['frametitle'] = 'Sélecteur de contenus Amphi';
$string['modaltitle'] = 'Insérer un contenu Amphi';
$string['pluginname'] = 'Amphi';
$string['privacy:metadata'] = 'Le bouton Amphi de l’éditeur Atto n’enregistre aucune donnée personnelle. Il insère un lien vers un contenu Amphi ; le plugin local Amphi décrit ce qu’Amphi reçoit quand quelqu’un ouvre ce contenu.';
