import { z } from "zod";

// Shapes shared by every API Tessera serves (admin, dashboard, license API). Plain zod with `.meta()`, so
// the backend documents them in /openapi.json and the Stripe App validates what it receives with them.

export const Timestamp = z.string().meta({ format: "date-time", example: "2026-01-01T00:00:00.000Z" });

/** Every refusal, on every API: a machine-readable code, a sentence, and for 400 each field's problem. */
export const ApiErrorBody = z
  .object({
    error: z.object({
      code: z.string().meta({ example: "not_found" }),
      message: z.string(),
      details: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
    }),
    requestId: z.string().optional(),
  })
  .meta({ id: "Error" });
export type ApiErrorBody = z.infer<typeof ApiErrorBody>;

/** A page of a listing, newest first; pass `nextCursor` back as `cursor` for the next page (null: the end). */
export const pageOf = <T extends z.ZodType>(item: T) => z.object({ data: z.array(item), nextCursor: z.string().nullable() });

export const PAGE_SIZE_DEFAULT = 25;
export const PAGE_SIZE_MAX = 200;

export const PageQuery = z.object({
  cursor: z.string().min(1).optional().meta({ description: "nextCursor of the previous page" }),
  limit: z.coerce.number().int().min(1).max(PAGE_SIZE_MAX).default(PAGE_SIZE_DEFAULT),
});
