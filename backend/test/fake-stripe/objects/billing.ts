import Stripe from "stripe";
import { planFromPrice, type Stamp } from "./catalog";
import type { Payer } from "./payments";

export interface Period {
  start: number;
  end: number;
}

export function subscriptionItemObject(
  stamp: Stamp,
  subscription: string,
  price: Stripe.Price,
  quantity: number,
  period: Period,
): Stripe.SubscriptionItem {
  return {
    ...stamp,
    object: "subscription_item",
    billing_thresholds: null,
    current_period_end: period.end,
    current_period_start: period.start,
    current_trial: null,
    discounts: [],
    metadata: {},
    plan: planFromPrice(price),
    price,
    quantity,
    subscription,
    tax_rates: [],
  };
}

export interface SubscriptionSpec {
  customer: string;
  items: Stripe.SubscriptionItem[];
  status: Stripe.Subscription.Status;
  trial: Period | null;
  latestInvoice: string;
  metadata: Stripe.Metadata;
}

export function subscriptionObject(stamp: Stamp, spec: SubscriptionSpec): Stripe.Subscription {
  const firstItem = spec.items[0];
  if (!firstItem) throw new Error("A subscription needs at least one item.");
  return {
    ...stamp,
    object: "subscription",
    application: null,
    application_fee_percent: null,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null },
    billing_cycle_anchor: spec.trial ? spec.trial.end : stamp.created,
    billing_cycle_anchor_config: null,
    billing_mode: { flexible: { proration_discounts: "included" }, type: "flexible", updated_at: stamp.created },
    billing_schedules: [],
    billing_thresholds: null,
    cancel_at: null,
    cancel_at_period_end: false,
    canceled_at: null,
    cancellation_details: { comment: null, feedback: null, feedback_option: null, reason: null },
    collection_method: "charge_automatically",
    currency: firstItem.price.currency,
    customer: spec.customer,
    customer_account: null,
    days_until_due: null,
    default_payment_method: `pm_for_${stamp.id}`,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    ended_at: null,
    invoice_settings: { account_tax_ids: null, custom_fields: null, description: null, footer: null, issuer: { type: "self" } },
    items: itemList(stamp.id, spec.items),
    latest_invoice: spec.latestInvoice,
    livemode: false,
    managed_payments: null,
    metadata: spec.metadata,
    next_pending_invoice_item_invoice: null,
    on_behalf_of: null,
    pause_collection: null,
    payment_settings: { payment_method_options: null, payment_method_types: null, save_default_payment_method: "off" },
    pending_invoice_item_interval: null,
    pending_setup_intent: null,
    pending_update: null,
    schedule: null,
    start_date: stamp.created,
    status: spec.status,
    test_clock: null,
    transfer_data: null,
    trial_end: spec.trial?.end ?? null,
    trial_settings: { end_behavior: { billing_cycle_anchor: null, missing_payment_method: "create_invoice" } },
    trial_start: spec.trial?.start ?? null,
  };
}

export function itemList(subscription: string, items: Stripe.SubscriptionItem[]): Stripe.ApiList<Stripe.SubscriptionItem> {
  return { object: "list", data: items, has_more: false, url: `/v1/subscription_items?subscription=${subscription}` };
}

export type LineSource =
  | { kind: "subscription_item"; subscription: string; subscriptionItem: string; proration: boolean }
  | { kind: "invoice_item"; invoiceItem: string };

export interface LineSpec {
  invoice: string;
  price: Stripe.Price;
  quantity: number;
  amount: number;
  description: string;
  period: Period;
  source: LineSource;
}

function lineParent(source: LineSource): Stripe.InvoiceLineItem.Parent {
  if (source.kind === "invoice_item") {
    return {
      type: "invoice_item_details",
      invoice_item_details: { invoice_item: source.invoiceItem, proration: false, proration_details: null, subscription: null },
      subscription_item_details: null,
    };
  }
  return {
    type: "subscription_item_details",
    invoice_item_details: null,
    subscription_item_details: {
      invoice_item: null,
      proration: source.proration,
      proration_details: source.proration ? { credited_items: null } : null,
      subscription: source.subscription,
      subscription_item: source.subscriptionItem,
    },
  };
}

export function invoiceLineObject(id: string, spec: LineSpec): Stripe.InvoiceLineItem {
  const product = typeof spec.price.product === "string" ? spec.price.product : spec.price.product.id;
  return {
    id,
    object: "line_item",
    amount: spec.amount,
    currency: spec.price.currency,
    description: spec.description,
    discount_amounts: [],
    discountable: true,
    discounts: [],
    invoice: spec.invoice,
    livemode: false,
    metadata: {},
    parent: lineParent(spec.source),
    period: spec.period,
    pretax_credit_amounts: [],
    pricing: {
      type: "price_details",
      price_details: { price: spec.price.id, product },
      unit_amount_decimal: spec.price.unit_amount_decimal,
    },
    quantity: spec.quantity,
    quantity_decimal: Stripe.Decimal.from(spec.quantity),
    subscription: spec.source.kind === "subscription_item" ? spec.source.subscription : null,
    subtotal: spec.amount,
    taxes: [],
  };
}

