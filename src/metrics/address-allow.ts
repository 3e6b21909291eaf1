import net, { BlockList } from 'node:net';

/**
 * The addresses METRICS_ALLOW lets read /metrics: IPv4 and IPv6 addresses and CIDR blocks. An
 * IPv4 client of a dual-stack socket (::ffff:127.0.0.1) matches the IPv4 entries (node's
 * BlockList maps them). Entries are validated when the configuration is parsed; a bad one here
 * is a programming error and throws.
 */
export class AddressAllowList {
  private readonly list = new BlockList();

  constructor(readonly entries: readonly string[]) {
    for (const entry of entries) {
      const [address = '', prefix] = entry.split('/');
      const family = net.isIP(address);
      if (!family) throw new Error(`not an IP address or CIDR block: ${entry}`);
      const type = family === 4 ? 'ipv4' : 'ipv6';
      if (prefix === undefined) this.list.addAddress(address, type);
      else this.list.addSubnet(address, Number(prefix), type);
    }
  }

  allows(address: string | undefined): boolean {
    // A link-local IPv6 client may come with its zone (fe80::1%eth0): the zone names our interface, not the client.
    const plain = address?.replace(/%.*$/, '') ?? '';
    const family = net.isIP(plain);
    if (!family) return false;
    return this.list.check(plain, family === 4 ? 'ipv4' : 'ipv6');
  }
}

