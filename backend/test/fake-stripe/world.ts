import type Stripe from "stripe";
import { envelope, previousAttributes, type EventOf, type PreviousAttributes } from "./events";
import {
  invoiceLineObject,
  invoiceObject,
  invoicePaymentObject,
  itemList,
  subscriptionItemObject,
  subscriptionObject,
  type LineSpec,
  type Period,
} from "./objects/billing";
import { customerObject, priceObject, productObject, type Stamp } from "./objects/catalog";
import {
  chargeObject,
  checkoutLineItemObject,
  checkoutSessionObject,
  paymentIntentObject,
  type Payer,
} from "./objects/payments";
import { addDays, addInterval } from "./periods";
import type { AccountScope, ApiUpdate, FakeStore, Kind, Kinds } from "./store";

/** 2026-01-01T00:00:00Z: a fixed start keeps ids, timestamps and periods identical on every run. */
const DEFAULT_START = 1767225600;

export interface WorldOptions {
  /** Goes into every id (`price_<name>_3`), so several worlds in one store never collide. */
  name: string;
  /** A connected account (`acct_...`): objects live under it and every event carries `account`. */
  account?: string;
  /** Unix seconds where the world clock starts. */
  start?: number;
}

type Ref = string | { id: string };
export interface LineInput {
  price: Ref;
  quantity?: number;
}
/** A subscription item by position or by `si_` id. */
export type ItemRef = number | string;
type Cause = "api" | "automatic";

export interface Payment {
  paymentIntent: Stripe.PaymentIntent;
  charge: Stripe.Charge;
}
export interface PurchaseResult extends Payment {
  events: Stripe.Event[];
}
export interface CheckoutResult extends PurchaseResult {
  session: Stripe.Checkout.Session;
  /** Only with `invoiceCreation`: the invoice Stripe issues for the payment (licensed via invoice.paid). */
  invoice: Stripe.Invoice | null;
}
export interface SubscriptionResult {
  subscription: Stripe.Subscription;
  events: Stripe.Event[];
}
export interface InvoicedSubscriptionResult extends SubscriptionResult {
  invoice: Stripe.Invoice;
  /** Null when the invoice total is zero (a trial, a downgrade's credit): Stripe charges nothing then. */
  paymentIntent: Stripe.PaymentIntent | null;
  charge: Stripe.Charge | null;
}
export interface SubscriptionChangeResult extends SubscriptionResult {
  /** The proration invoice, when the change was invoiced immediately. */
  invoice: Stripe.Invoice | null;
}

interface InvoiceRequest {
  stamp: Stamp;
  payer: Payer;
  billingReason: Stripe.Invoice.BillingReason;
  subscription: Stripe.Subscription | null;
  lines: Omit<LineSpec, "invoice">[];
  period: Period;
  /** A payment that already happened (checkout); otherwise the invoice is charged now. */
  payment?: Payment;
}

const TERMINAL: Stripe.Subscription.Status[] = ["canceled", "incomplete_expired"];

function recurringOf(price: Stripe.Price): Stripe.Price.Recurring {
  if (!price.recurring) throw new Error(`Price ${price.id} is one-time; subscriptions need recurring prices.`);
  return price.recurring;
}

const productId = (price: Stripe.Price): string => (typeof price.product === "string" ? price.product : price.product.id);
const money = (amount: number, currency: string): string =>
  currency === "usd" ? `$${(amount / 100).toFixed(2)}` : `${(amount / 100).toFixed(2)} ${currency.toUpperCase()}`;
const sameInterval = (a: Stripe.Price.Recurring, b: Stripe.Price.Recurring): boolean =>
  a.interval === b.interval && a.interval_count === b.interval_count;

/**
 * Builds Stripe objects the way Stripe would, stores them in the fake (so later API reads see the current
 * state) and returns the webhook events Stripe would send. The world clock advances on every action.
 */
export class StripeWorld {
  readonly scope: AccountScope;
  readonly account: string | undefined;
  private readonly name: string;
  private clock: number;
  private seq = 0;
  private invoiceCount = 0;
  private readonly apiEvents: Stripe.Event[] = [];

