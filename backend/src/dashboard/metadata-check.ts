import { formatMetadataIssues, parseLicenseMetadata, type MetadataCheck, type PriceCheck } from "@tessera/shared";
import type { ActivePrice } from "../stripe/gateway";

/** At most this many prices are read; an account with more sees the first ones and is told so by the count. */
export const PRICES_CHECKED = 500;

/**
 * Each active price as the webhook engine would read it: OK, its problems (each naming the key to fix,
 * plus a short_code no product or bundle of the catalog has), ignored on purpose, or not for licenses.
 */
export function checkPrices(prices: ActivePrice[], catalogCodes: ReadonlySet<string>, now = new Date()): MetadataCheck {
  return { prices: prices.map((p) => checkPrice(p, catalogCodes)), checkedAt: now.toISOString() };
}

function checkPrice(price: ActivePrice, catalogCodes: ReadonlySet<string>): PriceCheck {
  const base = { priceId: price.id, nickname: price.nickname, productId: price.productId, productName: price.productName, recurring: price.recurring !== null };
  const parsed = parseLicenseMetadata({ priceMetadata: price.metadata, productMetadata: price.productMetadata, recurring: price.recurring });
  switch (parsed.kind) {
    case "unlicensed":
      return { ...base, status: "NOT_LICENSED", shortCode: null, problems: [] };
    case "ignored":
      return { ...base, status: "IGNORED", shortCode: null, problems: [] };
    case "invalid":
      return {
        ...base,
        status: "PROBLEMS",
        shortCode: price.metadata.short_code ?? price.productMetadata.short_code ?? null,
        problems: parsed.issues.map((issue) => ({ key: issue.key, message: formatMetadataIssues([issue]) })),
      };
    case "spec": {
      const shortCode = parsed.spec.shortCode;
      if (catalogCodes.has(shortCode)) return { ...base, status: "OK", shortCode, problems: [] };
      return {
        ...base,
        status: "PROBLEMS",
        shortCode,
        problems: [{ key: "short_code", message: `short_code: ${JSON.stringify(shortCode)} is neither a product nor a bundle of your catalog; add it, or fix the code` }],
      };
    }
  }
}
