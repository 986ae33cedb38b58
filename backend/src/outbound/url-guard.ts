import { lookup } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

// Tessera sends requests to URLs that vendors type in: without a guard, an endpoint could point it at the
// operator's own network (a metadata service, the database, an admin port). Addresses are checked where
// the connection resolves them, so a name that changes its answer after registration is caught too.

const PRIVATE = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  PRIVATE.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 127],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const) {
  PRIVATE.addSubnet(network, prefix, "ipv6");
}

/** Loopback, private, link-local, shared, multicast or reserved (IPv4-mapped IPv6 addresses are checked as IPv4). */
export function isPrivateAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return true;
  return PRIVATE.check(address, family === 4 ? "ipv4" : "ipv6");
}

export class RefusedAddressError extends Error {
  constructor(host: string, address: string) {
    super(`${host} resolves to ${address}, a private or loopback address; Tessera does not send webhooks there`);
    this.name = "RefusedAddressError";
  }
}

/** The host of a URL as an address, when the URL names one directly ([::1] without its brackets). */
export function literalAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, "$1");
  return isIP(host) === 0 ? null : host;
}

/**
 * A DNS lookup for node:http that refuses private addresses: the connection uses the addresses it checked,
 * so a second lookup cannot answer differently.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  lookup(hostname, { ...options, all: true }, (err, addresses) => {
    if (err) return callback(err, "", 0);
    const refused = addresses.find((a) => isPrivateAddress(a.address));
    if (refused) return callback(new RefusedAddressError(hostname, refused.address), "", 0);
    if (options.all) return (callback as unknown as (e: null, a: typeof addresses) => void)(null, addresses);
    const first = addresses[0]!;
    callback(null, first.address, first.family);
  });
};

/** The reason a URL is refused as an endpoint, or null: a private address, given or resolved now. */
export async function privateUrlReason(url: URL): Promise<string | null> {
  const literal = literalAddress(url);
  if (literal) return isPrivateAddress(literal) ? `${literal} is a private or loopback address` : null;
  const addresses = await new Promise<{ address: string }[]>((resolve) =>
    lookup(url.hostname, { all: true }, (err, found) => resolve(err ? [] : found)),
  );
  // A name that does not resolve yet may be published later; every delivery checks it again.
  const refused = addresses.find((a) => isPrivateAddress(a.address));
  return refused ? `${url.hostname} resolves to ${refused.address}, a private or loopback address` : null;
}
