import { Hono } from "hono";
import { PayloadTooLargeError } from "../../../errors";
import { parseEnvelope } from "../../../ingest/envelope";
import { receiveEvent } from "../../../ingest/receive-event";
import type { IngestDeps } from "../../../ingest/run-event";
import { verifyWebhook } from "../../../stripe/verify-webhook";
import type { AppEnv } from "../../app-env";
import { bodyLimit } from "../../middleware/body-limit";

/**
 * `POST /webhooks/stripe`: verify the signature on the raw body, then hand the event to the engine.
 * Everything but a bad request or a transient failure is answered 200, so Stripe stops retrying.
 */
export function stripeWebhookRoute(deps: IngestDeps & { webhookSecrets: string[]; maxBytes: number }) {
  return new Hono<AppEnv>().post(
    "/webhooks/stripe",
    bodyLimit({
      maxSize: deps.maxBytes,
      onError: () => {
        throw new PayloadTooLargeError(`Webhook bodies are limited to ${deps.maxBytes} bytes`);
      },
    }),
    async (c) => {
      const raw = await c.req.text();
      const event = parseEnvelope(verifyWebhook(raw, c.req.header("stripe-signature"), deps.webhookSecrets), raw);
      const answer = await receiveEvent(deps, event);
      c.get("log").info({ eventId: event.id, type: event.type, ...answer }, "stripe event");
      return c.json({ received: true, eventId: event.id, ...answer }, 200);
    },
  );
}
