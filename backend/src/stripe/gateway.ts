import type Stripe from "stripe";
import { LicensingFailure } from "../licensing/failures";
import type { PriceCache } from "./price-cache";
import type { PriceFacts } from "./price-facts";

export interface PaidInvoice {
  id: string;
  subscriptionId: string | null;
  priceIds: string[];
}

export interface ActivePrice extends PriceFacts {
  nickname: string | null;
  productName: string | null;
}

export interface CheckoutLine {
  id: string;
  priceId: string;
  quantity: number;
}

// Stripe metadata values hold at most 500 characters and an object at most 50 keys.
const METADATA_VALUE_MAX = 500;
const KEY_SLOTS = 20;

/**
 * `license_keys`, `license_keys_2`, …: the keys, comma separated, split so no value is over Stripe's limit;
 * `license_keys_count` when there are more than the slots hold.
 */
export function licenseKeysMetadata(keys: string[]): Record<string, string> {
  const values: string[] = [];
  let current = "";
  for (const key of keys) {
    const next = current ? `${current},${key}` : key;
    if (next.length > METADATA_VALUE_MAX) {
      values.push(current);
      current = key;
    } else {
      current = next;
    }
  }
  if (current) values.push(current);
  const metadata: Record<string, string> = {};
  // Empty strings delete slots that an earlier, longer list used.
  for (let i = 0; i < KEY_SLOTS; i++) metadata[i === 0 ? "license_keys" : `license_keys_${i + 1}`] = values[i] ?? "";
  // Past the slots (some 400 keys) the list is cut: the count says so, and Tessera has every key.
  metadata.license_keys_count = values.length > KEY_SLOTS ? String(keys.length) : "";
  return metadata;
}

/**
 * Starts an SDK request with stack capture off. The SDK records `new Error().stack` on every request, to
 * add the caller's frames to a failure; with source maps on (tsx turns them on) formatting that stack cost
 * more CPU than the rest of a metadata write. The SDK's errors still say what failed, and the call is ours.
 */
function withoutCallSite<T>(start: () => T): T {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    return start();
  } finally {
    Error.stackTraceLimit = limit;
  }
}

/**
 * Stripe says the object does not exist (404): a retry cannot change that, so the event fails for the vendor
 * to look at (and replay, should the object reappear, e.g. in the other mode).
 */
async function mustExist<T>(what: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if ((err as { statusCode?: unknown }).statusCode === 404) {
      throw new LicensingFailure("STRIPE_OBJECT_MISSING", `Stripe has no ${what} (404: ${(err as Error).message})`);
    }
    throw err;
  }
}

/** The one module that talks to Stripe's API for an account. */
export class StripeGateway {
  constructor(
    private readonly stripe: Stripe,
    /** The connected account (`Stripe-Account` header), or undefined for the platform's own account. */
    private readonly stripeAccount?: string,
    /** Shared price cache; with `fresh` it is refreshed but not read (replays must see the fixed price). */
    private readonly cache?: { prices: PriceCache; fresh: boolean },
    /** The connected account's OAuth access token, when it has one: used instead of the `Stripe-Account` header. */
    private readonly accessToken?: () => Promise<string | null>,
  ) {}

  /** Whose prices these are, as the price cache keys them. */
  get cacheKey(): string {
    return this.stripeAccount ?? "platform";
  }

  private async options(): Promise<Stripe.RequestOptions> {
    const token = await this.accessToken?.();
    if (token) return { apiKey: token };
    return this.stripeAccount ? { stripeAccount: this.stripeAccount } : {};
  }

  async price(priceId: string): Promise<PriceFacts> {
    if (!this.cache) return this.fetchPrice(priceId);
    if (!this.cache.fresh) return this.cache.prices.load(this.cacheKey, priceId, () => this.fetchPrice(priceId));
    const facts = await this.fetchPrice(priceId);
    this.cache.prices.set(this.cacheKey, facts);
    return facts;
  }

  private async fetchPrice(priceId: string): Promise<PriceFacts> {
    const options = await this.options();
    const price = await mustExist(`price ${priceId}`, () => withoutCallSite(() => this.stripe.prices.retrieve(priceId, { expand: ["product"] }, options)));
    const product = price.product;
    const productObject = typeof product === "object" && !("deleted" in product && product.deleted) ? (product as Stripe.Product) : null;
    return {
      id: price.id,
      metadata: price.metadata ?? {},
      productMetadata: productObject?.metadata ?? {},
      productId: typeof product === "string" ? product : product.id,
      recurring: price.recurring ? { interval: price.recurring.interval, interval_count: price.recurring.interval_count } : null,
    };
  }

  checkoutLines(sessionId: string): Promise<CheckoutLine[]> {
    return mustExist(`checkout session ${sessionId}`, async () => {
      const options = await this.options();
      const lines: CheckoutLine[] = [];
      for await (const item of withoutCallSite(() => this.stripe.checkout.sessions.listLineItems(sessionId, { limit: 100 }, options))) {
        if (!item.price) continue;
        lines.push({ id: item.id, priceId: item.price.id, quantity: item.quantity ?? 1 });
      }
      return lines;
    });
  }

