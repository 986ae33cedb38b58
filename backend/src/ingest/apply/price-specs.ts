import { formatMetadataIssues, parseLicenseMetadata, type LicenseSpec } from "@tessera/shared";
import { LicensingFailure } from "../../licensing/failures";
import type { StripeGateway } from "../../stripe/gateway";
import type { PriceFacts } from "../../stripe/price-facts";

/** What a price sells: licenses of a spec, or nothing Tessera licenses (and why: ignore_product, or no Tessera key). */
export type PriceSpec = { kind: "spec"; spec: LicenseSpec } | { kind: "skipped"; reason: string };

function specOf(price: PriceFacts): PriceSpec | LicensingFailure {
  const result = parseLicenseMetadata({
    priceMetadata: price.metadata,
    productMetadata: price.productMetadata,
    recurring: price.recurring,
  });
  if (result.kind === "invalid") return new LicensingFailure("INVALID_METADATA", `Price ${price.id}: ${formatMetadataIssues(result.issues)}`);
  if (result.kind === "ignored") return { kind: "skipped", reason: `${result.key}=true on the ${result.source} of price ${price.id}` };
  if (result.kind === "unlicensed") return { kind: "skipped", reason: `price ${price.id} has none of Tessera's metadata keys, so it is not a license item` };
  return { kind: "spec", spec: result.spec };
}

// The price cache hands out the same object while a price is cached, so its metadata is parsed once.
const parsed = new WeakMap<PriceFacts, PriceSpec | LicensingFailure>();

/**
 * Fetches each price with its product and parses its license metadata. Invalid metadata fails the whole
 * event before anything is written: half a purchase is never licensed.
 */
export async function loadPriceSpecs(gateway: StripeGateway, priceIds: Iterable<string>): Promise<Map<string, PriceSpec>> {
  const ids = [...new Set(priceIds)];
  const prices = await Promise.all(ids.map((id) => gateway.price(id)));
  const specs = new Map<string, PriceSpec>();
  for (const price of prices) {
    let spec = parsed.get(price);
    if (!spec) parsed.set(price, (spec = specOf(price)));
    if (spec instanceof LicensingFailure) throw spec;
    specs.set(price.id, spec);
  }
  return specs;
}

/**
 * A transaction found it needs prices the event did not name (the stored state is newer). It rolls back;
 * the caller loads them into the same map outside the transaction and runs it again.
 */
export class MissingPrices extends Error {
  constructor(
    readonly priceIds: string[],
    private readonly into: Map<string, PriceSpec>,
  ) {
    super(`Prices ${priceIds.join(", ")} are needed but were not loaded`);
  }

  async load(gateway: StripeGateway): Promise<void> {
    for (const [id, spec] of await loadPriceSpecs(gateway, this.priceIds)) this.into.set(id, spec);
  }
}

export function licensedPrices(specs: Map<string, PriceSpec>): Map<string, LicenseSpec> {
  return new Map([...specs].flatMap(([id, s]) => (s.kind === "spec" ? [[id, s.spec] as const] : [])));
}

export function skippedReasons(specs: Map<string, PriceSpec>): string[] {
  return [...specs.values()].flatMap((s) => (s.kind === "skipped" ? [s.reason] : []));
}

/** `; skipped: …` for an outcome that licensed some prices of the event but not all. */
export function skippedNote(specs: Map<string, PriceSpec>): string {
  const reasons = skippedReasons(specs);
  return reasons.length > 0 ? `; skipped ${reasons.join("; ")}` : "";
}
