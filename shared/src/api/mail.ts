import { z } from "zod";
import { Timestamp } from "./common";

/**
 * What a license mail template may name, as `{{name}}`. The first three are of each license: a body line
 * naming one is written once per license of the purchase; in the subject they list every license's value.
 */
export const MAIL_LICENSE_PLACEHOLDERS = ["license_key", "product", "expires_at"] as const;
export const MAIL_PURCHASE_PLACEHOLDERS = ["customer_name", "customer_email", "license_count"] as const;
export const MAIL_PLACEHOLDERS = [...MAIL_LICENSE_PLACEHOLDERS, ...MAIL_PURCHASE_PLACEHOLDERS] as const;
export type MailPlaceholder = (typeof MAIL_PLACEHOLDERS)[number];

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

/** The names between `{{` and `}}` in a template text, in order, each once. */
export function placeholdersIn(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))];
}

/** Replaces each `{{name}}` with what `value` gives for it. */
export function fillPlaceholders(text: string, value: (name: string) => string): string {
  return text.replace(PLACEHOLDER, (_, name: string) => value(name));
}

const known = new Set<string>(MAIL_PLACEHOLDERS);

const templateText = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    .superRefine((text, ctx) => {
      const unknown = placeholdersIn(text).filter((name) => !known.has(name));
      if (unknown.length > 0) {
        ctx.addIssue({
          code: "custom",
          message: `names unknown placeholder(s) ${unknown.map((n) => `{{${n}}}`).join(", ")}; known: ${MAIL_PLACEHOLDERS.map((n) => `{{${n}}}`).join(", ")}`,
        });
      }
    });

/** The vendor's license mail: subject and plain-text body with placeholders. */
export const MailTemplateInput = z
  .object({
    subject: templateText(300).refine((s) => !/[\r\n]/.test(s), "must be one line").meta({ example: "Your license for {{product}}" }),
    body: templateText(20_000).meta({
      example: "Hello {{customer_name}},\n\nthank you for your purchase. Your license key(s):\n{{product}}: {{license_key}} (valid until {{expires_at}})\n",
    }),
    enabled: z.boolean().default(true).meta({ description: "false keeps the template but mails nothing" }),
  })
  .meta({ id: "MailTemplateInput" });
export type MailTemplateInput = z.infer<typeof MailTemplateInput>;

export const MailTemplate = z
  .object({
    subject: z.string(),
    body: z.string(),
    enabled: z.boolean(),
    placeholders: z.array(z.enum(MAIL_PLACEHOLDERS)).meta({ description: "Every placeholder a template may name" }),
    updatedAt: Timestamp,
  })
  .meta({ id: "MailTemplate" });
export type MailTemplate = z.infer<typeof MailTemplate>;

export const MAIL_STATUSES = ["PENDING", "SENT", "FAILED"] as const;

/** A license mail: queued with new licenses, sent by a worker, retried, or given up with the reason. */
export const MailMessage = z
  .object({
    id: z.string(),
    to: z.string(),
    purchase: z.string().meta({ description: "The invoice, checkout session or subscription the licenses were sold with", example: "in_123" }),
    licenseIds: z.array(z.string()),
    status: z.enum(MAIL_STATUSES),
    attempts: z.int(),
    lastError: z.string().nullable().meta({ description: "Why the last attempt did not send it (the SMTP server's answer)" }),
    nextAttemptAt: Timestamp.nullable().meta({ description: "When a pending mail is tried next" }),
    subject: z.string().nullable().meta({ description: "As sent; null until then" }),
    sentAt: Timestamp.nullable(),
    createdAt: Timestamp,
  })
  .meta({ id: "MailMessage" });
export type MailMessage = z.infer<typeof MailMessage>;

export const MailMessageQuery = z.object({
  status: z.enum(MAIL_STATUSES).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type MailMessageQuery = z.infer<typeof MailMessageQuery>;
