import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OutboundError } from '../../../src/http/outbound.js';
import { mayAnswerLater } from '../../../src/lti/services/service-error.js';

describe('which failed calls to a platform are retried', () => {
  it('retries a refused address as it retries a name that does not resolve (the outcome must not tell them apart), never a bad URL', () => {
    assert.equal(mayAnswerLater(new OutboundError('address-refused')), mayAnswerLater(new OutboundError('dns-failed')));
    assert.equal(mayAnswerLater(new OutboundError('address-refused')), true);
    assert.equal(mayAnswerLater(new OutboundError('timeout')), true);
    assert.equal(mayAnswerLater(new OutboundError('bad-url')), false);
  });
});
