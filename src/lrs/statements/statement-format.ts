import type {
  Activity, ActivityDefinition, Actor, Agent, Context, Group, LanguageMap, Statement, StatementObject,
  StoredStatement, SubStatement, Verb,
} from '../xapi/xapi.types.js';

/**
 * The `format` parameter of GET /statements (xAPI 1.0.3 Communication 2.1.3):
 * - `exact`: the statement as received;
 * - `ids`: Agents and identified Groups keep only their identifier (and objectType), anonymous
 *   Groups their members as ids, Activities only `id`, Verbs only `id`;
 * - `canonical`: every language map of Activities and Verbs reduced to the one language the
 *   Accept-Language list prefers (Communication 2.1.3.s4); Agents and Groups as in `exact`.
 * `acceptLanguages` is the Accept-Language header as tags, most preferred first. Returns a new
 * object; the stored statement is not changed.
 */
export function formatStatement(statement: StoredStatement, format: 'exact' | 'ids' | 'canonical', acceptLanguages: string[]): StoredStatement {
  if (format === 'exact') return statement;
  const f: Formatter = format === 'ids' ? idsFormatter : canonicalFormatter(acceptLanguages);
  return formatBody(statement, f) as StoredStatement;
}

interface Formatter {
  actor(actor: Actor): Actor;
  verb(verb: Verb): Verb;
  activity(activity: Activity): Activity;
}

function formatBody<S extends Statement | SubStatement>(s: S, f: Formatter): S {
  const out: S = { ...s, actor: f.actor(s.actor), verb: f.verb(s.verb), object: formatObject(s.object, f) };
  if (s.context) out.context = formatContext(s.context, f);
  if ('authority' in s && s.authority) (out as Statement).authority = f.actor(s.authority);
  return out;
}

function formatObject(o: StatementObject, f: Formatter): StatementObject {
  switch (o.objectType) {
    // An object without objectType is an Activity (Data 2.4.4.s2).
    case undefined:
    case 'Activity': return f.activity(o as Activity);
    case 'Agent':
    case 'Group': return f.actor(o);
    case 'SubStatement': return formatBody(o, f);
    default: return o;
  }
}

function formatContext(c: Context, f: Formatter): Context {
  const out: Context & { contextAgents?: unknown; contextGroups?: unknown } = { ...c };
  if (c.instructor) out.instructor = f.actor(c.instructor);
  if (c.team) out.team = f.actor(c.team) as Group;
  if (c.contextActivities) {
    const activities: Record<string, Activity[]> = {};
    for (const [key, list] of Object.entries(c.contextActivities) as [string, Activity[] | Activity][]) {
      activities[key] = (Array.isArray(list) ? list : [list]).map((a) => f.activity(a));
    }
    out.contextActivities = activities;
  }
  // xAPI 2.0 context agents and groups hold actors too.
  if (c.contextAgents) out.contextAgents = c.contextAgents.map((m) => ({ ...m, agent: f.actor(m.agent) as Agent }));
  if (c.contextGroups) out.contextGroups = c.contextGroups.map((m) => ({ ...m, group: f.actor(m.group) as Group }));
  return out;
}

const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;

/** Communication 2.1.3 `ids`: "only include minimum information necessary … to identify them". */
const idsFormatter: Formatter = {
  actor(actor) {
    const out: Record<string, unknown> = {};
    if (actor.objectType) out.objectType = actor.objectType;
    for (const key of IFI_KEYS) if (actor[key] !== undefined) out[key] = actor[key];
    // "For Anonymous Groups this means including the minimum information needed to identify each member."
    const anonymous = IFI_KEYS.every((key) => actor[key] === undefined);
    if (anonymous && actor.objectType === 'Group' && actor.member) out.member = actor.member.map((m) => idsFormatter.actor(m));
    return out as unknown as Actor;
  },
  verb: (verb) => ({ id: verb.id }),
  activity: (activity) => ({ id: activity.id }),
};

function canonicalFormatter(languages: string[]): Formatter {
  const pick = (map: LanguageMap) => pickLanguage(map, languages);
  return {
    actor: (actor) => actor,
    verb: (verb) => (verb.display ? { ...verb, display: pick(verb.display) } : verb),
    activity(activity) {
      if (!activity.definition) return activity;
      const def: ActivityDefinition = { ...activity.definition };
      if (def.name) def.name = pick(def.name);
      if (def.description) def.description = pick(def.description);
      for (const list of ['choices', 'scale', 'source', 'target', 'steps'] as const) {
        const components = def[list];
        if (components) def[list] = components.map((c) => (c.description ? { ...c, description: pick(c.description) } : c));
      }
      return { ...activity, definition: def };
    },
  };
}

/**
 * One entry of a language map, chosen as RFC 2616 §14.4 matches Accept-Language: a range
 * matches a tag equal to it or starting with it followed by "-", and "*" matches anything.
 * Then, for a best effort, a tag with the same primary language, then the first entry, since
 * the LRS "MUST return only one language" (Communication 2.1.3.s4.b1).
 */
export function pickLanguage(map: LanguageMap, acceptLanguages: string[]): LanguageMap {
  const tags = Object.keys(map);
  if (tags.length <= 1) return map;
  const ranges = acceptLanguages.map((r) => r.split(';')[0]!.trim().toLowerCase()).filter(Boolean);
  const lowered = tags.map((t) => t.toLowerCase());
  const choose = (test: (tag: string, range: string) => boolean): string | undefined => {
    for (const range of ranges) {
      const i = lowered.findIndex((tag) => test(tag, range));
      if (i >= 0) return tags[i];
    }
    return undefined;
  };
  const primary = (tag: string) => tag.split('-')[0];
  const chosen =
    choose((tag, range) => range === '*' || tag === range || tag.startsWith(`${range}-`)) ??
    choose((tag, range) => primary(tag) === primary(range)) ??
    tags[0]!;
  return { [chosen]: map[chosen]! };
}
