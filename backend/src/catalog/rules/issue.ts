import { ValidationError } from "../../errors";

export type IssuePath = (string | number)[];

/** One reason a catalog entry is refused; `message` completes a sentence about the value at `path`. */
export interface Issue {
  path: IssuePath;
  message: string;
}

export const under = (prefix: IssuePath, issues: Issue[]): Issue[] =>
  issues.map((i) => ({ path: [...prefix, ...i.path], message: i.message }));

/** `features.1.code`: the path as the admin API's JSON bodies name it. */
const dottedPath = (path: IssuePath): string => path.join(".");

export function throwIfInvalid(what: string, issues: Issue[]): void {
  if (issues.length === 0) return;
  const listed = issues.map((i) => (i.path.length > 0 ? `${dottedPath(i.path)}: ${i.message}` : i.message)).join("; ");
  throw new ValidationError(
    `${what}: ${listed}`,
    issues.map((i) => ({ path: dottedPath(i.path), message: i.message })),
  );
}
