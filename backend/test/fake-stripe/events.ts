import Stripe from "stripe";

export type EventOf<T extends Stripe.Event["type"]> = Extract<Stripe.Event, { type: T }>;
export type PreviousAttributes = Record<string, unknown>;

export interface EnvelopeContext {
  id: string;
  created: number;
  /** Set only for Connect events: the connected account the object lives in. */
  account: string | undefined;
  request: Stripe.Event.Request;
}

export function envelope<T extends Stripe.Event["type"]>(
  ctx: EnvelopeContext,
  type: T,
  object: EventOf<T>["data"]["object"],
  previous?: PreviousAttributes,
): EventOf<T> {
  const event: Stripe.EventBase = {
    id: ctx.id,
    object: "event",
    ...(ctx.account === undefined ? {} : { account: ctx.account }),
    api_version: Stripe.API_VERSION,
    created: ctx.created,
    data: previous === undefined ? { object } : { object, previous_attributes: previous },
    livemode: false,
    pending_webhooks: 1,
    request: ctx.request,
    type,
  };
  // The union member for `type` has exactly this shape; TypeScript cannot narrow a generic union by itself.
  return event as EventOf<T>;
}

const isHash = (value: unknown): value is Record<string, unknown> =>
  value !== null && typeof value === "object" && Object.getPrototypeOf(value) === Object.prototype;

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/**
 * Stripe's `previous_attributes`: the old value of every field that changed; nested hashes list only their
 * changed keys (a key that did not exist before shows as null), arrays are replaced whole, so a changed
 * subscription item comes back as `{ items: { data: [...old items] } }`.
 */
export function previousAttributes(before: object, after: object): PreviousAttributes {
  const old = before as Record<string, unknown>;
  const now = after as Record<string, unknown>;
  const changed: PreviousAttributes = {};
  for (const key of new Set([...Object.keys(old), ...Object.keys(now)])) {
    const was = old[key];
    const is = now[key];
    // An update copies the stored object and replaces the fields it sets, so an unchanged field is the
    // same reference: that check spares serialising whole item lists on every metadata write.
    if (was === is || same(was, is)) continue;
    changed[key] = isHash(was) && isHash(is) ? previousAttributes(was, is) : (was ?? null);
  }
  return changed;
}
