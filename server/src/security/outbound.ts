import dns from 'node:dns';
import net from 'node:net';
import { Agent, fetch as undiciFetch } from 'undici';

/**
 * Where the gateway may send traffic: provider base URLs and the alert webhook. A base URL is
 * chosen by whoever configures a provider, and the provider's API key goes with every request, so
 * a URL is a place the key may be sent and a place the server may be made to reach (SSRF).
 *
 * The rule: `https:` to a public address; `http:` and loopback/private addresses only for hosts the
 * app's config lists (`security.allowedHosts`), or private addresses for any host when
 * `security.allowPrivateNetworks` is on; link-local, cloud-metadata, unspecified, multicast and
 * reserved addresses never. Checked when a provider is saved, and again when a connection is made:
 * the address a name resolves to is checked at connect time (DNS can change between the two).
 */
export interface OutboundPolicy {
  allowedHosts: string[];
  allowPrivateNetworks: boolean;
}

function blockList(subnets: Array<[string, number, 'ipv4' | 'ipv6']>) {
  const list = new net.BlockList();
  for (const [address, prefix, type] of subnets) list.addSubnet(address, prefix, type);
  return list;
}

/** Never reachable: link-local (and the cloud metadata services on it), unspecified, multicast, reserved. */
const NEVER = blockList([
  ['0.0.0.0', 8, 'ipv4'],
  ['169.254.0.0', 16, 'ipv4'],
  ['192.0.0.0', 24, 'ipv4'],
  ['224.0.0.0', 4, 'ipv4'],
  ['240.0.0.0', 4, 'ipv4'],
  ['100.100.100.200', 32, 'ipv4'],
  ['::', 128, 'ipv6'],
  ['fe80::', 10, 'ipv6'],
  ['ff00::', 8, 'ipv6'],
  ['fd00:ec2::254', 128, 'ipv6'],
]);

/** Reachable only when allowed: loopback and private ranges. */
const PRIVATE = blockList([
  ['127.0.0.0', 8, 'ipv4'],
  ['10.0.0.0', 8, 'ipv4'],
  ['172.16.0.0', 12, 'ipv4'],
  ['192.168.0.0', 16, 'ipv4'],
  ['100.64.0.0', 10, 'ipv4'],
  ['198.18.0.0', 15, 'ipv4'],
  ['::1', 128, 'ipv6'],
  ['fc00::', 7, 'ipv6'],
  ['64:ff9b::', 96, 'ipv6'],
]);

