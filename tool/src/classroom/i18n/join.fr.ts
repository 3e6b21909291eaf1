import type { joinEn } from './join.en.js';

/** French strings of the classroom's join part: the same keys as join.en.ts. */
export const joinFr = {
  'join.loading': 'Chargement de la classe…',
  'join.button': 'Rejoindre la classe',
  'join.button.start': 'Ouvrir la classe',
  'join.button.moderator': 'Rejoindre comme modérateur',
  'join.session.always': 'La classe est ouverte à tout moment.',
  'join.session.now': 'Une séance a lieu maintenant, jusqu’à {end}.',
  'join.session.next': 'Prochaine séance : {day} à {time}.',
  'join.closed.next': 'La classe est fermée. La prochaine séance ouvre le {day} à {time}.',
  'join.closed.none': 'Aucune séance n’est prévue.',
  'join.status.joining': 'Ouverture de la classe…',
  'join.status.opened': 'La classe s’est ouverte dans un nouvel onglet.',
  'join.status.blocked': 'Votre navigateur n’a pas laissé la classe s’ouvrir dans un nouvel onglet : utilisez le lien ci-dessous.',
  'join.link.open': 'Ouvrir la classe',
  'join.link.again': 'Ouvrir la classe à nouveau',
  'join.waiting.title': 'En attente de l’enseignant pour ouvrir la classe…',
  'join.waiting.hint': 'Gardez cette page ouverte : vous entrerez dès que la séance commencera.',
  'join.room.heading': 'La classe en ce moment',
  'join.room.running': 'La réunion a commencé à {time} ; {count} personne(s) ont rejoint via Amphi.',
  'join.room.idle': 'Aucune réunion en cours. Elle commence quand vous (ou, si c’est permis, un apprenant) la rejoignez.',
  'join.room.early': 'Les apprenant·es ne peuvent pas encore entrer ; vous pouvez ouvrir la salle en avance pour la préparer.',
  'join.end.button': 'Terminer pour tous',
  'join.end.confirm': 'Terminer la réunion pour toutes les personnes présentes ?',
  'join.end.yes': 'Terminer la réunion',
  'join.end.no': 'La poursuivre',
  'join.upcoming.heading': 'Prochaines séances',
  'join.upcoming.zone': 'Heures dans votre fuseau horaire ({zone}).',
  'join.server.missing.teacher':
    'Cette classe virtuelle ne peut pas encore ouvrir : aucun serveur BigBlueButton n’est configuré pour ce site Moodle. Demandez à l’administrateur·rice de Moodle d’en configurer un dans l’administration d’Amphi (réglage « Serveur BigBlueButton »).',
  'join.server.missing.admin':
    'Cette classe virtuelle ne peut pas encore ouvrir : aucun serveur BigBlueButton n’est configuré pour ce site Moodle. Configurez-en un dans l’onglet Serveur (ou dans l’espace Administration en bas de chaque page Amphi).',
  'join.server.missing.learner': 'Cette classe virtuelle n’est pas encore disponible. Revenez plus tard.',
  'join.upcoming.range': '{start}–{end}',
} as const satisfies Record<keyof typeof joinEn, string>;
