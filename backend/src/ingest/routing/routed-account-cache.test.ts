import type { Account } from "../../licensing/account";
import type { StripeEvent } from "../envelope";
import { RoutedAccountCache } from "./routed-account-cache";

const event = (account: string | undefined, livemode = false) => ({ account, livemode }) as unknown as StripeEvent;
const routed = (id: string, status: Account["status"] = "CONNECTED"): Account => ({
  id,
  kind: "CONNECTED",
  stripeAccountId: `acct_${id}`,
  status,
  catalogVersion: 1,
});

test("an account is found by the way its events arrive: Connect id and mode, or the own account of a mode", () => {
  const cache = new RoutedAccountCache({ ttlMs: 1000, maxEntries: 10 });
  cache.remember(event("acct_a"), routed("a"), 0);
  cache.remember(event(undefined, true), routed("own-live"), 0);
  expect(cache.get(event("acct_a"), 1)?.id).toBe("a");
  expect(cache.get(event("acct_a", true), 1)).toBeUndefined();
  expect(cache.get(event(undefined, true), 1)?.id).toBe("own-live");
  expect(cache.get(event(undefined, false), 1)).toBeUndefined();
});

test("entries expire, can be forgotten, and disconnected accounts are not kept", () => {
  const cache = new RoutedAccountCache({ ttlMs: 1000, maxEntries: 10 });
  cache.remember(event("acct_a"), routed("a"), 0);
  cache.remember(event("acct_b"), routed("b", "DISCONNECTED"), 0);
  expect(cache.get(event("acct_b"), 1)).toBeUndefined();
  expect(cache.get(event("acct_a"), 999)?.id).toBe("a");
  expect(cache.get(event("acct_a"), 1000)).toBeUndefined();
  cache.remember(event("acct_a"), routed("a"), 2000);
  cache.forget(event("acct_a"));
  expect(cache.get(event("acct_a"), 2001)).toBeUndefined();
});

test("past maxEntries the oldest entry goes", () => {
  const cache = new RoutedAccountCache({ ttlMs: 1000, maxEntries: 2 });
  cache.remember(event("acct_a"), routed("a"), 0);
  cache.remember(event("acct_b"), routed("b"), 0);
  cache.remember(event("acct_c"), routed("c"), 0);
  expect([cache.get(event("acct_a"), 1), cache.get(event("acct_b"), 1)?.id, cache.get(event("acct_c"), 1)?.id]).toEqual([undefined, "b", "c"]);
});
