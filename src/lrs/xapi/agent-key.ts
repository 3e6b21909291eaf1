import type { Actor, Ifi } from './xapi.types.js';

/**
 * One string per inverse functional identifier, used as the indexed key of an Agent or an
 * identified Group: two actors are the same when their keys are equal (Data 2.4.2.3: "the same
 * IFI"). Names and objectType do not take part. Undefined for an anonymous Group.
 */
export function agentKey(actor: Ifi): string | undefined {
  if (actor.mbox) return `mbox:${actor.mbox.toLowerCase()}`;
  if (actor.mbox_sha1sum) return `sha1:${actor.mbox_sha1sum.toLowerCase()}`;
  if (actor.openid) return `openid:${actor.openid}`;
  if (actor.account) return `account:${actor.account.homePage}|${actor.account.name}`;
  return undefined;
}

/** The keys an actor stands for: itself when identified, and each member of a Group. */
export function actorKeys(actor: Actor): string[] {
  const keys: string[] = [];
  const own = agentKey(actor);
  if (own) keys.push(own);
  if (actor.objectType === 'Group') for (const m of actor.member ?? []) {
    const k = agentKey(m);
    if (k) keys.push(k);
  }
  return keys;
}
