// Server-side request forgery guard for webhooks (on unless LEADSCORE_WEBHOOK_ALLOW_PRIVATE=1): a
// subscription URL must not reach the server's own network — loopback, private ranges, link-local
// (cloud metadata), carrier-grade NAT — whether given as an address or as a name resolving to one.
import { lookup } from 'node:dns/promises';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** The end of every refusal: what the address is, and how a development machine allows it. */
const PRIVATE_REASON =
  'a private or loopback address (LEADSCORE_WEBHOOK_ALLOW_PRIVATE=1 allows it, on a development machine)';

const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv4');
for (const [net, prefix] of [
  ['::1', 128],
  ['::', 128],
  ['fc00::', 7],
  ['fe80::', 10],
] as const)
  PRIVATE.addSubnet(net, prefix, 'ipv6');

/** True for an address of the server's own networks (IPv4-mapped IPv6 as its IPv4). */
export function isPrivateAddress(address: string): boolean {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
  if (mapped) return PRIVATE.check(mapped, 'ipv4');
  const family = isIP(address);
  if (family === 0) return false;
  return PRIVATE.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** Why the URL may not be called (undefined when it may): every address its host resolves to is checked. */
export async function privateNetworkRefusal(url: string): Promise<string | undefined> {
  const host = new URL(url).hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host)
    ? [host]
    : (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);
  const inside = addresses.find(isPrivateAddress);
  if (inside === undefined) return undefined;
  const what = inside === host ? `${host} is` : `${host} resolves to ${inside},`;
  return `refused: ${what} ${PRIVATE_REASON}`;
}

/** Resolves a host name to all its addresses (the system resolver unless a test gives one). */
export type Resolve = (host: string) => Promise<string[]>;

const systemResolve: Resolve = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/**
 * A DNS lookup for the socket that refuses private addresses: the address checked is the very
 * one connected to, so a name that answers a public address to a first lookup and a private one
 * to the next (DNS rebinding) cannot slip through.
 */
export function guardedLookup(resolve: Resolve = systemResolve): LookupFunction {
  return (host, options, callback) => {
    resolve(host).then(
      (addresses) => {
        const inside = addresses.find(isPrivateAddress);
        if (inside !== undefined) {
          const error = Object.assign(
            new Error(`refused: ${host} resolves to ${inside}, ${PRIVATE_REASON}`),
            { code: 'EPRIVATE' },
          );
          callback(error, '', 0);
          return;
        }
        const wanted = addresses
          .map((address) => ({ address, family: isIP(address) }))
          .filter((a) => a.family !== 0 && (!options.family || a.family === options.family));
        if (wanted.length === 0) {
          callback(
            Object.assign(new Error(`no address for ${host}`), { code: 'ENOTFOUND' }),
            '',
            0,
          );
          return;
        }
        if (options.all) callback(null, wanted);
        else callback(null, wanted[0]!.address, wanted[0]!.family);
      },
      (error: unknown) => callback(error as NodeJS.ErrnoException, '', 0),
    );
  };
}