  constructor(store: FakeStore, opts: WorldOptions) {
    if (!/^[A-Za-z0-9]+$/.test(opts.name)) throw new Error(`World name must be alphanumeric, got '${opts.name}'.`);
    this.name = opts.name;
    this.account = opts.account;
    this.scope = opts.account === undefined ? store.platform : store.connect(opts.account);
    this.clock = opts.start ?? DEFAULT_START;
    this.scope.onApiUpdate((update) => this.recordApiUpdate(update));
  }

  get now(): number {
    return this.clock;
  }

  advance(seconds: number): number {
    this.clock += seconds;
    return this.clock;
  }

  /**
   * Events Stripe sends because of writes made through the API, e.g. the customer.subscription.updated that
   * follows a metadata write-back. Returned once, oldest first.
   */
  takeApiEvents(): Stripe.Event[] {
    return this.apiEvents.splice(0);
  }

  product(input: { name?: string; metadata?: Stripe.Metadata } = {}): Stripe.Product {
    const stamp = this.begin("prod");
    return this.scope.put("product", productObject(stamp, input.name ?? `Product ${this.seq}`, input.metadata ?? {}));
  }

  price(input: {
    product: Ref;
    metadata?: Stripe.Metadata;
    recurring?: { interval: Stripe.Price.Recurring.Interval; interval_count?: number } | null;
    unit_amount?: number;
    currency?: string;
    nickname?: string;
  }): Stripe.Price {
    const product = this.get("product", input.product);
    const stamp = this.begin("price");
    const recurring = input.recurring
      ? { interval: input.recurring.interval, interval_count: input.recurring.interval_count ?? 1 }
      : null;
    return this.scope.put(
      "price",
      priceObject(stamp, {
        product: product.id,
        unitAmount: input.unit_amount ?? 1000,
        currency: input.currency ?? "usd",
        recurring,
        metadata: input.metadata ?? {},
        nickname: input.nickname ?? null,
      }),
    );
  }

  customer(input: { email?: string; name?: string } = {}): Stripe.Customer {
    const stamp = this.begin("cus");
    return this.scope.put("customer", customerObject(stamp, input.email ?? `buyer${this.seq}@example.com`, input.name ?? null));
  }

  /** A paid one-off Checkout (mode `payment`), as from a Payment Link; without `customer` it is a guest checkout. */
  checkout(input: { customer?: Ref; email?: string; lines: LineInput[]; invoiceCreation?: boolean }): CheckoutResult {
    const stamp = this.begin("cs_test");
    const payer = this.payer(input.customer === undefined ? null : this.get("customer", input.customer), input.email);
    const items = this.checkoutItems(input.lines);
    const amount = items.reduce((sum, item) => sum + item.amount_total, 0);
    const currency = items[0]?.currency ?? "usd";
    const payment = this.pay(amount, currency, payer, null);
    const invoice = input.invoiceCreation
      ? this.issueInvoice({
          stamp: this.stamp("in"),
          payer,
          billingReason: "manual",
          subscription: null,
          lines: this.oneOffLines(input.lines),
          period: { start: this.clock, end: this.clock },
          payment,
        }).invoice
      : null;
    this.scope.setLineItems(stamp.id, items);
    const session = this.scope.put(
      "checkout_session",
      checkoutSessionObject(stamp, {
        mode: "payment",
        payer,
        amount,
        currency,
        paymentIntent: payment.paymentIntent.id,
        invoice: invoice?.id ?? null,
        subscription: null,
        invoiceCreation: input.invoiceCreation ?? false,
      }),
    );
    const events: Stripe.Event[] = invoice ? [this.emit("invoice.paid", invoice)] : [];
    events.push(this.emit("checkout.session.completed", session));
    return { session, invoice, ...payment, events };
  }

