import type { AppContext } from '../../src/app-context.js';
import type { ChecksumAlgorithm } from '../../src/classroom/bbb/bbb.types.js';
import { setBbbServer } from '../../src/classroom/servers/bbb-server.service.js';

/** What useFakeBbbFor needs of the strict fake BBB (test/support/fake-bbb): a FakeBbb fits. */
export interface BbbServerLike {
  url: string;
  secret: string;
  algorithm: ChecksumAlgorithm;
}

/**
 * Makes `fake` the platform's BigBlueButton server, through the same service as the admin page
 * and the CLI (URL normalised, secret sealed), so that bbbApiFor(ctx, platformId) talks to it.
 * Set as the operator does with the CLI unless told otherwise (the fake listens on loopback).
 */
export async function useFakeBbbFor(ctx: AppContext, platformId: string, fake: BbbServerLike, actor: 'operator' | 'platform-admin' = 'operator'): Promise<void> {
  await setBbbServer(ctx, platformId, { url: fake.url, secret: fake.secret, checksumAlgorithm: fake.algorithm }, 'test', actor);
}
