import net, { BlockList } from 'node:net';

/**
 * Which addresses a request to a URL that came through the web may reach: not loopback, private,
 * link-local, shared (CGNAT), multicast, broadcast, reserved, documentation or cloud metadata
 * addresses, in any of their IPv6 spellings (IPv4-mapped, -compatible, -translated, NAT64, 6to4),
 * unless an operator lists them in OUTBOUND_ALLOW.
 */

// RFC 6890 special-purpose registries, minus what is globally reachable.
const REFUSED_V4: ReadonlyArray<readonly [string, number]> = [
  ['0.0.0.0', 8], // "this network"; 0.0.0.0 reaches the local host
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // shared address space (CGNAT); 100.100.100.200 is Alibaba's metadata service
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local; 169.254.169.254 is the metadata service of most clouds
  ['172.16.0.0', 12],
  ['192.0.0.0', 24], // IETF protocol assignments
  ['192.0.2.0', 24],
  ['192.88.99.0', 24], // 6to4 relay anycast (deprecated)
  ['192.168.0.0', 16],
  ['198.18.0.0', 15], // benchmarking
  ['198.51.100.0', 24],
  ['203.0.113.0', 24],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, and 255.255.255.255 broadcast
];

const REFUSED_V6: ReadonlyArray<readonly [string, number]> = [
  ['::', 96], // unspecified, loopback and the deprecated IPv4-compatible addresses
  ['64:ff9b:1::', 48], // local-use NAT64
  ['100::', 64], // discard-only
  ['2001::', 32], // Teredo: the IPv4 inside is obfuscated, so refuse the block
  ['2001:2::', 48], // benchmarking
  ['2001:10::', 28], // ORCHID
  ['2001:20::', 28], // ORCHIDv2
  ['2001:db8::', 32], // documentation
  ['3fff::', 20], // documentation
  ['5f00::', 16], // SRv6 SIDs
  ['fc00::', 7], // unique local; fd00:ec2::254 is AWS's IPv6 metadata service
  ['fe80::', 10], // link-local
  ['fec0::', 10], // site-local (deprecated)
  ['ff00::', 8], // multicast
];

const refused = new BlockList();
for (const [address, prefix] of REFUSED_V4) refused.addSubnet(address, prefix, 'ipv4');
for (const [address, prefix] of REFUSED_V6) refused.addSubnet(address, prefix, 'ipv6');

/** The 16 bytes of an IPv6 address (any spelling node:net accepts). */
function ipv6Bytes(address: string): Buffer {
  const text = withoutZone(address).toLowerCase();
  const [head, tail] = text.includes('::') ? text.split('::') : [text, undefined];
  const parse = (part: string | undefined): number[] => {
    if (!part) return [];
    const groups: number[] = [];
    for (const g of part.split(':')) {
      if (g.includes('.')) {
        const [a, b, c, d] = g.split('.').map(Number) as [number, number, number, number];
        groups.push((a << 8) | b, (c << 8) | d);
      } else groups.push(parseInt(g, 16));
    }
    return groups;
  };
  const first = parse(head);
  const last = parse(tail);
  const groups = tail === undefined ? first : [...first, ...Array(8 - first.length - last.length).fill(0), ...last];
  const bytes = Buffer.alloc(16);
  groups.forEach((g, i) => bytes.writeUInt16BE(g, i * 2));
  return bytes;
}

const v4At = (bytes: Buffer, offset: number): string => [...bytes.subarray(offset, offset + 4)].join('.');

/**
 * The IPv4 address an IPv6 address carries and reaches, for the forms that do: IPv4-mapped
 * (::ffff:0:0/96), IPv4-translated (::ffff:0:0:0/96), NAT64 (64:ff9b::/96) and 6to4 (2002::/16).
 */
