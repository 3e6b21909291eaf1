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
 * Chaînes françaises de local_amphi.
 *
 * @package    local_amphi
 * @copyright  2026 Amphi
 * @license    https://www.gnu.org/copyleft/gpl.html GNU GPL v3 or later
 */

defined('MOODLE_INTERNAL') || die();

$string['amphi:insert'] = 'Insérer des contenus Amphi dans les textes';
$string['cancelled'] = 'Aucun contenu n\'a été choisi.';
$string['continue'] = 'Continuer';
$string['copynotapproved'] = 'Ce contenu Amphi a été copié depuis un autre cours. Un enseignant de ce cours doit l\'ouvrir une première fois pour qu\'il soit disponible ici.';
$string['expired'] = 'Cette demande a expiré ou a déjà servi. Fermez cette fenêtre et réessayez.';
$string['inserted'] = 'Éléments insérés : {$a}.';
$string['invalidresponse'] = 'La réponse d\'Amphi n\'a pas pu être vérifiée : rien n\'a été inséré. Fermez cette fenêtre et réessayez.';
$string['launcherror'] = 'Amphi n\'a pas pu s\'ouvrir : la demande n\'a pas passé les contrôles du site. Demandez à l\'administrateur du site de vérifier le type d\'outil Amphi.';
$string['ltimissing'] = 'Le module d\'activité Outil externe (mod_lti) n\'est pas disponible sur ce site.';
$string['nocourse'] = 'Les contenus Amphi ne s\'ouvrent que dans un cours.';
$string['noguests'] = 'Les contenus Amphi demandent de se connecter : les invités ne peuvent pas les ouvrir.';
$string['nopermission'] = 'Vous n\'avez pas le droit d\'insérer des contenus Amphi ici.';
$string['notconfigured'] = 'Amphi n\'est pas encore configuré sur ce site : aucun type d\'outil LTI 1.3 Amphi ne lui est attribué, ou celui choisi est désactivé ou n\'est pas un Amphi.';
$string['placeholderinvalid'] = 'Ce lien Amphi n\'est pas valide : il a été modifié, ou il vient d\'un autre site.';
$string['pluginname'] = 'Amphi';
$string['privacy:copies'] = 'Copies Amphi approuvées';
$string['privacy:metadata:amphi'] = 'Pour ouvrir un contenu Amphi intégré dans un texte, ou pour le choisir depuis l\'éditeur de texte, le site envoie des données sur l\'utilisateur à Amphi par le type d\'outil LTI 1.3 choisi dans les réglages d\'Amphi (comme le fait l\'activité Outil externe).';
$string['privacy:metadata:amphi:email'] = 'L\'adresse de courriel de l\'utilisateur, si le type d\'outil est réglé pour l\'envoyer.';
$string['privacy:metadata:amphi:fullname'] = 'Le nom complet de l\'utilisateur, si le type d\'outil est réglé pour l\'envoyer.';
$string['privacy:metadata:amphi:roles'] = 'Le rôle de l\'utilisateur dans le cours (apprenant, enseignant, administrateur).';
$string['privacy:metadata:amphi:userid'] = 'L\'identifiant de l\'utilisateur sur ce site.';
$string['privacy:metadata:local_amphi_copies'] = 'Un contenu Amphi copié depuis un autre cours (copie de cours, restauration, importation ou copier-coller) s\'ouvre dans le nouveau cours une fois qu\'un enseignant autorisé dans les deux cours l\'y a ouvert. L\'approbation est conservée avec son auteur.';
$string['privacy:metadata:local_amphi_copies:approvedby'] = 'L\'utilisateur qui a approuvé la copie en l\'ouvrant.';
$string['privacy:metadata:local_amphi_copies:courseid'] = 'Le cours où le contenu copié peut s\'ouvrir.';
$string['privacy:metadata:local_amphi_copies:fromcourseid'] = 'Le cours d\'où le contenu a été copié.';
$string['privacy:metadata:local_amphi_copies:ph'] = 'L\'identifiant du lien Amphi copié.';
$string['privacy:metadata:local_amphi_copies:timecreated'] = 'La date de l\'approbation.';
$string['redirecting'] = 'Ouverture d\'Amphi…';
$string['typeid'] = 'Type d\'outil Amphi';
$string['typeid_desc'] = 'L\'outil externe LTI 1.3 du site enregistré pour Amphi. Les contenus Amphi intégrés et le bouton de l\'éditeur passent par lui. Seuls les types LTI 1.3 du site dont l\'URL de l\'outil finit par /lti/launch (et l\'URL de connexion par /lti/login, sur le même site) sont proposés : un autre outil ne saurait pas répondre aux lancements d\'Amphi. Ses « URI de redirection » doivent contenir l\'URL de lancement d\'Amphi.';
$string['typenone'] = 'Non configuré';
