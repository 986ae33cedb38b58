import Stripe from "stripe";

export interface Stamp {
  id: string;
  created: number;
}

export function productObject(stamp: Stamp, name: string, metadata: Stripe.Metadata): Stripe.Product {
  return {
    ...stamp,
    object: "product",
    active: true,
    default_price: null,
    description: null,
    images: [],
    livemode: false,
    marketing_features: [],
    metadata,
    name,
    package_dimensions: null,
    shippable: null,
    statement_descriptor: null,
    tax_code: null,
    tax_details: null,
    type: "service",
    unit_label: null,
    updated: stamp.created,
    url: null,
  };
}

export interface PriceSpec {
  product: string;
  unitAmount: number;
  currency: string;
  recurring: { interval: Stripe.Price.Recurring.Interval; interval_count: number } | null;
  metadata: Stripe.Metadata;
  nickname: string | null;
}

export function priceObject(stamp: Stamp, spec: PriceSpec): Stripe.Price {
  return {
    ...stamp,
    object: "price",
    active: true,
    billing_scheme: "per_unit",
    currency: spec.currency,
    custom_unit_amount: null,
    livemode: false,
    lookup_key: null,
    metadata: spec.metadata,
    nickname: spec.nickname,
    product: spec.product,
    recurring: spec.recurring && {
      ...spec.recurring,
      meter: null,
      trial_period_days: null,
      usage_type: "licensed",
    },
    tax_behavior: "unspecified",
    tiers_mode: null,
    transform_quantity: null,
    type: spec.recurring ? "recurring" : "one_time",
    unit_amount: spec.unitAmount,
    unit_amount_decimal: Stripe.Decimal.from(spec.unitAmount),
  };
}

/** Subscription items still carry the legacy plan, mirroring the price under the same id. */
export function planFromPrice(price: Stripe.Price): Stripe.Plan {
  if (!price.recurring) throw new Error(`Price ${price.id} is one-time; a subscription needs a recurring price.`);
  return {
    id: price.id,
    object: "plan",
    active: price.active,
    amount: price.unit_amount,
    amount_decimal: price.unit_amount_decimal,
    billing_scheme: price.billing_scheme,
    created: price.created,
    currency: price.currency,
    interval: price.recurring.interval,
    interval_count: price.recurring.interval_count,
    livemode: price.livemode,
    metadata: price.metadata,
    meter: null,
    nickname: price.nickname,
    product: price.product,
    tiers_mode: null,
    transform_usage: null,
    trial_period_days: null,
    usage_type: price.recurring.usage_type,
  };
}

export function customerObject(stamp: Stamp, email: string, name: string | null): Stripe.Customer {
  return {
    ...stamp,
    object: "customer",
    address: null,
    balance: 0,
    currency: null,
    default_source: null,
    delinquent: false,
    description: null,
    email,
    invoice_settings: { custom_fields: null, default_payment_method: null, footer: null, rendering_options: null },
    livemode: false,
    metadata: {},
    name,
    phone: null,
    preferred_locales: [],
    shipping: null,
    tax_exempt: "none",
    test_clock: null,
  };
}
