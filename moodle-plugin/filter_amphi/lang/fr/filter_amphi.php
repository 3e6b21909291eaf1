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
 * Chaînes françaises de filter_amphi.
 *
 * @package    filter_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['filtername'] = 'Contenus Amphi intégrés';
$string['nocourse'] = '(Les contenus Amphi ne s\'ouvrent que dans un cours.)';
$string['notconfigured'] = '(Amphi n\'est pas configuré sur ce site : ce contenu ne peut pas s\'ouvrir ici.)';
$string['placeholderinvalid'] = '(Ce lien Amphi n\'est pas valide : il a été modifié, ou il vient d\'un autre site.)';
$string['pluginname'] = 'Contenus Amphi intégrés';
$string['privacy:metadata'] = 'Le filtre Amphi n\'enregistre aucune donnée personnelle : il affiche seulement les contenus Amphi placés dans les textes. Ce qu\'un lancement envoie à Amphi est déclaré par le plugin local Amphi.';
