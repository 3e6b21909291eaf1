/** Server messages of src/metrics (spread into src/http/messages.ts). `{name}` placeholders take the error's params. */
export const METRICS_MESSAGES = {
  'metrics-forbidden': {
    en: 'Metrics are served only to the addresses listed in METRICS_ALLOW; {address} is not one of them.',
    fr: 'Les métriques ne sont servies qu’aux adresses listées dans METRICS_ALLOW ; {address} n’en fait pas partie.',
  },
} as const satisfies Record<string, { en: string; fr: string }>;
