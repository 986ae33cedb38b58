import { invalidParam } from "./errors";

type Resolve = (id: string) => object | undefined;

function expandPath(value: unknown, path: readonly string[], resolve: Resolve, full: string): unknown {
  const [head, ...rest] = path;
  if (head === undefined || value === null || typeof value !== "object") return value;
  // Stripe writes list paths with an explicit `data` segment and applies the rest to every element.
  if (Array.isArray(value)) return value.map((element) => expandPath(element, path, resolve, full));
  const record = value as Record<string, unknown>;
  if (!(head in record)) throw invalidParam("expand", `This property cannot be expanded (${full}).`);
  const child = record[head];
  const resolved = typeof child === "string" ? (resolve(child) ?? child) : child;
  return { ...record, [head]: expandPath(resolved, rest, resolve, full) };
}

/** Applies `expand[]` paths copy-on-write: stored objects are frozen and must stay unexpanded. */
export function expand<T>(value: T, paths: readonly string[], resolve: Resolve): T {
  let result: unknown = value;
  for (const path of paths) {
    if (path.split(".").length > 4) throw invalidParam("expand", `You cannot expand more than 4 levels of a property (${path}).`);
    result = expandPath(result, path.split("."), resolve, path);
  }
  return result as T;
}