/** The eight 16-bit groups of an IPv6 address (`::` expanded, a dotted IPv4 tail converted). */
function hextets(address: string): number[] | null {
  let text = address.toLowerCase().split('%')[0];
  const dotted = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (dotted) {
    const [a, b, c, d] = dotted.slice(1).map(Number);
    text = `${text.slice(0, dotted.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = text.includes('::') ? text.split('::') : [text, null];
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const fill = tail === null ? 0 : 8 - left.length - right.length;
  const groups = [...left, ...Array(Math.max(fill, 0)).fill('0'), ...right].map((g) =>
    parseInt(g || '0', 16)
  );
  return groups.length === 8 && groups.every((g) => g >= 0 && g <= 0xffff) ? groups : null;
}

const v4 = (high: number, low: number) => [high >> 8, high & 255, low >> 8, low & 255].join('.');

/**
 * An IPv4 address carried inside an IPv6 one is judged as the IPv4 address it reaches: mapped
 * (`::ffff:a.b.c.d`), SIIT (`::ffff:0:a.b.c.d`), IPv4-compatible (`::a.b.c.d`), NAT64
 * (`64:ff9b::/96`, `64:ff9b:1::/48`) and 6to4 (`2002:AABB:CCDD::`).
 */
function unmapped(address: string): { address: string; type: 'ipv4' | 'ipv6' } {
  if (!net.isIPv6(address)) return { address, type: 'ipv4' };
  const words = hextets(address);
  if (!words) return { address, type: 'ipv6' };
  const zeros = (from: number, to: number) => words.slice(from, to).every((x) => x === 0);
  if (zeros(0, 5) && words[5] === 0xffff) return { address: v4(words[6], words[7]), type: 'ipv4' };
  if (zeros(0, 4) && words[4] === 0xffff && words[5] === 0)
    return { address: v4(words[6], words[7]), type: 'ipv4' };
  if (zeros(0, 6) && (words[6] !== 0 || words[7] > 1))
    return { address: v4(words[6], words[7]), type: 'ipv4' };
  if (words[0] === 0x64 && words[1] === 0xff9b && (zeros(2, 6) || words[2] === 1))
    return { address: v4(words[6], words[7]), type: 'ipv4' };
  if (words[0] === 0x2002) return { address: v4(words[1], words[2]), type: 'ipv4' };
  return { address, type: 'ipv6' };
}

export type AddressClass = 'public' | 'private' | 'never';

export function classifyAddress(raw: string): AddressClass {
  const { address, type } = unmapped(raw);
  if (NEVER.check(address, type)) return 'never';
  if (PRIVATE.check(address, type)) return 'private';
  return 'public';
}

const bare = (hostname: string) => hostname.replace(/^\[|\]$/g, '').toLowerCase();
const isListed = (hostname: string, policy: OutboundPolicy) =>
  policy.allowedHosts.some((host) => bare(host) === bare(hostname));

/** Why an address may not be reached from this host name, or null when it may. */
export function addressRefusal(
  hostname: string,
  address: string,
  policy: OutboundPolicy
): string | null {
  const kind = classifyAddress(address);
  if (kind === 'never') return `${address} is a link-local, metadata or reserved address`;
  if (kind === 'private' && !policy.allowPrivateNetworks && !isListed(hostname, policy)) {
    return `${address} is a loopback or private address (list the host in the plugin config security.allowedHosts to allow it)`;
  }
  return null;
}

/** Why a URL may not be used as an outbound destination (judged without DNS), or null when it may. */
export function urlRefusal(raw: string, policy: OutboundPolicy): string | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'it is not a URL';
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `${url.protocol} URLs are not allowed (https: only)`;
  if (url.username || url.password) return 'credentials in the URL are not allowed';
  const host = bare(url.hostname);
  if (url.protocol === 'http:' && !isListed(host, policy))
    return `plain http: is allowed only to hosts in security.allowedHosts (${host} is not)`;
  if (net.isIP(host)) return addressRefusal(host, host, policy);
  if (
    (host === 'localhost' || host.endsWith('.localhost')) &&
    !policy.allowPrivateNetworks &&
    !isListed(host, policy)
  ) {
    return `${host} is a loopback address (list it in security.allowedHosts to allow it)`;
  }
  return null;
}

export class OutboundRefusedError extends Error {
  readonly code = 'EOUTBOUNDREFUSED';
  constructor(destination: string, reason: string) {
    super(`Refused to connect to ${destination}: ${reason}`);
    this.name = 'OutboundRefusedError';
  }
}

/** Throws when a URL, or any address its host resolves to now, may not be reached. */
export async function assertOutboundAllowed(raw: string, policy: OutboundPolicy): Promise<void> {
  const refusal = urlRefusal(raw, policy);
  if (refusal) throw new OutboundRefusedError(raw, refusal);
  const host = bare(new URL(raw).hostname);
  if (net.isIP(host)) return;
  let addresses: dns.LookupAddress[];
  try {
    addresses = await dns.promises.lookup(host, { all: true });
  } catch {
    return; // Unresolvable now: nothing to connect to; the connect-time check judges what it resolves to later.
  }
  for (const { address } of addresses) {
    const reason = addressRefusal(host, address, policy);
    if (reason) throw new OutboundRefusedError(raw, reason);
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | dns.LookupAddress[],
  family?: number
) => void;

/** A DNS lookup (as `net.connect` takes it) that fails for a name resolving to any address the policy refuses. */
export function guardedLookup(policy: OutboundPolicy) {
  return (hostname: string, options: dns.LookupOptions, callback: LookupCallback) => {
    dns.lookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '');
      for (const { address } of addresses) {
        const reason = addressRefusal(hostname, address, policy);
        if (reason)
          return callback(
            new OutboundRefusedError(hostname, reason) as unknown as NodeJS.ErrnoException,
            ''
          );
      }
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/**
 * A `fetch` that reaches only allowed destinations: the URL is judged before the request, every
 * address a host name resolves to is judged when the connection is made, and redirects are not
 * followed (a provider API has no reason to redirect, and a redirect could lead anywhere).
 */
export function guardedFetch(policy: OutboundPolicy): typeof fetch {
  const dispatcher = new Agent({ connect: { lookup: guardedLookup(policy) } });
  return (async (input: string | URL | Request, init?: RequestInit) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    const refusal = urlRefusal(url, policy);
    if (refusal) throw new OutboundRefusedError(url, refusal);
    // undici's own fetch with its own Agent: one HTTP stack, whose errors the AI SDK recognises in any realm.
    return undiciFetch(
      input as Parameters<typeof undiciFetch>[0],
      { ...init, redirect: 'error', dispatcher } as Parameters<typeof undiciFetch>[1]
    ) as unknown as Promise<Response>;
  }) as typeof fetch;
}
