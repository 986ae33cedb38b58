import fc from "fast-check";
import { foldFacts, viewOf, type SubscriptionFacts, type SubscriptionState } from "./subscription-state";

const empty: SubscriptionState = {
  subscriptionId: "sub_1",
  stripeCustomerId: null,
  status: null,
  items: null,
  snapshotAt: null,
  snapshotRank: 0,
  deletedAt: null,
  paidThrough: null,
  firstPaidInvoiceId: null,
  firstPaidAt: null,
  quantityLog: [],
  unpaidSince: null,
  refundedInvoiceIds: [],
};

const customer = { stripeCustomerId: "cus_1", email: null, name: null };
const day = (n: number) => new Date(Date.UTC(2026, 0, 1 + n));
const paid = (invoiceId: string, n: number): SubscriptionFacts => ({
  subscriptionId: "sub_1",
  customer,
  payment: { invoiceId, periodEnd: day(n + 30), paidAt: day(n) },
});
const snapshot = (n: number, status: string, quantity: number): SubscriptionFacts => ({
  subscriptionId: "sub_1",
  customer,
  snapshot: { at: day(n), rank: 1, status, deleted: false, items: [{ itemId: "si_1", priceId: "price_1", quantity }] },
});
const refund = (invoiceId: string): SubscriptionFacts => ({ subscriptionId: "sub_1", customer, refund: { invoiceId } });

const foldAll = (facts: SubscriptionFacts[]) => facts.reduce((state, f) => foldFacts(state, f).state, empty);

test("the earliest payment is the first one, whichever invoice.paid came first", () => {
  expect(foldAll([paid("in_2", 30), paid("in_1", 0)])).toMatchObject({ firstPaidInvoiceId: "in_1", firstPaidAt: day(0), paidThrough: day(60) });
  expect(foldAll([paid("in_1", 0), paid("in_2", 30)])).toMatchObject({ firstPaidInvoiceId: "in_1", firstPaidAt: day(0), paidThrough: day(60) });
});

test("a refund of the first invoice marks the view refunded, also when it came before the payment", () => {
  expect(viewOf(foldAll([refund("in_1"), paid("in_1", 0)])).refunded).toBe(true);
  expect(viewOf(foldAll([paid("in_1", 0), refund("in_1")])).refunded).toBe(true);
  expect(viewOf(foldAll([paid("in_1", 0), refund("in_2")])).refunded).toBe(false);
});

test("folding the same events in any order gives the same state", () => {
  const events = [paid("in_1", 0), snapshot(1, "active", 2), snapshot(5, "past_due", 3), paid("in_2", 30), snapshot(40, "unpaid", 3), refund("in_9")];
  const inOrder = foldAll(events);
  fc.assert(
    fc.property(fc.shuffledSubarray(events, { minLength: events.length }), (shuffled) => {
      const s = foldAll(shuffled);
      expect({ ...s, quantityLog: [...s.quantityLog].sort((a, b) => a.at - b.at), refundedInvoiceIds: [...s.refundedInvoiceIds].sort() }).toEqual({
        ...inOrder,
        quantityLog: [...inOrder.quantityLog].sort((a, b) => a.at - b.at),
        refundedInvoiceIds: [...inOrder.refundedInvoiceIds].sort(),
      });
    }),
  );
});
