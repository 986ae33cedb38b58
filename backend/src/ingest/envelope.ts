import { z } from "zod";
import { ValidationError } from "../errors";
import { LicensingFailure } from "../licensing/failures";
import { findUnstorableText, mayHoldUnstorable, nestsDeeperThan, replaceUnstorable, type UnstorableText } from "../unstorable-text";

// Stripe's objects nest a few levels; an event nesting deeper than this is not one (PostgreSQL's jsonb would
// refuse it too, deeper still).
const MAX_DEPTH = 64;
// The last second a Stripe timestamp can name (9999-12-31): anything later cannot be a date at all.
const MAX_CREATED = 253_402_300_799;

// A check, not a copy: handlers parse the fields they need from it, and a record schema would rebuild
// every event's whole object first.
const jsonObject = z.custom<Record<string, unknown>>(
  (v) => typeof v === "object" && v !== null && !Array.isArray(v),
  "Invalid input: expected object",
);

const envelopeSchema = z.object({
  id: z.string().min(1),
  object: z.literal("event"),
  type: z.string().min(1),
  created: z.number().int().positive().max(MAX_CREATED, "is not a date Stripe could send"),
  livemode: z.boolean(),
  account: z.string().startsWith("acct_").optional(),
  data: z.object({
    object: jsonObject,
    previous_attributes: jsonObject.optional(),
  }),
});

export interface StripeEvent {
  id: string;
  type: string;
  created: Date;
  livemode: boolean;
  account?: string;
  object: Record<string, unknown>;
  previousAttributes?: Record<string, unknown>;
  /**
   * The event as JSON text: the inbox stores it as received, so it keeps what a replay needs. When the
   * payload held text PostgreSQL cannot store, that text is replaced (U+FFFD) here and `unstorable` says where.
   */
  body: string;
  unstorable?: UnstorableText;
}

/** The event envelope, from its JSON and that JSON's text; a signed body that is not even an event is refused with 400. */
export function parseEnvelope(json: unknown, body: string): StripeEvent {
  if (nestsDeeperThan(json, MAX_DEPTH)) {
    throw new ValidationError(`Not a Stripe event: the body nests more than ${MAX_DEPTH} levels deep, which no Stripe object does`);
  }
  const parsed = envelopeSchema.safeParse(json);
  if (!parsed.success) {
    throw new ValidationError(`Not a Stripe event: ${z.prettifyError(parsed.error).replaceAll("\n", "; ")}`);
  }
  const unstorable = mayHoldUnstorable(body) ? findUnstorableText(json) : null;
  if (unstorable && !unstorable.path.startsWith("data.")) {
    throw new ValidationError(`Not a Stripe event: ${unstorable.path} holds ${unstorable.problem}`);
  }
  const e = parsed.data;
  if (unstorable) {
    const kept = replaceUnstorable(json) as { data: { object: Record<string, unknown> } };
    return { ...envelopeOf(e), object: kept.data.object, body: JSON.stringify(kept), unstorable };
  }
  return {
    ...envelopeOf(e),
    object: e.data.object,
    ...(e.data.previous_attributes ? { previousAttributes: e.data.previous_attributes } : {}),
    body,
  };
}

function envelopeOf(e: z.infer<typeof envelopeSchema>) {
  return {
    id: e.id,
    type: e.type,
    created: new Date(e.created * 1000),
    livemode: e.livemode,
    ...(e.account ? { account: e.account } : {}),
  };
}

/**
 * Reads the fields a handler needs from `data.object`. A genuine event of another shape is recorded as
 * failed with the exact field, not retried: Stripe would send the same shape again.
 */
export function parseObject<T extends z.ZodType>(schema: T, event: StripeEvent): z.infer<T> {
  const parsed = schema.safeParse(event.object);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(object)"}: ${i.message}`).join("; ");
    throw new LicensingFailure("INVALID_PAYLOAD", `${event.type} ${event.id} has an unexpected shape: ${issues}`);
  }
  return parsed.data;
}
