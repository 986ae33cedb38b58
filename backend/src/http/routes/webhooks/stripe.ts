import { Hono } from "hono";
import { PayloadTooLargeError } from "../../../errors";
import { parseEnvelope } from "../../../ingest/envelope";
import { receiveEvent } from "../../../ingest/receive-event";
import type { IngestDeps } from "../../../ingest/run-event";
import type { Metrics } from "../../../observability/metrics";
import { verifyWebhook } from "../../../stripe/verify-webhook";
import type { AppEnv } from "../../app-env";
import { bodyLimit } from "../../middleware/body-limit";

/**
 * `POST /webhooks/stripe`: verify the signature on the raw body, then hand the event to the engine.
 * Everything but a bad request or a transient failure is answered 200, so Stripe stops retrying.
 */
export function stripeWebhookRoute(deps: IngestDeps & { webhookSecrets: string[]; maxBytes: number; metrics?: Metrics }) {
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
      const started = performance.now();
      const answer = await receiveEvent(deps, event).catch((err: unknown) => {
        deps.metrics?.webhookEvents.inc({ type: event.type, outcome: "error" });
        throw err;
      });
      deps.metrics?.webhookEvents.inc({ type: event.type, outcome: answer.status });
      deps.metrics?.webhookSeconds.observe({ outcome: answer.status }, (performance.now() - started) / 1000);
      c.get("log").info({ eventId: event.id, type: event.type, ...answer }, "stripe event");
      return c.json({ received: true, eventId: event.id, ...answer }, 200);
    },
  );
}
