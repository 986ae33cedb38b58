/** A price with what license resolution needs from it and its product. */
export interface PriceFacts {
  id: string;
  metadata: Record<string, string>;
  productMetadata: Record<string, string>;
  productId: string;
  recurring: { interval: string; interval_count: number } | null;
}