  /** A Checkout in `subscription` mode: the session links its invoice and subscription, which carry the licensing. */
  checkoutSubscription(input: { customer: Ref; items: LineInput[]; trialDays?: number }): InvoicedSubscriptionResult & {
    session: Stripe.Checkout.Session;
  } {
    const stamp = this.begin("cs_test");
    const started = this.startSubscription(input);
    const customer = this.get("customer", input.customer);
    this.scope.setLineItems(stamp.id, this.checkoutItems(input.items));
    const session = this.scope.put(
      "checkout_session",
      checkoutSessionObject(stamp, {
        mode: "subscription",
        payer: this.payer(customer),
        amount: started.invoice.total,
        currency: started.invoice.currency,
        paymentIntent: null,
        invoice: started.invoice.id,
        subscription: started.subscription.id,
        invoiceCreation: false,
      }),
    );
    const events = [
      this.emit("customer.subscription.created", started.subscription),
      this.emit("invoice.paid", started.invoice),
      this.emit("checkout.session.completed", session),
    ];
    return { ...started, session, events };
  }

  /** A paid invoice for one-time prices (billing_reason `manual`, no subscription parent). */
  oneOffInvoice(input: { customer: Ref; lines: LineInput[] }): PurchaseResult & { invoice: Stripe.Invoice } {
    this.tick();
    const { invoice, payment } = this.issueInvoice({
      stamp: this.stamp("in"),
      payer: this.payer(this.get("customer", input.customer)),
      billingReason: "manual",
      subscription: null,
      lines: this.oneOffLines(input.lines),
      period: { start: this.clock, end: this.clock },
    });
    if (!payment) throw new Error("A one-off invoice needs a positive total.");
    return { invoice, ...payment, events: [this.emit("invoice.paid", invoice)] };
  }

  /** Creates an active (or trialing) subscription with its paid first invoice (billing_reason `subscription_create`). */
  subscribe(input: { customer: Ref; items: LineInput[]; trialDays?: number; metadata?: Stripe.Metadata }): InvoicedSubscriptionResult {
    this.tick();
    const started = this.startSubscription(input);
    const events = [
      this.emit("customer.subscription.created", started.subscription, undefined, "api"),
      this.emit("invoice.paid", started.invoice),
    ];
    return { ...started, events };
  }

  /** Moves to the end of the current period and bills the next one (billing_reason `subscription_cycle`). */
  renew(sub: Ref): InvoicedSubscriptionResult {
    const before = this.liveSubscription(sub);
    if (before.cancel_at !== null) throw new Error(`Subscription ${before.id} is scheduled to cancel; Stripe ends it instead of renewing.`);
    const first = before.items.data[0];
    if (!first) throw new Error(`Subscription ${before.id} has no items.`);
    this.clock = Math.max(this.clock, first.current_period_end);
    const invoiceStamp = this.stamp("in");
    const items = before.items.data.map((item) => {
      const start = item.current_period_end;
      return { ...item, current_period_start: start, current_period_end: addInterval(start, recurringOf(item.price)) };
    });
    const after = this.scope.put("subscription", {
      ...before,
      items: itemList(before.id, items),
      latest_invoice: invoiceStamp.id,
      status: "active",
    });
    const { invoice, payment } = this.issueInvoice({
      stamp: invoiceStamp,
      payer: this.payer(this.get("customer", this.customerId(after))),
      billingReason: "subscription_cycle",
      subscription: after,
      lines: items.map((item) => this.subscriptionLine(after.id, item, false)),
      // Stripe reports the period that just ended on the invoice itself; the lines carry the new one.
      period: { start: first.current_period_start, end: first.current_period_end },
    });
    const events = [this.subscriptionUpdated(before, after, "automatic"), this.emit("invoice.paid", invoice)];
    return { subscription: after, invoice, paymentIntent: payment?.paymentIntent ?? null, charge: payment?.charge ?? null, events };
  }

  /** With `invoiceNow`, prorations are invoiced at once (Stripe's `proration_behavior: always_invoice`). */
  setQuantity(sub: Ref, item: ItemRef, quantity: number, opts: { invoiceNow?: boolean } = {}): SubscriptionChangeResult {
    this.tick();
    const before = this.liveSubscription(sub);
    const index = this.itemIndex(before, item);
    const old = before.items.data[index]!;
    return this.changeItem(before, index, { ...old, quantity }, opts.invoiceNow ?? false);
  }

