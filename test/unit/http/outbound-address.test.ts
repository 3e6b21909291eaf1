import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { OutboundAllowList, embeddedIpv4, isReachableAddress, isRefusedAddress } from '../../../src/http/outbound-address.js';

describe('outbound address rules', () => {
  const refused = [
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['0.0.0.0', 'unspecified, reaches the local host'],
    ['0.1.2.3', 'this network'],
    ['10.1.2.3', 'RFC 1918'],
    ['172.16.0.1', 'RFC 1918'],
    ['172.31.255.255', 'RFC 1918'],
    ['192.168.1.1', 'RFC 1918'],
    ['100.64.0.1', 'CGNAT'],
    ['100.100.100.200', 'Alibaba metadata'],
    ['169.254.169.254', 'cloud metadata'],
    ['169.254.1.1', 'link-local'],
    ['192.0.0.192', 'IETF protocol assignments (Oracle metadata)'],
    ['192.0.2.1', 'documentation'],
    ['198.18.0.1', 'benchmarking'],
    ['224.0.0.1', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['240.0.0.1', 'reserved'],
    ['255.255.255.255', 'broadcast'],
    ['::', 'IPv6 unspecified'],
    ['::1', 'IPv6 loopback'],
    ['fe80::1', 'IPv6 link-local'],
    ['fe80::1%eth0', 'IPv6 link-local with a zone'],
    ['fc00::1', 'unique local'],
    ['fd12:3456::1', 'unique local'],
    ['fd00:ec2::254', 'AWS IPv6 metadata'],
    ['ff02::1', 'IPv6 multicast'],
    ['2001:db8::1', 'IPv6 documentation'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:7f00:1', 'IPv4-mapped loopback, hex'],
    ['::ffff:169.254.169.254', 'IPv4-mapped metadata'],
    ['::ffff:0:a00:1', 'IPv4-translated 10.0.0.1'],
    ['::7f00:1', 'IPv4-compatible loopback'],
    ['::a9fe:a9fe', 'IPv4-compatible metadata'],
    ['64:ff9b::7f00:1', 'NAT64 of loopback'],
    ['64:ff9b::a9fe:a9fe', 'NAT64 of metadata'],
    ['64:ff9b:1::1', 'local-use NAT64'],
    ['2002:7f00:1::1', '6to4 of loopback'],
    ['2002:c0a8:101::1', '6to4 of 192.168.1.1'],
    ['2001::1', 'Teredo'],
    ['not-an-address', 'not an address at all'],
  ] as const;
  for (const [address, why] of refused) {
    it(`refuses ${address} (${why})`, () => assert.equal(isRefusedAddress(address), true));
  }

  const reachable = ['8.8.8.8', '93.184.216.34', '100.63.255.255', '100.128.0.1', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8', '64:ff9b::808:808', '2002:808:808::1'];
  for (const address of reachable) {
    it(`lets ${address} through`, () => assert.equal(isRefusedAddress(address), false));
  }

  it('reads the IPv4 address inside the IPv6 forms that reach it', () => {
    assert.equal(embeddedIpv4('::ffff:10.0.0.1'), '10.0.0.1');
    assert.equal(embeddedIpv4('64:ff9b::c0a8:101'), '192.168.1.1');
    assert.equal(embeddedIpv4('2002:a9fe:a9fe:1::'), '169.254.169.254');
    assert.equal(embeddedIpv4('2606:4700::1111'), undefined);
    assert.equal(embeddedIpv4('10.0.0.1'), undefined);
  });
});

describe('OUTBOUND_ALLOW', () => {
  it('opens an address, a block or an IPv6 block on every port', () => {
    const allow = new OutboundAllowList(['10.0.0.5', '192.168.0.0/16', 'fd00::/8']);
    assert.equal(isReachableAddress('10.0.0.5', 443, allow), true);
    assert.equal(isReachableAddress('10.0.0.5', 8080, allow), true);
    assert.equal(isReachableAddress('10.0.0.6', 443, allow), false);
    assert.equal(isReachableAddress('192.168.44.1', 1, allow), true);
    assert.equal(isReachableAddress('fd12::1', 443, allow), true);
    assert.equal(isReachableAddress('fc00::1', 443, allow), false);
    assert.equal(isReachableAddress('::ffff:10.0.0.5', 443, allow), true, 'the IPv4-mapped spelling of an allowed address');
    assert.equal(isReachableAddress('169.254.169.254', 80, allow), false);
  });

  it('opens an address on one port only when the entry names a port', () => {
    const allow = new OutboundAllowList(['127.0.0.1:8443', '[::1]:9000', '[fd00::/8]:443', '10.0.0.0/8:80']);
    assert.equal(isReachableAddress('127.0.0.1', 8443, allow), true);
    assert.equal(isReachableAddress('127.0.0.1', 8444, allow), false);
    assert.equal(isReachableAddress('::1', 9000, allow), true);
    assert.equal(isReachableAddress('::1', 9001, allow), false);
    assert.equal(isReachableAddress('fd00::1', 443, allow), true);
    assert.equal(isReachableAddress('fd00::1', 80, allow), false);
    assert.equal(isReachableAddress('10.9.9.9', 80, allow), true);
    assert.equal(isReachableAddress('10.9.9.9', 22, allow), false);
  });

  it('changes nothing for public addresses', () => {
    assert.equal(isReachableAddress('8.8.8.8', 53, new OutboundAllowList([])), true);
  });
});