/** Invoices embed only the first page of their lines, as Stripe does (the rest via /v1/invoices/:id/lines). */
const EMBEDDED_LINES = 10;

export interface InvoiceSpec {
  payer: Payer;
  billingReason: Stripe.Invoice.BillingReason;
  subscription: { id: string; metadata: Stripe.Metadata } | null;
  lines: Stripe.InvoiceLineItem[];
  /** For subscription invoices Stripe reports the period that just ended here, not the one being paid for. */
  period: Period;
  number: string;
}

export function invoiceObject(stamp: Stamp, spec: InvoiceSpec): Stripe.Invoice {
  const total = spec.lines.reduce((sum, line) => sum + line.amount, 0);
  // A negative total (a downgrade's proration) is not refunded: Stripe credits it to the customer balance.
  const due = Math.max(0, total);
  const currency = spec.lines[0]?.currency ?? "usd";
  return {
    ...stamp,
    object: "invoice",
    account_country: "US",
    account_name: "Fake Vendor",
    account_tax_ids: null,
    amount_due: due,
    amount_overpaid: 0,
    amount_paid: due,
    amount_remaining: 0,
    amount_shipping: 0,
    application: null,
    attempt_count: due > 0 ? 1 : 0,
    attempted: true,
    auto_advance: false,
    automatic_tax: { disabled_reason: null, enabled: false, liability: null, provider: null, status: null },
    automatically_finalizes_at: null,
    billing_reason: spec.billingReason,
    collection_method: "charge_automatically",
    currency,
    custom_fields: null,
    customer: spec.payer.customer,
    customer_account: null,
    customer_address: null,
    customer_email: spec.payer.email,
    customer_name: spec.payer.name,
    customer_phone: null,
    customer_shipping: null,
    customer_tax_exempt: "none",
    customer_tax_ids: [],
    default_payment_method: null,
    default_source: null,
    default_tax_rates: [],
    description: null,
    discounts: [],
    due_date: null,
    effective_at: stamp.created,
    ending_balance: Math.min(0, total),
    footer: null,
    from_invoice: null,
    hosted_invoice_url: `https://invoice.stripe.com/i/fake/${stamp.id}`,
    invoice_pdf: `https://pay.stripe.com/invoice/fake/${stamp.id}/pdf`,
    issuer: { type: "self" },
    last_finalization_error: null,
    latest_revision: null,
    lines: {
      object: "list",
      data: spec.lines.slice(0, EMBEDDED_LINES),
      has_more: spec.lines.length > EMBEDDED_LINES,
      url: `/v1/invoices/${stamp.id}/lines`,
    },
    livemode: false,
    metadata: {},
    next_payment_attempt: null,
    number: spec.number,
    on_behalf_of: null,
    parent: spec.subscription && {
      type: "subscription_details",
      quote_details: null,
      subscription_details: { metadata: spec.subscription.metadata, subscription: spec.subscription.id },
    },
    payment_settings: { default_mandate: null, payment_method_options: null, payment_method_types: null },
    period_end: spec.period.end,
    period_start: spec.period.start,
    post_payment_credit_notes_amount: 0,
    pre_payment_credit_notes_amount: 0,
    receipt_number: null,
    rendering: null,
    shipping_cost: null,
    shipping_details: null,
    starting_balance: 0,
    statement_descriptor: null,
    status: "paid",
    status_transitions: { finalized_at: stamp.created, marked_uncollectible_at: null, paid_at: stamp.created, voided_at: null },
    subtotal: total,
    subtotal_excluding_tax: total,
    test_clock: null,
    total,
    total_discount_amounts: [],
    total_excluding_tax: total,
    total_pretax_credit_amounts: [],
    total_taxes: [],
    webhooks_delivered_at: stamp.created,
  };
}

export function invoicePaymentObject(stamp: Stamp, invoice: Stripe.Invoice, paymentIntent: string): Stripe.InvoicePayment {
  return {
    ...stamp,
    object: "invoice_payment",
    amount_paid: invoice.amount_paid,
    amount_requested: invoice.amount_due,
    currency: invoice.currency,
    invoice: invoice.id,
    is_default: true,
    livemode: false,
    payment: { type: "payment_intent", payment_intent: paymentIntent },
    status: "paid",
    status_transitions: { canceled_at: null, paid_at: stamp.created },
  };
}