  /**
   * Same item id, new price. Switching to another billing interval restarts the period and invoices
   * immediately, as Stripe does; otherwise prorations are invoiced only with `invoiceNow`.
   */
  changePrice(sub: Ref, item: ItemRef, newPrice: Ref, opts: { invoiceNow?: boolean } = {}): SubscriptionChangeResult {
    this.tick();
    const before = this.liveSubscription(sub);
    const index = this.itemIndex(before, item);
    const old = before.items.data[index]!;
    const price = this.get("price", newPrice);
    const recurring = recurringOf(price);
    const stamp = { id: old.id, created: old.created };
    const changed = {
      ...subscriptionItemObject(stamp, before.id, price, old.quantity ?? 1, this.periodOf(old)),
      metadata: old.metadata,
    };
    if (sameInterval(recurring, recurringOf(old.price))) {
      return this.changeItem(before, index, changed, opts.invoiceNow ?? false);
    }
    if (before.items.data.length > 1) {
      throw new Error("The fake changes the billing interval only on single-item subscriptions.");
    }
    const restarted = { ...changed, current_period_start: this.clock, current_period_end: addInterval(this.clock, recurring) };
    return this.changeItem(before, index, restarted, true, true);
  }

  /** A bare status transition (dunning, manual fixes); use deleteSubscription for a real cancellation. */
  setStatus(sub: Ref, status: Stripe.Subscription.Status): SubscriptionResult {
    this.tick();
    const before = this.get("subscription", sub);
    const after = this.scope.put("subscription", { ...before, status });
    return { subscription: after, events: [this.subscriptionUpdated(before, after, "automatic")] };
  }

  cancelAtPeriodEnd(sub: Ref): SubscriptionResult {
    this.tick();
    const before = this.liveSubscription(sub);
    const periodEnd = Math.max(...before.items.data.map((item) => item.current_period_end));
    const after = this.scope.put("subscription", {
      ...before,
      cancel_at: periodEnd,
      cancel_at_period_end: true,
      canceled_at: this.clock,
      cancellation_details: { ...this.cancellation(before), reason: "cancellation_requested" },
    });
    return { subscription: after, events: [this.subscriptionUpdated(before, after, "api")] };
  }

  /** Ends the subscription now, or at its scheduled `cancel_at` (moving the clock there) if one is set. */
  deleteSubscription(sub: Ref): SubscriptionResult {
    const before = this.liveSubscription(sub);
    const scheduled = before.cancel_at !== null;
    this.clock = Math.max(this.clock, before.cancel_at ?? this.clock);
    this.tick();
    const after = this.scope.put("subscription", {
      ...before,
      status: "canceled",
      canceled_at: before.canceled_at ?? this.clock,
      ended_at: this.clock,
      cancellation_details: { ...this.cancellation(before), reason: before.cancellation_details?.reason ?? "cancellation_requested" },
    });
    const deleted = this.emit("customer.subscription.deleted", after, undefined, scheduled ? "automatic" : "api");
    return { subscription: after, events: [deleted] };
  }

  /** Refunds `amount` (the whole remainder when omitted); a partial refund leaves `refunded` false. */
  refund(charge: Ref, amount?: number): { charge: Stripe.Charge; events: Stripe.Event[] } {
    this.tick();
    const before = this.get("charge", charge);
    const remaining = before.amount - before.amount_refunded;
    const refunded = amount ?? remaining;
    if (refunded <= 0 || refunded > remaining) throw new Error(`Cannot refund ${refunded} of charge ${before.id}: ${remaining} left.`);
    const after = this.scope.put("charge", {
      ...before,
      amount_refunded: before.amount_refunded + refunded,
      refunded: before.amount_refunded + refunded === before.amount,
    });
    return { charge: after, events: [this.emit("charge.refunded", after, previousAttributes(before, after), "api")] };
  }

  /** The connected account uninstalls the app: the event arrives and the platform's key stops reaching it. */
  deauthorize(): { events: Stripe.Event[] } {
    if (this.account === undefined) throw new Error("Only a world bound to a connected account can deauthorize.");
    this.tick();
    this.scope.revoked = true;
    const application: Stripe.Application = { id: "ca_faketessera", object: "application", name: "Tessera" };
    return { events: [this.emit("account.application.deauthorized", application)] };
  }

