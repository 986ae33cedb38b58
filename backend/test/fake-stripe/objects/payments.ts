import type Stripe from "stripe";
import type { Stamp } from "./catalog";

export interface Payer {
  customer: string | null;
  email: string;
  name: string | null;
}

export interface PaymentSpec {
  amount: number;
  currency: string;
  payer: Payer;
  description: string | null;
  chargeId: string;
}

export function paymentIntentObject(stamp: Stamp, spec: PaymentSpec): Stripe.PaymentIntent {
  return {
    ...stamp,
    object: "payment_intent",
    allowed_payment_method_types: null,
    amount: spec.amount,
    amount_capturable: 0,
    amount_received: spec.amount,
    application: null,
    application_fee_amount: null,
    automatic_payment_methods: { enabled: true },
    canceled_at: null,
    cancellation_reason: null,
    capture_method: "automatic_async",
    client_secret: `${stamp.id}_secret_fake`,
    confirmation_method: "automatic",
    currency: spec.currency,
    customer: spec.payer.customer,
    customer_account: null,
    description: spec.description,
    excluded_payment_method_types: null,
    last_payment_error: null,
    latest_charge: spec.chargeId,
    livemode: false,
    managed_payments: null,
    metadata: {},
    next_action: null,
    on_behalf_of: null,
    payment_method: `pm_for_${stamp.id}`,
    payment_method_configuration_details: null,
    payment_method_options: null,
    payment_method_types: ["card"],
    payment_record: null,
    processing: null,
    receipt_email: spec.payer.email,
    review: null,
    setup_future_usage: null,
    shipping: null,
    source: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: "succeeded",
    transfer_group: null,
  };
}

export function chargeObject(stamp: Stamp, spec: PaymentSpec & { paymentIntent: string }): Stripe.Charge {
  return {
    ...stamp,
    object: "charge",
    amount: spec.amount,
    amount_captured: spec.amount,
    amount_refunded: 0,
    application: null,
    application_fee: null,
    application_fee_amount: null,
    balance_transaction: `txn_for_${stamp.id}`,
    billing_details: { address: null, email: spec.payer.email, name: spec.payer.name, phone: null, tax_id: null },
    calculated_statement_descriptor: "TESSERA* LICENSE",
    captured: true,
    currency: spec.currency,
    customer: spec.payer.customer,
    description: spec.description,
    disputed: false,
    failure_balance_transaction: null,
    failure_code: null,
    failure_message: null,
    fraud_details: {},
    livemode: false,
    metadata: {},
    on_behalf_of: null,
    outcome: {
      advice_code: null,
      network_advice_code: null,
      network_decline_code: null,
      network_status: "approved_by_network",
      reason: null,
      risk_level: "normal",
      seller_message: "Payment complete.",
      type: "authorized",
    },
    paid: true,
    payment_intent: spec.paymentIntent,
    payment_method: `pm_for_${spec.paymentIntent}`,
    payment_method_details: null,
    receipt_email: spec.payer.email,
    receipt_number: null,
    receipt_url: `https://pay.stripe.com/receipts/fake/${stamp.id}`,
    refunded: false,
    review: null,
    shipping: null,
    source: null,
    source_transfer: null,
    statement_descriptor: null,
    statement_descriptor_suffix: null,
    status: "succeeded",
    transfer_data: null,
    transfer_group: null,
  };
}

export function checkoutLineItemObject(id: string, price: Stripe.Price, quantity: number, description: string): Stripe.LineItem {
  const amount = (price.unit_amount ?? 0) * quantity;
  return {
    id,
    object: "item",
    adjustable_quantity: null,
    amount_discount: 0,
    amount_subtotal: amount,
    amount_tax: 0,
    amount_total: amount,
    currency: price.currency,
    description,
    metadata: {},
    price,
    quantity,
  };
}

export interface SessionSpec {
  mode: "payment" | "subscription";
  payer: Payer;
  amount: number;
  currency: string;
  paymentIntent: string | null;
  invoice: string | null;
  subscription: string | null;
  invoiceCreation: boolean;
}

export function checkoutSessionObject(stamp: Stamp, spec: SessionSpec): Stripe.Checkout.Session {
  return {
    ...stamp,
    object: "checkout.session",
    adaptive_pricing: null,
    after_expiration: null,
    allow_promotion_codes: null,
    allowed_payment_method_types: null,
    amount_subtotal: spec.amount,
    amount_total: spec.amount,
    automatic_tax: { enabled: false, liability: null, provider: null, status: null },
    billing_address_collection: null,
    cancel_url: null,
    client_reference_id: null,
    client_secret: null,
    collected_information: { business_name: null, individual_name: null, shipping_details: null },
    consent: null,
    consent_collection: null,
    currency: spec.currency,
    currency_conversion: null,
    custom_fields: [],
    custom_text: { after_submit: null, shipping_address: null, submit: null, terms_of_service_acceptance: null },
    customer: spec.payer.customer,
    customer_account: null,
    customer_creation: spec.payer.customer ? null : "if_required",
    customer_details: {
      address: null,
      business_name: null,
      email: spec.payer.email,
      individual_name: null,
      name: spec.payer.name,
      phone: null,
      tax_exempt: "none",
      tax_ids: [],
    },
    customer_email: null,
    discounts: [],
    expires_at: stamp.created + 24 * 3600,
    integration_identifier: null,
    invoice: spec.invoice,
    invoice_creation: spec.mode === "payment" ? { enabled: spec.invoiceCreation, invoice_data: invoiceData() } : null,
    livemode: false,
    locale: null,
    managed_payments: null,
    metadata: {},
    mode: spec.mode,
    origin_context: null,
    payment_intent: spec.paymentIntent,
    payment_link: null,
    payment_method_collection: "if_required",
    payment_method_configuration_details: null,
    payment_method_options: {},
    payment_method_types: ["card"],
    payment_status: spec.amount > 0 ? "paid" : "no_payment_required",
    permissions: null,
    recovered_from: null,
    saved_payment_method_options: null,
    setup_intent: null,
    shipping_address_collection: null,
    shipping_cost: null,
    shipping_options: [],
    status: "complete",
    submit_type: null,
    subscription: spec.subscription,
    success_url: "https://vendor.example/thanks",
    total_details: { amount_discount: 0, amount_shipping: 0, amount_tax: 0 },
    ui_mode: "hosted_page",
    url: null,
    wallet_options: null,
  };
}

function invoiceData(): Stripe.Checkout.Session.InvoiceCreation.InvoiceData {
  return {
    account_tax_ids: null,
    custom_fields: null,
    description: null,
    footer: null,
    issuer: null,
    metadata: {},
    rendering_options: null,
  };
}
