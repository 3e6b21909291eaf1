import type { serversEn } from './servers.en.js';

/** French strings of the classroom's servers part: the same keys as servers.en.ts. */
export const serversFr = {
  'servers.heading': 'Serveur BigBlueButton',
  'servers.loading': 'Chargement du serveur BigBlueButton…',
  'servers.state.configured': 'Le serveur BigBlueButton de cette plateforme est configuré : les classes virtuelles peuvent ouvrir.',
  'servers.state.missing':
    'Aucun serveur BigBlueButton n’est encore configuré pour cette plateforme : les classes virtuelles ne peuvent pas ouvrir. Demandez à l’administrateur·rice de Moodle d’en configurer un dans Amphi.',
  'servers.state.missing.admin':
    'Aucun serveur BigBlueButton n’est encore configuré pour cette plateforme : les classes virtuelles ne peuvent pas ouvrir. Configurez-en un ci-dessous.',
  'servers.form.intro':
    'Toutes les classes virtuelles de ce site Moodle utilisent ce serveur BigBlueButton ou Scalelite. Seul·es les administrateur·rices du site Moodle voient ce formulaire ; les enseignant·es voient seulement si un serveur est configuré.',
  'servers.form.url': 'Adresse du serveur',
  'servers.form.url.hint': 'Par exemple https://bbb.example.org/bigbluebutton/api (pour Scalelite, son adresse). Utilisez https.',
  'servers.form.secret': 'Secret partagé',
  'servers.form.secret.hint':
    'Sur un serveur BigBlueButton, bbb-conf --secret l’affiche ; sur Scalelite, LOADBALANCER_SECRET. Il est stocké chiffré et n’est plus jamais affiché.',
  'servers.form.secret.keep': 'Laissez vide pour garder le secret enregistré (empreinte {fingerprint}).',
  'servers.form.algorithm': 'Algorithme de somme de contrôle',
  'servers.form.algorithm.hint': 'Celui qu’attend le serveur : sha256, ou sha1 pour les serveurs antérieurs à BigBlueButton 2.6.',
  'servers.form.algorithm.default': '{algorithm} (recommandé)',
  'servers.form.save': 'Enregistrer',
  'servers.form.saving': 'Enregistrement…',
  'servers.form.test': 'Tester la connexion',
  'servers.form.testing': 'Test en cours…',
  'servers.form.remove': 'Retirer le serveur',
  'servers.remove.question':
    'Retirer le serveur BigBlueButton de cette plateforme ? Ses classes virtuelles ne pourront plus ouvrir tant qu’un serveur n’est pas configuré à nouveau.',
  'servers.remove.confirm': 'Oui, le retirer',
  'servers.remove.cancel': 'Annuler',
  'servers.saved': 'Serveur enregistré. Testez la connexion pour vérifier le secret.',
  'servers.removed': 'Serveur retiré.',
  'servers.insecure': 'Cette adresse utilise http sans chiffrement : les liens pour rejoindre parviennent aux navigateurs en clair. Utilisez https si le serveur le permet.',
  'servers.error.url-required': 'Saisissez l’adresse du serveur.',
  'servers.error.bbb-server-url-not-a-url': 'Ce n’est pas une adresse web. Saisissez l’adresse du serveur, par ex. https://bbb.example.org/bigbluebutton/api.',
  'servers.error.bbb-server-url-scheme': 'L’adresse doit commencer par https:// (ou http://).',
  'servers.error.bbb-server-url-credentials': 'L’adresse ne doit contenir ni nom d’utilisateur ni mot de passe : saisissez le secret dans son propre champ.',
  'servers.error.bbb-server-url-query': 'L’adresse ne doit pas contenir de paramètres (?…) : saisissez seulement l’adresse de l’API du serveur.',
  'servers.error.bbb-server-url-fragment': 'L’adresse ne doit pas contenir de fragment (#…) : saisissez seulement l’adresse de l’API du serveur.',
  'servers.error.bbb-server-url-too-long': 'L’adresse est trop longue (2000 caractères au plus).',
  'servers.error.bbb-server-secret-required': 'Saisissez le secret partagé du serveur.',
  'servers.error.bbb-server-secret-invalid': 'Ce ne peut pas être le secret partagé : il doit compter de 8 à 512 caractères, sans espace.',
} as const satisfies Record<keyof typeof serversEn, string>;
