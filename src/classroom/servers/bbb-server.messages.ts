/** Server messages of src/classroom/servers (spread into src/http/messages.ts). `{name}` placeholders take the error's params. */
export const SERVERS_MESSAGES = {
  'bbb-not-configured': {
    en: 'No BigBlueButton server is set up for this platform yet, so virtual classrooms cannot open. Ask your Moodle administrator to set one up in Amphi.',
    fr: 'Aucun serveur BigBlueButton n’est encore configuré pour cette plateforme : les classes virtuelles ne peuvent pas s’ouvrir. Demandez à l’administrateur·rice de Moodle d’en configurer un dans Amphi.',
  },
  'bbb-server-url-not-a-url': {
    en: '{url} is not a web address. Enter the address of the BigBlueButton or Scalelite server, e.g. https://bbb.example.org/bigbluebutton/api.',
    fr: '{url} n’est pas une adresse web. Saisissez l’adresse du serveur BigBlueButton ou Scalelite, par ex. https://bbb.example.org/bigbluebutton/api.',
  },
  'bbb-server-url-scheme': {
    en: '{url}: the address must start with https:// (or http://).',
    fr: '{url} : l’adresse doit commencer par https:// (ou http://).',
  },
  'bbb-server-url-credentials': {
    en: 'The address {url} must not contain a user name or password: enter the shared secret in its own field, where it is stored encrypted.',
    fr: 'L’adresse {url} ne doit contenir ni nom d’utilisateur ni mot de passe : saisissez le secret partagé dans son propre champ, où il est stocké chiffré.',
  },
  'bbb-server-url-query': {
    en: 'The address must not contain a query string (?…): enter only the server’s API address, e.g. {url}.',
    fr: 'L’adresse ne doit pas contenir de paramètres (?…) : saisissez seulement l’adresse de l’API du serveur, par ex. {url}.',
  },
  'bbb-server-url-fragment': {
    en: 'The address must not contain a fragment (#…): enter only the server’s API address, e.g. {url}.',
    fr: 'L’adresse ne doit pas contenir de fragment (#…) : saisissez seulement l’adresse de l’API du serveur, par ex. {url}.',
  },
  'bbb-server-url-too-long': {
    en: 'The address {url} is too long (2000 characters at most).',
    fr: 'L’adresse {url} est trop longue (2000 caractères au plus).',
  },
  'bbb-server-secret-required': {
    en: 'Enter the server’s shared secret (on a BigBlueButton server, bbb-conf --secret shows it; on Scalelite, LOADBALANCER_SECRET).',
    fr: 'Saisissez le secret partagé du serveur (sur un serveur BigBlueButton, bbb-conf --secret l’affiche ; sur Scalelite, LOADBALANCER_SECRET).',
  },
  'bbb-server-secret-invalid': {
    en: 'This shared secret cannot be right: it must be {min} to {max} characters without spaces (bbb-conf --secret shows the real one).',
    fr: 'Ce secret partagé ne peut pas être le bon : il doit compter de {min} à {max} caractères, sans espace (bbb-conf --secret affiche le vrai).',
  },
  'bbb-server-secret-unreadable': {
    en: 'The stored BigBlueButton secret of this platform cannot be decrypted (was SECRET_KEY changed?). An administrator must set the secret again.',
    fr: 'Le secret BigBlueButton enregistré pour cette plateforme ne peut pas être déchiffré (SECRET_KEY a-t-il changé ?). Un·e administrateur·rice doit saisir le secret à nouveau.',
  },
  'bbb-test-ok': {
    en: 'Connected: BigBlueButton API {version} answered and accepted the secret ({meetings} meeting(s) running).',
    fr: 'Connexion réussie : l’API BigBlueButton {version} a répondu et accepté le secret ({meetings} réunion(s) en cours).',
  },
  'bbb-test-ok-unnamed': {
    en: 'Connected: a BigBlueButton API answered and accepted the secret ({meetings} meeting(s) running). Its version is not shown: it does not read as a version number.',
    fr: 'Connexion réussie : une API BigBlueButton a répondu et accepté le secret ({meetings} réunion(s) en cours). Sa version n’est pas affichée : elle ne se lit pas comme un numéro de version.',
  },
  'bbb-test-secret-mismatch': {
    en: 'The server answered, but refused the checksum: the secret does not match the server (or the server does not accept the {algorithm} checksum algorithm).',
    fr: 'Le serveur a répondu mais a refusé la somme de contrôle : le secret ne correspond pas à celui du serveur (ou le serveur n’accepte pas l’algorithme {algorithm}).',
  },
  'bbb-test-unreachable': {
    en: 'The BigBlueButton server could not be reached or did not answer as a BigBlueButton API: {reason}',
    fr: 'Le serveur BigBlueButton est injoignable ou n’a pas répondu comme une API BigBlueButton : {reason}',
  },
  'bbb-test-not-reachable': {
    en: 'The BigBlueButton server is not reachable from Amphi: its host name does not resolve, or it points at an address inside the network (loopback, private, link-local or reserved). A server on the university’s own network must be listed in OUTBOUND_ALLOW by Amphi’s operator.',
    fr: 'Le serveur BigBlueButton n’est pas joignable depuis Amphi : son nom d’hôte ne se résout pas, ou il désigne une adresse interne au réseau (boucle locale, privée, lien local ou réservée). Un serveur sur le réseau de l’université doit être inscrit dans OUTBOUND_ALLOW par l’exploitant d’Amphi.',
  },
  'bbb-test-refused': {
    en: 'The server refused the signed request: {messageKey}',
    fr: 'Le serveur a refusé la requête signée : {messageKey}',
  },
} as const satisfies Record<string, { en: string; fr: string }>;