  /**
   * The customer's active entitlements become the features with these lookup keys (in Stripe, through
   * product features on what the customer subscribed to); the summary event inlines the first 10, as
   * Stripe's does, with `has_more` past them.
   */
  entitle(customer: Ref, lookupKeys: string[]): { events: Stripe.Event[] } {
    this.tick();
    const customerId = this.get("customer", customer).id;
    const entitlements = lookupKeys.map((lookup_key): Stripe.Entitlements.ActiveEntitlement => ({
      id: this.nextId("ent"),
      object: "entitlements.active_entitlement",
      feature: `feat_${this.name}_${lookup_key}`,
      livemode: false,
      lookup_key,
    }));
    this.scope.setActiveEntitlements(customerId, entitlements);
    const summary: Stripe.Entitlements.ActiveEntitlementSummary = {
      object: "entitlements.active_entitlement_summary",
      customer: customerId,
      entitlements: {
        object: "list",
        data: entitlements.slice(0, 10),
        has_more: entitlements.length > 10,
        url: "/v1/entitlements/active_entitlements",
      },
      livemode: false,
    };
    return { events: [this.emit("entitlements.active_entitlement_summary.updated", summary)] };
  }

  /** Any other event, e.g. one Tessera does not handle. */
  event<T extends Stripe.Event["type"]>(type: T, object: EventOf<T>["data"]["object"], previous?: PreviousAttributes): EventOf<T> {
    this.tick();
    return this.emit(type, object, previous);
  }

  private tick(): number {
    this.clock += 1;
    return this.clock;
  }

  private nextId(prefix: string): string {
    this.seq += 1;
    return `${prefix}_${this.name}_${this.seq}`;
  }

  private stamp(prefix: string): Stamp {
    return { id: this.nextId(prefix), created: this.clock };
  }

  private begin(prefix: string): Stamp {
    this.tick();
    return this.stamp(prefix);
  }

  private get<K extends Kind>(kind: K, ref: Ref): Kinds[K] {
    const id = typeof ref === "string" ? ref : ref.id;
    const found = this.scope.get(kind, id);
    if (!found) throw new Error(`No ${kind} '${id}' in account ${this.scope.account.id}.`);
    return found;
  }

  private liveSubscription(ref: Ref): Stripe.Subscription {
    const sub = this.get("subscription", ref);
    if (TERMINAL.includes(sub.status)) throw new Error(`Subscription ${sub.id} is ${sub.status}.`);
    return sub;
  }

  private customerId(sub: Stripe.Subscription): string {
    return typeof sub.customer === "string" ? sub.customer : sub.customer.id;
  }

  private itemIndex(sub: Stripe.Subscription, item: ItemRef): number {
    const index = typeof item === "number" ? item : sub.items.data.findIndex((i) => i.id === item);
    if (!sub.items.data[index]) throw new Error(`Subscription ${sub.id} has no item ${String(item)}.`);
    return index;
  }

  private periodOf(item: Stripe.SubscriptionItem): Period {
    return { start: item.current_period_start, end: item.current_period_end };
  }

  private cancellation(sub: Stripe.Subscription): Stripe.Subscription.CancellationDetails {
    return sub.cancellation_details ?? { comment: null, feedback: null, feedback_option: null, reason: null };
  }

  private productName(price: Stripe.Price): string {
    return this.get("product", productId(price)).name;
  }

  private payer(customer: Stripe.Customer | null, email?: string): Payer {
    return {
      customer: customer?.id ?? null,
      email: email ?? customer?.email ?? `guest${this.seq}@example.com`,
      name: customer?.name ?? null,
    };
  }

  private pay(amount: number, currency: string, payer: Payer, description: string | null): Payment {
    const intent = this.stamp("pi");
    const charge = this.stamp("ch");
    const spec = { amount, currency, payer, description, chargeId: charge.id };
    return {
      paymentIntent: this.scope.put("payment_intent", paymentIntentObject(intent, spec)),
      charge: this.scope.put("charge", chargeObject(charge, { ...spec, paymentIntent: intent.id })),
    };
  }

