import { sqlOf } from "../db/client";
import { recordUnroutedEvent } from "../db/inbox-store";
import type { StripeEvent } from "./envelope";
import { ACCOUNT_DISCONNECTED, duplicate, ignored, type EventAnswer } from "./event-record";
import { handlerFor } from "./events/registry";
import { newDelivery } from "./inbox-entry";
import { recordWithoutChanges, runEvent, type EventSource, type IngestDeps } from "./run-event";
import { routeEvent } from "./routing/route-event";

/** A delivery from Stripe: routed to its account (cached or looked up), answered early when it is not applied. */
function delivery(deps: IngestDeps, event: StripeEvent): EventSource {
  let useCache = true;
  return {
    event,
    forgetRoute: () => {
      deps.accounts?.forget(event);
      useCache = false;
    },
    resolve: async () => {
      const cached = useCache ? deps.accounts?.get(event) : undefined;
      const route = cached ? ({ kind: "account", account: cached, seenStatus: null } as const) : await routeEvent(sqlOf(deps.db), event);
      if (route.kind === "unrouted") {
        await recordUnroutedEvent(deps.db, { stripeAccount: route.stripeAccount, stripeEventId: event.id, type: event.type, reason: route.reason, payload: event.body });
        return { answer: { status: "UNROUTED", message: `${route.reason}; event recorded, not processed` } };
      }
      const { account } = route;
      if (!cached) deps.accounts?.remember(event, account);
      if (route.seenStatus) return { answer: duplicate(event, `received (${route.seenStatus.toLowerCase()})`) };
      const entry = newDelivery(account.id, event);
      if (account.status === "DISCONNECTED") {
        const record = { ...ignored("The account is disconnected; event recorded, not processed"), errorCode: ACCOUNT_DISCONNECTED };
        return { answer: await recordWithoutChanges(deps, entry, event, record, "received") };
      }
      if (event.unstorable) {
        const { path, problem } = event.unstorable;
        const message = `${event.type} ${event.id} holds ${problem} at ${path}, which the database cannot store; kept with it replaced by U+FFFD, so it can be replayed`;
        return { answer: await recordWithoutChanges(deps, entry, event, { status: "FAILED", errorCode: "INVALID_PAYLOAD", message }) };
      }
      const handler = handlerFor(event.type);
      if (!handler) return { answer: await recordWithoutChanges(deps, entry, event, ignored(`Tessera does not act on ${event.type} events`), "received") };
      return { account, entry, handler, cached: cached !== undefined, freshPrices: false };
    },
  };
}

const RECORDED: ReadonlySet<EventAnswer["status"]> = new Set(["PROCESSED", "IGNORED", "FAILED", "DUPLICATE"]);

/** One verified Stripe event: routed to its account, recorded in the inbox once, applied at most once. */
export async function receiveEvent(deps: IngestDeps, event: StripeEvent): Promise<EventAnswer> {
  if (deps.recorded?.has(event)) return duplicate(event, "processed");
  const answer = await runEvent(deps, delivery(deps, event));
  if (RECORDED.has(answer.status)) deps.recorded?.remember(event);
  return answer;
}
