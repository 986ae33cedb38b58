import { z } from "@hono/zod-openapi";
import { findUnstorableText } from "../../../unstorable-text";

const ErrorSchema = z
  .object({
    error: z.object({
      code: z.string().openapi({ example: "not_found" }),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
    requestId: z.string(),
  })
  .openapi("Error");

const ERRORS = {
  400: "The request is invalid; `details` names each problem",
  401: "No API key, or one that is malformed, unknown or revoked",
  404: "Not found in the API key's account",
  409: "Conflicts with the current state",
  503: "A dependency (Stripe) is unavailable; retry later",
} as const;

/** The error answers a route can give, all in the one error shape. */
export function errorResponses<S extends keyof typeof ERRORS>(...statuses: S[]) {
  return Object.fromEntries(
    statuses.map((s) => [s, { description: ERRORS[s] as string, content: { "application/json": { schema: ErrorSchema } } }]),
  ) as Record<S, { description: string; content: { "application/json": { schema: typeof ErrorSchema } } }>;
}

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { "application/json": { schema } },
});

export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  required: true,
  content: { "application/json": { schema } },
});

export const listOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item) });

export const timestamp = z.string().openapi({ format: "date-time", example: "2026-01-01T00:00:00.000Z" });
export const iso = (d: Date): string => d.toISOString();
export const isoOrNull = (d: Date | null): string | null => (d ? d.toISOString() : null);

export const pathParam = (name: string, example: string) =>
  z
    .string()
    .min(1)
    .refine((v) => findUnstorableText(v) === null, "holds a character that cannot be stored (NUL, or half a surrogate pair)")
    .openapi({ param: { name, in: "path" }, example });
