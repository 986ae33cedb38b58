import type Stripe from "stripe";
import { FakeOAuth } from "./oauth";

export interface Kinds {
  product: Stripe.Product;
  price: Stripe.Price;
  customer: Stripe.Customer;
  checkout_session: Stripe.Checkout.Session;
  invoice: Stripe.Invoice;
  invoice_payment: Stripe.InvoicePayment;
  subscription: Stripe.Subscription;
  payment_intent: Stripe.PaymentIntent;
  charge: Stripe.Charge;
}
export type Kind = keyof Kinds;

/** A change made through the API (not by the world), so the world can emit the webhook Stripe would send. */
export type ApiUpdate = { [K in Kind]: { kind: K; before: Kinds[K]; after: Kinds[K] } }[Kind] & {
  request: { id: string; idempotency_key: string | null };
};

const KINDS: Kind[] = [
  "product",
  "price",
  "customer",
  "checkout_session",
  "invoice",
  "invoice_payment",
  "subscription",
  "payment_intent",
  "charge",
];

// Stored objects are shared with events and with what the world hands to tests; freezing them turns an
// accidental mutation in a test into a TypeError instead of silently rewriting history.
function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === "object" && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}

/** One Stripe account's objects: the platform's own, or a connected account's. */
export class AccountScope {
  /** Set by a deauthorization: the platform's key no longer reaches this account. */
  revoked = false;
  private readonly objects: { [K in Kind]: Map<string, Kinds[K]> } = {
    product: new Map(),
    price: new Map(),
    customer: new Map(),
    checkout_session: new Map(),
    invoice: new Map(),
    invoice_payment: new Map(),
    subscription: new Map(),
    payment_intent: new Map(),
    charge: new Map(),
  };
  // Stripe serves these only through their own list endpoints, never in full inside the parent.
  private readonly checkoutLineItems = new Map<string, readonly Stripe.LineItem[]>();
  private readonly invoiceLines = new Map<string, readonly Stripe.InvoiceLineItem[]>();
  private readonly activeEntitlements = new Map<string, readonly Stripe.Entitlements.ActiveEntitlement[]>();
  private readonly listeners: ((update: ApiUpdate) => void)[] = [];

  constructor(readonly account: Stripe.Account) {
    deepFreeze(account);
  }

  get<K extends Kind>(kind: K, id: string): Kinds[K] | undefined {
    return this.objects[kind].get(id);
  }

  put<K extends Kind>(kind: K, object: Kinds[K]): Kinds[K] {
    this.objects[kind].set(object.id, deepFreeze(object));
    return object;
  }

  all<K extends Kind>(kind: K): Kinds[K][] {
    return [...this.objects[kind].values()];
  }

  /** Any stored object by id, for `expand[]` of fields that hold a bare id. */
  find(id: string): Kinds[Kind] | undefined {
    for (const kind of KINDS) {
      const found = this.objects[kind].get(id);
      if (found) return found;
    }
    return undefined;
  }

  onApiUpdate(listener: (update: ApiUpdate) => void): void {
    this.listeners.push(listener);
  }

  apiUpdated(update: ApiUpdate): void {
    for (const listener of this.listeners) listener(update);
  }

  lineItemsOf(sessionId: string): readonly Stripe.LineItem[] {
    return this.checkoutLineItems.get(sessionId) ?? [];
  }

  setLineItems(sessionId: string, items: Stripe.LineItem[]): void {
    this.checkoutLineItems.set(sessionId, deepFreeze(items));
  }

  linesOf(invoiceId: string): readonly Stripe.InvoiceLineItem[] {
    return this.invoiceLines.get(invoiceId) ?? [];
  }

  setLines(invoiceId: string, lines: Stripe.InvoiceLineItem[]): void {
    this.invoiceLines.set(invoiceId, deepFreeze(lines));
  }

  activeEntitlementsOf(customerId: string): readonly Stripe.Entitlements.ActiveEntitlement[] {
    return this.activeEntitlements.get(customerId) ?? [];
  }

  setActiveEntitlements(customerId: string, entitlements: Stripe.Entitlements.ActiveEntitlement[]): void {
    this.activeEntitlements.set(customerId, deepFreeze(entitlements));
  }
}

export interface FakeStoreOptions {
  /** The platform's own account id, answered by GET /v1/account without a Stripe-Account header. */
  platformAccountId?: string;
}

export class FakeStore {
  readonly platform: AccountScope;
  readonly oauth = new FakeOAuth();
  private readonly connected = new Map<string, AccountScope>();

  constructor(opts: FakeStoreOptions = {}) {
    this.platform = new AccountScope(accountObject(opts.platformAccountId ?? "acct_fakeplatform", "Tessera Platform"));
  }

  /** The connected account's scope, created on first use (the account "installs" the app). */
  connect(accountId: string, name = `Vendor ${accountId}`): AccountScope {
    let scope = this.connected.get(accountId);
    if (!scope) {
      scope = new AccountScope(accountObject(accountId, name));
      this.connected.set(accountId, scope);
    }
    return scope;
  }

  /** What a request reaches: the platform without a Stripe-Account header, else a known connected account. */
  scope(stripeAccount: string | undefined): AccountScope | undefined {
    if (stripeAccount === undefined) return this.platform;
    return this.connected.get(stripeAccount);
  }
}

function accountObject(id: string, name: string): Stripe.Account {
  return {
    id,
    object: "account",
    business_profile: {
      mcc: "5734",
      minority_owned_business_designation: null,
      name,
      specified_commercial_transactions_act_url: null,
      support_address: null,
      support_email: null,
      support_phone: null,
      support_url: null,
      url: null,
    },
    business_type: "company",
    charges_enabled: true,
    country: "US",
    created: 1735689600,
    default_currency: "usd",
    details_submitted: true,
    email: `billing@${id}.example`,
    metadata: {},
    payouts_enabled: true,
    type: "standard",
  };
}
