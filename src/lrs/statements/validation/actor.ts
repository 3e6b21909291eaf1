import type { Actor, Agent, Group } from '../../xapi/xapi.types.js';
import {
  fail, MAX_ACCOUNT_PART_BYTES, present, rejectUnknownKeys, requireArray, requireIri, requireMailto,
  requireMaxBytes, requireObject, requireSha1, requireString, show, type Json,
} from './primitives.js';

/**
 * Actors (xAPI 1.0.3 Data 2.4.2): an Agent has exactly one inverse functional identifier; a
 * Group has at most one, and an anonymous Group (none) must list its members; members are Agents.
 */
const IFI_KEYS = ['mbox', 'mbox_sha1sum', 'openid', 'account'] as const;
const AGENT_KEYS = new Set(['objectType', 'name', ...IFI_KEYS]);
const GROUP_KEYS = new Set(['objectType', 'name', 'member', ...IFI_KEYS]);
const ACCOUNT_KEYS = new Set(['homePage', 'name']);

/** An Agent or a Group, told apart by `objectType` (absent means Agent). */
export function validateActor(value: unknown, path: string): Actor {
  const obj = requireObject(value, path);
  if (present(obj, 'objectType', path) && obj.objectType === 'Group') return validateGroup(obj, path);
  return validateAgent(obj, path);
}

export function validateAgent(value: unknown, path: string): Agent {
  const obj = requireObject(value, path);
  rejectUnknownKeys(obj, AGENT_KEYS, path);
  if (present(obj, 'objectType', path) && obj.objectType !== 'Agent') {
    fail(`${path}.objectType`, `${show(obj.objectType)} is not "Agent"`);
  }
  if (present(obj, 'name', path)) requireString(obj.name, `${path}.name`);
  if (countIfis(obj, path) !== 1) fail(path, 'an Agent needs exactly one of mbox, mbox_sha1sum, openid, account');
  return obj as unknown as Agent;
}

export function validateGroup(value: unknown, path: string): Group {
  const obj = requireObject(value, path);
  rejectUnknownKeys(obj, GROUP_KEYS, path);
  if (obj.objectType !== 'Group') fail(`${path}.objectType`, `${show(obj.objectType)} is not "Group"`);
  if (present(obj, 'name', path)) requireString(obj.name, `${path}.name`);
  const ifis = countIfis(obj, path);
  if (ifis > 1) fail(path, 'a Group may have only one of mbox, mbox_sha1sum, openid, account');
  if (present(obj, 'member', path)) {
    const members = requireArray(obj.member, `${path}.member`);
    for (let i = 0; i < members.length; i++) validateAgent(members[i], `${path}.member[${i}]`);
    if (ifis === 0 && members.length === 0) fail(`${path}.member`, 'an anonymous Group needs at least one member');
  } else if (ifis === 0) {
    fail(path, 'an anonymous Group (no identifier) needs a member list');
  }
  return obj as unknown as Group;
}

/** Validates each identifier present and returns how many there are. */
function countIfis(obj: Json, path: string): number {
  let n = 0;
  if (present(obj, 'mbox', path)) { requireMailto(obj.mbox, `${path}.mbox`); n++; }
  if (present(obj, 'mbox_sha1sum', path)) { requireSha1(obj.mbox_sha1sum, `${path}.mbox_sha1sum`); n++; }
  if (present(obj, 'openid', path)) { requireIri(obj.openid, `${path}.openid`); n++; }
  if (present(obj, 'account', path)) { validateAccount(obj.account, `${path}.account`); n++; }
  return n;
}

/**
 * Data 2.4.2.4: `homePage` (IRL) and `name`, both required; each at most 512 bytes, since
 * together they are the actor's index key (primitives.ts, MAX_ACCOUNT_PART_BYTES).
 */
function validateAccount(value: unknown, path: string): void {
  const account = requireObject(value, path);
  rejectUnknownKeys(account, ACCOUNT_KEYS, path);
  if (!present(account, 'homePage', path)) fail(`${path}.homePage`, 'is required');
  requireMaxBytes(requireString(account.homePage, `${path}.homePage`), MAX_ACCOUNT_PART_BYTES, `${path}.homePage`);
  requireIri(account.homePage, `${path}.homePage`);
  if (!present(account, 'name', path)) fail(`${path}.name`, 'is required');
  requireMaxBytes(requireString(account.name, `${path}.name`), MAX_ACCOUNT_PART_BYTES, `${path}.name`);
}
