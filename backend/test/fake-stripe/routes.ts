import type { Context, Hono } from "hono";
import type Stripe from "stripe";
import { invalidParam, resourceMissing } from "./errors";
import { expand } from "./expand";
import { stringList, type FormObject } from "./form";
import { paginate } from "./list";
import { mergeMetadata } from "./metadata";
import type { AccountScope, Kind, Kinds } from "./store";

export type FakeEnv = {
  Variables: {
    scope: AccountScope;
    /** Query for GET, query and form body merged for POST, as Stripe reads them. */
    params: FormObject;
    requestId: string;
    idempotencyKey: string | null;
  };
};
type Ctx = Context<FakeEnv>;

function json(c: Ctx, value: unknown): Response {
  return c.body(JSON.stringify(value), 200, { "Content-Type": "application/json" });
}

function expanded(c: Ctx, value: unknown, paths = stringList(c.var.params.expand)): Response {
  return json(c, expand(value, paths, (id) => c.var.scope.find(id)));
}

function found<K extends Kind>(c: Ctx, kind: K, noun: string, id = c.req.param("id") ?? ""): Kinds[K] {
  const object = c.var.scope.get(kind, id);
  if (!object) throw resourceMissing(noun, id);
  return object;
}

// The fake implements only metadata updates; failing loudly beats silently ignoring a parameter
// the real API would have applied.
function onlyParams(params: FormObject, allowed: string[]): void {
  const unknown = Object.keys(params).find((key) => !allowed.includes(key));
  if (unknown !== undefined) {
    throw invalidParam(unknown, `Received unknown parameter: ${unknown} (the fake Stripe server only updates metadata here).`, "parameter_unknown");
  }
}

const sameMetadata = (a: Stripe.Metadata, b: Stripe.Metadata): boolean =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

function catalogRoutes(app: Hono<FakeEnv>): void {
  app.get("/v1/account", (c) => expanded(c, c.var.scope.account));
  app.get("/v1/products/:id", (c) => expanded(c, found(c, "product", "product")));
  app.get("/v1/prices/:id", (c) => expanded(c, found(c, "price", "price")));
  app.get("/v1/prices", (c) => {
    const { active } = c.var.params;
    const prices = c.var.scope.all("price").filter((p) => active === undefined || String(p.active) === active);
    return expanded(c, paginate(prices, "/v1/prices", c.var.params));
  });
  app.get("/v1/customers/:id", (c) => expanded(c, found(c, "customer", "customer")));
}

function checkoutRoutes(app: Hono<FakeEnv>): void {
  const lineItemsUrl = (id: string) => `/v1/checkout/sessions/${id}/line_items`;
  app.get("/v1/checkout/sessions/:id", (c) => {
    const session = found(c, "checkout_session", "checkout.session");
    const paths = stringList(c.var.params.expand);
    // line_items is not an id field: Stripe includes its first page only when asked to.
    const wantsLines = paths.some((path) => path === "line_items" || path.startsWith("line_items."));
    const withLines = wantsLines
      ? { ...session, line_items: paginate(c.var.scope.lineItemsOf(session.id), lineItemsUrl(session.id), {}) }
      : session;
    return expanded(c, withLines, paths.filter((path) => path !== "line_items"));
  });
  app.get("/v1/checkout/sessions/:id/line_items", (c) => {
    const session = found(c, "checkout_session", "checkout.session");
    return expanded(c, paginate(c.var.scope.lineItemsOf(session.id), lineItemsUrl(session.id), c.var.params));
  });
}

function billingRoutes(app: Hono<FakeEnv>): void {
  app.get("/v1/invoices/:id", (c) => expanded(c, found(c, "invoice", "invoice")));
  app.get("/v1/invoices/:id/lines", (c) => {
    const invoice = found(c, "invoice", "invoice");
    return expanded(c, paginate(c.var.scope.linesOf(invoice.id), `/v1/invoices/${invoice.id}/lines`, c.var.params));
  });
  app.get("/v1/invoice_payments", (c) => {
    const { invoice, payment } = c.var.params;
    const wanted = typeof payment === "object" && !Array.isArray(payment) ? payment : {};
    const matches = c.var.scope
      .all("invoice_payment")
      .filter((p) => invoice === undefined || p.invoice === invoice)
      .filter((p) => wanted.type === undefined || p.payment.type === wanted.type)
      .filter((p) => wanted.payment_intent === undefined || p.payment.payment_intent === wanted.payment_intent)
      .reverse(); // Stripe lists newest first
    return expanded(c, paginate(matches, "/v1/invoice_payments", c.var.params));
  });
  app.get("/v1/subscriptions/:id", (c) => expanded(c, found(c, "subscription", "subscription")));
  app.get("/v1/subscription_items", (c) => {
    const { subscription } = c.var.params;
    if (typeof subscription !== "string") throw invalidParam("subscription", "Missing required param: subscription.", "parameter_missing");
    const sub = found(c, "subscription", "subscription", subscription);
    return expanded(c, paginate(sub.items.data, "/v1/subscription_items", c.var.params));
  });
  app.post("/v1/subscriptions/:id", (c) => {
    const before = found(c, "subscription", "subscription");
    onlyParams(c.var.params, ["metadata", "expand"]);
    const metadata = mergeMetadata(before.metadata, c.var.params.metadata);
    if (sameMetadata(metadata, before.metadata)) return expanded(c, before);
    const after = c.var.scope.put("subscription", { ...before, metadata });
    const request = { id: c.var.requestId, idempotency_key: c.var.idempotencyKey };
    c.var.scope.apiUpdated({ kind: "subscription", before, after, request });
    return expanded(c, after);
  });
}

function paymentRoutes(app: Hono<FakeEnv>): void {
  app.get("/v1/payment_intents/:id", (c) => expanded(c, found(c, "payment_intent", "payment_intent")));
  // Stripe has no payment_intent.updated event, so a metadata write here notifies nobody.
  app.post("/v1/payment_intents/:id", (c) => {
    const before = found(c, "payment_intent", "payment_intent");
    onlyParams(c.var.params, ["metadata", "expand"]);
    return expanded(c, c.var.scope.put("payment_intent", { ...before, metadata: mergeMetadata(before.metadata, c.var.params.metadata) }));
  });
}

function entitlementRoutes(app: Hono<FakeEnv>): void {
  app.get("/v1/entitlements/active_entitlements", (c) => {
    const { customer } = c.var.params;
    if (typeof customer !== "string") throw invalidParam("customer", "Missing required param: customer.", "parameter_missing");
    found(c, "customer", "customer", customer);
    return expanded(c, paginate(c.var.scope.activeEntitlementsOf(customer), "/v1/entitlements/active_entitlements", c.var.params));
  });
}

export function registerRoutes(app: Hono<FakeEnv>): void {
  catalogRoutes(app);
  checkoutRoutes(app);
  billingRoutes(app);
  paymentRoutes(app);
  entitlementRoutes(app);
}
