import type { Hook } from "@hono/zod-openapi";
import { ValidationError } from "../errors";

const PART: Record<string, string> = { json: "body", query: "query", param: "path", header: "header" };

/**
 * Turns a failed request validation into the ValidationError every other refusal uses, so the error
 * handler stays the one place that writes error answers. Each issue is named by where it is.
 */
// `any` environment: one hook serves the admin and the dashboard apps, whatever their variables.
export const validationHook: Hook<unknown, any, string, undefined> = (result) => {
  if (result.success) return;
  const part = PART[result.target] ?? result.target;
  const issues = result.error.issues.flatMap((i) => {
    const path = [part, ...i.path.map(String)];
    // A typo in a field name would otherwise be dropped silently; name the field itself.
    if (i.code === "unrecognized_keys") return i.keys.map((key) => ({ path: [...path, key].join("."), message: "is not a known field" }));
    return [{ path: path.join("."), message: i.message }];
  });
  throw new ValidationError(`Invalid request: ${issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`, issues);
};
