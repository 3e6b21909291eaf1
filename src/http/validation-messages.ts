import type { z } from 'zod';

/**
 * zod's issues in words for both languages. zod writes English (its messages go to logs and to
 * problem+json `detail`); a French page must not show them, and `z.config(z.locales.fr())` is
 * global for the process. So each issue is also described in French from its code and fields,
 * for the request that asked in French.
 */
export interface IssueSummary {
  path: string;
  message: string;
  code: string;
}

/** A French-speaking refusal's parameters: `details` (zod's English), `detailsFr`, `issues`. */
export interface IssueDetails {
  details: string;
  detailsFr: string;
  issues: IssueSummary[];
}

type Issue = z.core.$ZodIssue & { input?: unknown; params?: { fr?: unknown } };

const NBSP = '\u00a0';

const TYPES_FR: Record<string, string> = {
  string: 'un texte',
  number: 'un nombre',
  int: 'un nombre entier',
  bigint: 'un nombre entier',
  boolean: 'vrai ou faux',
  date: 'une date',
  array: 'une liste',
  tuple: 'une liste',
  object: 'un objet',
  record: 'un objet',
  map: 'un objet',
  set: 'une liste',
  file: 'un fichier',
  null: 'vide (null)',
};

const FORMATS_FR: Record<string, string> = {
  email: 'une adresse e-mail',
  url: 'une adresse web (URL)',
  uuid: 'un identifiant UUID',
  guid: 'un identifiant GUID',
  datetime: 'une date et heure ISO 8601',
  date: 'une date AAAA-MM-JJ',
  time: 'une heure HH:MM',
  duration: 'une durée ISO 8601',
  ipv4: 'une adresse IPv4',
  ipv6: 'une adresse IPv6',
  base64: 'un texte en base64',
  base64url: 'un texte en base64url',
  jwt: 'un jeton JWT',
};

/** Singular and plural: French counts 0 and 1 in the singular. */
const UNITS_FR: Record<string, [string, string]> = {
  string: ['caractère', 'caractères'],
  array: ['élément', 'éléments'],
  set: ['élément', 'éléments'],
  file: ['octet', 'octets'],
};

function list(values: readonly unknown[]): string {
  return values.map((v) => (typeof v === 'string' ? `«${NBSP}${v}${NBSP}»` : String(v))).join(', ');
}

function bound(issue: { origin: string; inclusive?: boolean }, value: unknown, side: 'min' | 'max'): string {
  const unit = UNITS_FR[issue.origin];
  if (unit) return `doit compter ${side === 'min' ? 'au moins' : 'au plus'} ${String(value)} ${unit[Number(value) > 1 ? 1 : 0]}`;
  if (issue.origin === 'date') return side === 'min' ? `ne doit pas être avant ${String(value)}` : `ne doit pas être après ${String(value)}`;
  const comparison = side === 'min' ? 'supérieur' : 'inférieur';
  return `doit être ${comparison}${issue.inclusive ? ' ou égal' : ''} à ${String(value)}`;
}

/** One issue in French, without its path. */
export function describeIssueFr(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      // The input is there when the parse reported it (validate() asks zod to): absent means missing.
      if (issue.input === undefined) return 'est obligatoire';
      return `doit être ${TYPES_FR[issue.expected] ?? issue.expected}`;
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'ne doit pas être vide';
      return bound(issue, issue.minimum, 'min');
    case 'too_big':
      return bound(issue, issue.maximum, 'max');
    case 'invalid_format':
      if (issue.format === 'starts_with') return `doit commencer par «${NBSP}${(issue as { prefix?: string }).prefix ?? ''}${NBSP}»`;
      if (issue.format === 'ends_with') return `doit finir par «${NBSP}${(issue as { suffix?: string }).suffix ?? ''}${NBSP}»`;
      if (issue.format === 'includes') return `doit contenir «${NBSP}${(issue as { includes?: string }).includes ?? ''}${NBSP}»`;
      return FORMATS_FR[issue.format] ? `doit être ${FORMATS_FR[issue.format]}` : 'n’a pas le format attendu';
    case 'invalid_value':
      if (issue.input === undefined) return 'est obligatoire';
      return issue.values.length === 1 ? `doit valoir ${list(issue.values)}` : `doit être l’une de ces valeurs${NBSP}: ${list(issue.values)}`;
    case 'unrecognized_keys':
      return issue.keys.length === 1 ? `champ inconnu${NBSP}: ${list(issue.keys)}` : `champs inconnus${NBSP}: ${list(issue.keys)}`;
    case 'not_multiple_of':
      return `doit être un multiple de ${String(issue.divisor)}`;
    case 'invalid_union':
      return 'ne correspond à aucune des formes acceptées';
    case 'invalid_key':
      return 'contient une clé non valide';
    case 'invalid_element':
      return 'contient une valeur non valide';
    default:
      // A refinement's own message is English; one may carry its French in params.fr.
      return typeof issue.params?.fr === 'string' ? issue.params.fr : 'n’est pas accepté';
  }
}

/** `body.title` → `title`: the request part is noise to the person reading. */
function fieldOf(path: readonly PropertyKey[], root: { en: string; fr: string }): { en: string; fr: string } {
  const field = path.map(String).join('.').replace(/^(body|query|params)\.?/, '');
  return field ? { en: field, fr: field } : root;
}

/** Parse with `{ reportInput: true }`: without the input, every wrong type reads as missing. */
export function describeIssues(issues: readonly z.core.$ZodIssue[], root = { en: 'request', fr: 'requête' }): IssueDetails {
  const described = issues.map((issue) => ({ issue, field: fieldOf(issue.path, root) }));
  return {
    details: described.map(({ issue, field }) => `${field.en}: ${issue.message}`).join('; '),
    detailsFr: described.map(({ issue, field }) => `${field.fr}${NBSP}: ${describeIssueFr(issue as Issue)}`).join(`${NBSP}; `),
    issues: issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message, code: i.code })),
  };
}