  private checkoutItems(lines: LineInput[]): Stripe.LineItem[] {
    return lines.map((line) => {
      const price = this.get("price", line.price);
      return checkoutLineItemObject(this.nextId("li"), price, line.quantity ?? 1, this.productName(price));
    });
  }

  private oneOffLines(lines: LineInput[]): Omit<LineSpec, "invoice">[] {
    return lines.map((line) => {
      const price = this.get("price", line.price);
      const quantity = line.quantity ?? 1;
      return {
        price,
        quantity,
        amount: (price.unit_amount ?? 0) * quantity,
        description: this.productName(price),
        period: { start: this.clock, end: this.clock },
        source: { kind: "invoice_item", invoiceItem: this.nextId("ii") },
      };
    });
  }

  private subscriptionLine(subscription: string, item: Stripe.SubscriptionItem, trial: boolean): Omit<LineSpec, "invoice"> {
    const quantity = item.quantity ?? 1;
    const name = this.productName(item.price);
    const unit = item.price.unit_amount ?? 0;
    return {
      price: item.price,
      quantity,
      amount: trial ? 0 : unit * quantity,
      description: trial
        ? `Trial period for ${name}`
        : `${quantity} × ${name} (at ${money(unit, item.price.currency)} / ${recurringOf(item.price).interval})`,
      period: this.periodOf(item),
      source: { kind: "subscription_item", subscription, subscriptionItem: item.id, proration: false },
    };
  }

  private issueInvoice(request: InvoiceRequest): { invoice: Stripe.Invoice; payment: Payment | null } {
    const { stamp } = request;
    const lines = request.lines.map((line) => invoiceLineObject(this.nextId("il"), { ...line, invoice: stamp.id }));
    this.invoiceCount += 1;
    const draft = invoiceObject(stamp, {
      payer: request.payer,
      billingReason: request.billingReason,
      subscription: request.subscription && { id: request.subscription.id, metadata: request.subscription.metadata },
      lines,
      period: request.period,
      number: `${this.name.toUpperCase()}-${String(this.invoiceCount).padStart(4, "0")}`,
    });
    const charged = draft.amount_paid > 0;
    const payment =
      request.payment ?? (charged ? this.pay(draft.amount_paid, draft.currency, request.payer, `Invoice ${draft.number}`) : null);
    this.scope.setLines(stamp.id, lines);
    const invoice = this.scope.put("invoice", draft);
    if (payment) this.scope.put("invoice_payment", invoicePaymentObject(this.stamp("inpay"), invoice, payment.paymentIntent.id));
    return { invoice, payment };
  }

  private startSubscription(input: { customer: Ref; items: LineInput[]; trialDays?: number; metadata?: Stripe.Metadata }) {
    const customer = this.get("customer", input.customer);
    const prices = input.items.map((item) => this.get("price", item.price));
    const firstRecurring = prices[0] && recurringOf(prices[0]);
    if (!firstRecurring) throw new Error("A subscription needs at least one item.");
    if (!prices.every((price) => sameInterval(recurringOf(price), firstRecurring))) {
      throw new Error("Stripe requires all items of a subscription to share one billing interval.");
    }
    const trial = input.trialDays ? { start: this.clock, end: addDays(this.clock, input.trialDays) } : null;
    const subStamp = this.stamp("sub");
    const invoiceStamp = this.stamp("in");
    const items = prices.map((price, i) =>
      subscriptionItemObject(this.stamp("si"), subStamp.id, price, input.items[i]?.quantity ?? 1, trial ?? {
        start: this.clock,
        end: addInterval(this.clock, recurringOf(price)),
      }),
    );
    const subscription = this.scope.put(
      "subscription",
      subscriptionObject(subStamp, {
        customer: customer.id,
        items,
        status: trial ? "trialing" : "active",
        trial,
        latestInvoice: invoiceStamp.id,
        metadata: input.metadata ?? {},
      }),
    );
    const { invoice, payment } = this.issueInvoice({
      stamp: invoiceStamp,
      payer: this.payer(customer),
      billingReason: "subscription_create",
      subscription,
      lines: items.map((item) => this.subscriptionLine(subscription.id, item, trial !== null)),
      period: { start: this.clock, end: this.clock },
    });
    return { subscription, invoice, paymentIntent: payment?.paymentIntent ?? null, charge: payment?.charge ?? null };
  }

