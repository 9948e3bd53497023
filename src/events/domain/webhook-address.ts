import ipaddr from 'ipaddr.js';

/**
 * Which webhook targets the service may call (issue 20, "Webhooks hardened"). A subscription's URL
 * is checked when it is registered and every address its host resolves to is checked again at
 * each delivery, on the address the connection then uses (so a name that later resolves to an
 * internal address, DNS rebinding, is refused too). Plain TypeScript over `ipaddr.js`.
 */
export interface WebhookAddressRules {
  /** WEBHOOK_ALLOW_INSECURE: plain http is allowed. */
  allowInsecure: boolean;
  /** WEBHOOK_ALLOW_PRIVATE: loopback, private, link-local and other non-public addresses are allowed. */
  allowPrivate: boolean;
}

/** Why a URL cannot be a webhook target, without resolving its host; null when it may be. */
export function webhookUrlProblem(url: string, rules: WebhookAddressRules): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'is not a URL';
  }
  if (parsed.protocol !== 'https:' && !(rules.allowInsecure && parsed.protocol === 'http:')) {
    return rules.allowInsecure ? 'must be an http(s) URL' : 'must be an https URL (plain http only with WEBHOOK_ALLOW_INSECURE=true)';
  }
  if (parsed.username || parsed.password) return 'must not carry credentials';
  const literal = ipLiteral(parsed.hostname);
  if (literal !== null) return addressProblem(literal, rules);
  return null;
}

/** The address a URL's host names directly (`127.0.0.1`, `[::1]`), or null for a name to resolve. */
export function ipLiteral(hostname: string): string | null {
  const bare = hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
  return ipaddr.isValid(bare) ? bare : null;
}

/**
 * Why the service must not connect to an address; null when it may. Only public unicast addresses
 * pass unless `allowPrivate`: loopback, private (10/8, 172.16/12, 192.168/16), link-local (with
 * the cloud metadata address 169.254.169.254), unique-local, carrier-grade NAT, multicast,
 * unspecified and reserved ranges are refused, IPv4 written as IPv6 (`::ffff:127.0.0.1`) included.
 */
export function addressProblem(address: string, rules: Pick<WebhookAddressRules, 'allowPrivate'>): string | null {
  if (!ipaddr.isValid(address)) return `${address} is not an IP address`;
  const ip = ipaddr.process(address);
  const range = ip.range();
  if (range === 'unicast' || rules.allowPrivate) return null;
  const isMetadata = ip.kind() === 'ipv4' && ip.toString() === '169.254.169.254';
  return `${ip.toString()} is a ${isMetadata ? 'cloud metadata' : (RANGE_NAMES[range] ?? range)} address (allowed only with WEBHOOK_ALLOW_PRIVATE=true)`;
}

const RANGE_NAMES: Record<string, string> = {
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link-local',
  uniqueLocal: 'unique-local',
  carrierGradeNat: 'carrier-grade NAT',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'broadcast',
  reserved: 'reserved',
  ipv4Mapped: 'IPv4-mapped',
  rfc6145: 'translated',
  rfc6052: 'translated',
  '6to4': '6to4',
  teredo: 'Teredo',
  benchmarking: 'benchmarking',
  amt: 'AMT',
  as112: 'AS112',
  deprecated: 'deprecated',
  orchid2: 'ORCHIDv2',
  droneRemoteIdProtocolEntityTags: 'reserved',
};
