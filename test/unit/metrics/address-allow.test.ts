import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ConfigError, loadConfig } from '../../../src/config/config.js';
import { AddressAllowList } from '../../../src/metrics/address-allow.js';

function metricsAllowProblems(value: string): string[] {
  try {
    loadConfig({ METRICS_ALLOW: value });
  } catch (err) {
    assert.ok(err instanceof ConfigError);
    return err.problems;
  }
  assert.fail(`expected METRICS_ALLOW=${value} to be refused`);
}

describe('METRICS_ALLOW address matching', () => {
  it('allows loopback only by default, IPv4 (plain and ::ffff:-mapped) and IPv6', () => {
    const defaults = new AddressAllowList(loadConfig({}).metrics.allow);
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1', '0:0:0:0:0:0:0:1']) assert.ok(defaults.allows(address), address);
    for (const address of ['10.0.0.1', '128.0.0.1', '::2', '::ffff:10.0.0.1', '2001:db8::1', 'fe80::1%eth0']) assert.ok(!defaults.allows(address), address);
  });

  it('matches CIDR blocks at their boundaries', () => {
    const list = new AddressAllowList(['10.20.0.0/16', '192.0.2.7', 'fd00:1234::/32']);
    assert.ok(list.allows('10.20.0.0'));
    assert.ok(list.allows('10.20.255.255'));
    assert.ok(!list.allows('10.21.0.0'));
    assert.ok(!list.allows('10.19.255.255'));
    assert.ok(list.allows('192.0.2.7'));
    assert.ok(!list.allows('192.0.2.8'));
    assert.ok(list.allows('::ffff:10.20.3.4'), 'an IPv4 client on a dual-stack socket');
    assert.ok(list.allows('fd00:1234:ffff::1'));
    assert.ok(!list.allows('fd00:1235::1'));
  });

  it('refuses what is not an address: empty, a host name, garbage', () => {
    const list = new AddressAllowList(['0.0.0.0/0', '::/0']);
    for (const address of [undefined, '', 'localhost', '127.0.0.1:80', 'not an address']) assert.ok(!list.allows(address), String(address));
    assert.ok(list.allows('203.0.113.9'));
    assert.ok(list.allows('2001:db8::9'));
  });

  it('allows nobody with METRICS_ALLOW=none', () => {
    const list = new AddressAllowList(loadConfig({ METRICS_ALLOW: 'none' }).metrics.allow);
    assert.ok(!list.allows('127.0.0.1'));
    assert.ok(!list.allows('::1'));
  });

  it('parses a list with spaces and IPv6 blocks', () => {
    assert.deepEqual(loadConfig({ METRICS_ALLOW: ' 10.0.0.0/8 , fd00::/8,::1 ' }).metrics.allow, ['10.0.0.0/8', 'fd00::/8', '::1']);
  });

  it('stops at boot on a bad entry, naming METRICS_ALLOW and the entry', () => {
    for (const bad of ['10.0.0.0/33', 'fd00::/129', '10.0.0.0/8/1', 'metrics.example.edu', '10.0.0.1:9100', '10.0.0.0/x', '300.1.1.1']) {
      const problems = metricsAllowProblems(`127.0.0.1,${bad}`);
      assert.equal(problems.length, 1, bad);
      assert.match(problems[0]!, /^METRICS_ALLOW: /);
      assert.ok(problems[0]!.includes(JSON.stringify(bad)), problems[0]);
    }
  });
});
