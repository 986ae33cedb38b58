import type { MetadataIssue } from "./license-spec";

export type MetadataSource = MetadataIssue["source"];

/** One metadata entry as found, with `value` trimmed for validation and `raw` as stored. */
export interface SourcedValue {
  key: string;
  value: string;
  raw: string;
  source: MetadataSource;
}

/**
 * A price's metadata with its product's as fallback. Maps are copied into `Map`s because
 * vendor keys such as `constructor` or `__proto__` would otherwise hit Object.prototype.
 */
export class MetadataSources {
  private readonly levels: ReadonlyArray<{ source: MetadataSource; entries: Map<string, string> }>;

  constructor(price: unknown, product: unknown) {
    this.levels = [
      { source: "price", entries: toTextMap(price) },
      { source: "product", entries: toTextMap(product) },
    ];
  }

  /**
   * The first level (price, then product) that has any of `keys`, with each of those keys
   * present there. Aliases of one setting are passed together so that a price's value for
   * either spelling overrides the product's value for the other.
   */
  find(keys: readonly string[]): SourcedValue[] {
    for (const { source, entries } of this.levels) {
      const found: SourcedValue[] = [];
      for (const key of keys) {
        const raw = entries.get(key);
        if (raw !== undefined) found.push({ key, raw, value: raw.trim(), source });
      }
      if (found.length > 0) return found;
    }
    return [];
  }

  get(key: string): SourcedValue | undefined {
    return this.find([key])[0];
  }

  /** Every key of either level once, the price's entry winning. */
  all(): SourcedValue[] {
    const seen = new Map<string, SourcedValue>();
    for (const { source, entries } of this.levels) {
      for (const [key, raw] of entries) {
        if (!seen.has(key)) seen.set(key, { key, raw, value: raw.trim(), source });
      }
    }
    return [...seen.values()];
  }
}

/**
 * Stripe metadata values are always text. Anything else can only come from a hand-built
 * input (a replayed event edited by hand, a test) and is skipped rather than crash parsing.
 */
function toTextMap(metadata: unknown): Map<string, string> {
  const map = new Map<string, string>();
  if (typeof metadata !== "object" || metadata === null) return map;
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value === "string") map.set(key, value);
  }
  return map;
}