  invoiceLines(invoiceId: string): Promise<Stripe.InvoiceLineItem[]> {
    return mustExist(`invoice ${invoiceId}`, async () => {
      const options = await this.options();
      const lines: Stripe.InvoiceLineItem[] = [];
      for await (const line of withoutCallSite(() => this.stripe.invoices.listLineItems(invoiceId, { limit: 100 }, options))) lines.push(line);
      return lines;
    });
  }

  /** Every item of a subscription, for events whose embedded item list was cut short (`has_more`). */
  subscriptionItems(subscriptionId: string): Promise<{ id: string; priceId: string; quantity: number }[]> {
    return mustExist(`subscription ${subscriptionId}`, async () => {
      const options = await this.options();
      const items: { id: string; priceId: string; quantity: number }[] = [];
      for await (const item of withoutCallSite(() => this.stripe.subscriptionItems.list({ subscription: subscriptionId, limit: 100 }, options))) {
        items.push({ id: item.id, priceId: item.price.id, quantity: item.quantity ?? 1 });
      }
      return items;
    });
  }

  /**
   * The lookup keys of every active entitlement of a customer, for summaries whose embedded list was cut
   * short (Stripe inlines at most 10).
   */
  activeEntitlementKeys(customerId: string): Promise<string[]> {
    return mustExist(`customer ${customerId} (active entitlements)`, async () => {
      const options = await this.options();
      const keys: string[] = [];
      for await (const entitlement of withoutCallSite(() => this.stripe.entitlements.activeEntitlements.list({ customer: customerId, limit: 100 }, options))) {
        keys.push(entitlement.lookup_key);
      }
      return keys;
    });
  }

  /** Invoices no longer name their payment intent; the Invoice Payments API does. */
  invoicePaymentIntent(invoiceId: string): Promise<string | null> {
    return mustExist(`invoice ${invoiceId}`, async () => {
      const options = await this.options();
      for await (const payment of withoutCallSite(() => this.stripe.invoicePayments.list({ invoice: invoiceId, limit: 10 }, options))) {
        const pi = payment.payment.payment_intent;
        if (payment.status === "paid" && pi) return typeof pi === "string" ? pi : pi.id;
      }
      return null;
    });
  }

  /**
   * The invoice a payment intent paid, with its subscription and the prices of its lines; null for a
   * payment without an invoice (a plain Checkout payment). Charges no longer name their invoice.
   */
  invoiceOfPaymentIntent(paymentIntentId: string): Promise<PaidInvoice | null> {
    return mustExist(`payment intent ${paymentIntentId}`, () => this.findInvoiceOf(paymentIntentId));
  }

  private async findInvoiceOf(paymentIntentId: string): Promise<PaidInvoice | null> {
    // The invoice comes expanded with its payment: one request instead of two.
    const options = await this.options();
    const payments = withoutCallSite(() =>
      this.stripe.invoicePayments.list({ payment: { type: "payment_intent", payment_intent: paymentIntentId }, limit: 1, expand: ["data.invoice"] }, options),
    );
    for await (const payment of payments) {
      const invoice =
        typeof payment.invoice === "string" ? await this.stripe.invoices.retrieve(payment.invoice, {}, options) : (payment.invoice as Stripe.Invoice);
      if (!invoice.id) return null;
      const subscription = invoice.parent?.subscription_details?.subscription ?? null;
      return {
        id: invoice.id,
        subscriptionId: typeof subscription === "string" || subscription === null ? subscription : subscription.id,
        priceIds: invoice.lines.data.flatMap((l) => {
          const price = l.pricing?.price_details?.price;
          return price ? [typeof price === "string" ? price : price.id] : [];
        }),
      };
    }
    return null;
  }

  /** The account's active prices with their products, for checking their metadata; at most `limit`. */
  async activePrices(limit: number): Promise<ActivePrice[]> {
    const options = await this.options();
    const prices: ActivePrice[] = [];
    for await (const price of withoutCallSite(() => this.stripe.prices.list({ active: true, limit: 100, expand: ["data.product"] }, options))) {
      const product = typeof price.product === "object" && !("deleted" in price.product && price.product.deleted) ? (price.product as Stripe.Product) : null;
      prices.push({
        id: price.id,
        nickname: price.nickname,
        productId: typeof price.product === "string" ? price.product : price.product.id,
        productName: product?.name ?? null,
        metadata: price.metadata ?? {},
        productMetadata: product?.metadata ?? {},
        recurring: price.recurring ? { interval: price.recurring.interval, interval_count: price.recurring.interval_count } : null,
      });
      if (prices.length >= limit) break;
    }
    return prices;
  }

  async writeLicenseKeys(objectType: "subscription" | "payment_intent", objectId: string, keys: string[]): Promise<void> {
    const metadata = licenseKeysMetadata(keys);
    const options = await this.options();
    if (objectType === "subscription") await withoutCallSite(() => this.stripe.subscriptions.update(objectId, { metadata }, options));
    else await withoutCallSite(() => this.stripe.paymentIntents.update(objectId, { metadata }, options));
  }
}