  /**
   * Stores the subscription with one item replaced and, when invoiced now, bills the difference:
   * a credit for the unused time of the old item and a charge for the new one, prorated over the
   * rest of the period (or the whole new period when the billing cycle restarted).
   */
  private changeItem(
    before: Stripe.Subscription,
    index: number,
    updated: Stripe.SubscriptionItem,
    invoiceNow: boolean,
    restarted = false,
  ): SubscriptionChangeResult {
    const old = before.items.data[index]!;
    const items = before.items.data.map((item, i) => (i === index ? updated : item));
    const invoiceStamp = invoiceNow ? this.stamp("in") : null;
    const after = this.scope.put("subscription", {
      ...before,
      items: itemList(before.id, items),
      ...(invoiceStamp ? { latest_invoice: invoiceStamp.id } : {}),
      ...(restarted ? { billing_cycle_anchor: this.clock } : {}),
    });
    const events: Stripe.Event[] = [this.subscriptionUpdated(before, after, "api")];
    if (!invoiceStamp) return { subscription: after, invoice: null, events };

    const remaining = (old.current_period_end - this.clock) / (old.current_period_end - old.current_period_start);
    const credit = { ...this.subscriptionLine(after.id, old, false), period: { start: this.clock, end: old.current_period_end } };
    const debit = this.subscriptionLine(after.id, updated, false);
    const lines = [
      {
        ...credit,
        amount: -Math.round(credit.amount * remaining),
        description: `Unused time on ${credit.description}`,
        source: { kind: "subscription_item" as const, subscription: after.id, subscriptionItem: old.id, proration: true },
      },
      restarted
        ? debit
        : {
            ...debit,
            amount: Math.round(debit.amount * remaining),
            description: `Remaining time on ${debit.description}`,
            period: { start: this.clock, end: updated.current_period_end },
            source: { kind: "subscription_item" as const, subscription: after.id, subscriptionItem: updated.id, proration: true },
          },
    ];
    const { invoice } = this.issueInvoice({
      stamp: invoiceStamp,
      payer: this.payer(this.get("customer", this.customerId(after))),
      billingReason: "subscription_update",
      subscription: after,
      lines,
      period: { start: this.clock, end: this.clock },
    });
    events.push(this.emit("invoice.paid", invoice));
    return { subscription: after, invoice, events };
  }

  private subscriptionUpdated(before: Stripe.Subscription, after: Stripe.Subscription, cause: Cause): Stripe.Event {
    return this.emit("customer.subscription.updated", after, previousAttributes(before, after), cause);
  }

  private recordApiUpdate(update: ApiUpdate): void {
    if (update.kind !== "subscription" || !update.after.id.includes(`_${this.name}_`)) return;
    this.apiEvents.push(
      this.emitWith(update.request, "customer.subscription.updated", update.after, previousAttributes(update.before, update.after)),
    );
  }

  private emit<T extends Stripe.Event["type"]>(
    type: T,
    object: EventOf<T>["data"]["object"],
    previous?: PreviousAttributes,
    cause: Cause = "automatic",
  ): EventOf<T> {
    // Events Stripe raises on its own (renewals, completed checkouts) carry a null request.
    const request =
      cause === "api" ? { id: this.nextId("req"), idempotency_key: `idem_${this.name}_${this.seq}` } : { id: null, idempotency_key: null };
    return this.emitWith(request, type, object, previous);
  }

  private emitWith<T extends Stripe.Event["type"]>(
    request: Stripe.Event.Request,
    type: T,
    object: EventOf<T>["data"]["object"],
    previous?: PreviousAttributes,
  ): EventOf<T> {
    const created = this.tick();
    return envelope({ id: this.nextId("evt"), created, account: this.account, request }, type, object, previous);
  }
}
