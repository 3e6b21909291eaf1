/** Server messages of src/demo (spread into src/http/messages.ts). `{name}` placeholders take the error's params. */
export const DEMO_MESSAGES = {
  'demo-public-url': {
    en: 'PUBLIC_URL is {publicUrl}, not a loopback address: the demo platform signs launches for anyone who reaches it, so it runs only on localhost unless you add --allow-public-url (never on a production site).',
    fr: 'PUBLIC_URL vaut {publicUrl}, qui n’est pas une adresse de bouclage : la plateforme de démonstration signe des lancements pour quiconque l’atteint, elle ne fonctionne donc que sur localhost, sauf avec --allow-public-url (jamais sur un site de production).',
  },
  'demo-public-url-changed': {
    en: 'The demo platform was made for {issuer}, and PUBLIC_URL is now {publicUrl}: run amphi demo --reset to make it again on this URL.',
    fr: 'La plateforme de démonstration a été créée pour {issuer}, et PUBLIC_URL vaut maintenant {publicUrl} : lancez amphi demo --reset pour la recréer sur cette URL.',
  },
} as const;