export function embeddedIpv4(address: string): string | undefined {
  if (net.isIPv6(address) === false) return undefined;
  const b = ipv6Bytes(address);
  const zeros = (from: number, to: number): boolean => b.subarray(from, to).every((x) => x === 0);
  if (zeros(0, 10) && b[10] === 0xff && b[11] === 0xff) return v4At(b, 12);
  if (zeros(0, 8) && b[8] === 0xff && b[9] === 0xff && b[10] === 0 && b[11] === 0) return v4At(b, 12);
  if (b.readUInt32BE(0) === 0x0064ff9b && zeros(4, 12)) return v4At(b, 12);
  if (b.readUInt16BE(0) === 0x2002) return v4At(b, 2);
  return undefined;
}

/** The address as it reaches the network: IPv4 for an IPv4-mapped IPv6 address. */
export function canonicalAddress(address: string): string {
  if (net.isIPv6(address)) {
    const b = ipv6Bytes(address);
    if (b.subarray(0, 10).every((x) => x === 0) && b[10] === 0xff && b[11] === 0xff) return v4At(b, 12);
  }
  return address;
}

/** fe80::1%eth0 → fe80::1 */
const withoutZone = (address: string): string => address.split('%')[0]!;

/** True when a request that came through the web must not reach this address (before OUTBOUND_ALLOW). */
export function isRefusedAddress(input: string): boolean {
  const address = withoutZone(input);
  const family = net.isIP(address);
  if (family === 0) return true;
  if (family === 4) return refused.check(address, 'ipv4');
  if (refused.check(address, 'ipv6')) return true;
  const inner = embeddedIpv4(address);
  return inner !== undefined && refused.check(inner, 'ipv4');
}

/** OUTBOUND_ALLOW: addresses or CIDR blocks, each for every port or for one. */
export class OutboundAllowList {
  private readonly anyPort = new BlockList();
  private readonly byPort = new Map<number, BlockList>();

  /** Entries as config.ts validated them: `10.0.0.5`, `10.0.0.0/8`, `10.0.0.5:8443`, `[fd00::1]:443`, `[fd00::/8]:443`. */
  constructor(entries: readonly string[]) {
    for (const entry of entries) {
      const { address, prefix, port } = parseAllowEntry(entry);
      const family = net.isIPv4(address) ? 'ipv4' : 'ipv6';
      let list = this.anyPort;
      if (port !== undefined) {
        list = this.byPort.get(port) ?? new BlockList();
        this.byPort.set(port, list);
      }
      list.addSubnet(address, prefix ?? (family === 'ipv4' ? 32 : 128), family);
    }
  }

  allows(address: string, port: number): boolean {
    const canonical = canonicalAddress(withoutZone(address));
    const family = net.isIPv4(canonical) ? 'ipv4' : 'ipv6';
    if (this.anyPort.check(canonical, family)) return true;
    return this.byPort.get(port)?.check(canonical, family) ?? false;
  }
}

function parseAllowEntry(entry: string): { address: string; prefix: number | undefined; port: number | undefined } {
  let rest = entry.trim();
  let port: number | undefined;
  const bracketed = /^\[([^\]]+)\](?::(\d+))?$/.exec(rest);
  if (bracketed) {
    rest = bracketed[1]!;
    port = bracketed[2] === undefined ? undefined : Number(bracketed[2]);
  } else if (/^[^:]+:\d+$/.test(rest)) {
    const [a, p] = rest.split(':') as [string, string];
    rest = a;
    port = Number(p);
  }
  const [address, prefix] = rest.split('/') as [string, string | undefined];
  if (!net.isIP(address)) throw new Error(`OUTBOUND_ALLOW entry ${JSON.stringify(entry)} is not an address or CIDR block`);
  return { address: prefix === undefined ? canonicalAddress(address) : address, prefix: prefix === undefined ? undefined : Number(prefix), port };
}

/** May a request that came through the web connect to this address and port? */
export function isReachableAddress(address: string, port: number, allow: OutboundAllowList): boolean {
  return !isRefusedAddress(address) || allow.allows(address, port);
}
