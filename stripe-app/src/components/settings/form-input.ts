import { DashboardError } from "../../api-error";

export interface FieldProblem {
  path: string;
  message: string;
}

interface Checkable<T> {
  safeParse(data: unknown): { success: true; data: T } | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/**
 * Checks a form's input against the contract's schema before sending it, so the vendor sees each field's
 * problem at once; the backend's 400 answers carry the same shape of problems.
 */
export function checked<T>(schema: Checkable<T>, input: unknown): T {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => ({ path: issue.path.map(String).join("."), message: issue.message }));
  throw new DashboardError("invalid", "Some fields need fixing.", { details });
}

/** The problem of one field from a failed save, or undefined. */
export function problemOf(error: unknown, path: string): string | undefined {
  if (!(error instanceof DashboardError)) return undefined;
  return error.details.find((d) => d.path === path || d.path.startsWith(`${path}.`))?.message;
}

/** `left<sep>right` lines, blank lines skipped; a line without the separator has an empty right side. */
export function parseLines(text: string, separator: string): [string, string][] {
  return text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => line !== "")
    .map((line) => {
      const at = line.indexOf(separator);
      return at < 0 ? [line, ""] : [line.slice(0, at).trim(), line.slice(at + separator.length).trim()];
    });
}

export function formatLines(pairs: [string, string][], separator: string): string {
  return pairs.map(([left, right]) => `${left}${separator}${right}`).join("\n");
}

/** A comma-separated list, e.g. feature codes. */
export function parseList(text: string): string[] {
  return text
    .split(",")
    .map((item) => item.trim())
    .filter((item) => item !== "");
}
