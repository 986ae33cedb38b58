// PostgreSQL's text and jsonb cannot hold a NUL character, nor half of a UTF-16 surrogate pair (JSON can
// spell both as \u escapes). Input carrying them is refused, or kept with them replaced, before it reaches
// a statement that would fail on it.

const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, "g");
// The escapes JSON text needs to carry such characters; text without them cannot contain any.
const MAY_HOLD = /\\u(0000|[dD][89a-fA-F])/;

export interface UnstorableText {
  /** Where, as dotted keys and indexes: `data.object.metadata.note`. */
  path: string;
  problem: "a NUL character" | "half of a UTF-16 surrogate pair";
}

/** A cheap look at JSON text: whether it may spell a character PostgreSQL cannot store. */
export const mayHoldUnstorable = (json: string) => MAY_HOLD.test(json);

function problemIn(text: string): UnstorableText["problem"] | null {
  const found = UNSTORABLE.exec(text);
  if (!found) return null;
  return found[0] === "\u0000" ? "a NUL character" : "half of a UTF-16 surrogate pair";
}

/** The first string, or key, in `value` that PostgreSQL cannot store; null when every one can. */
export function findUnstorableText(value: unknown, root = ""): UnstorableText | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === "string") {
      const problem = problemIn(v);
      if (problem) return { path: path || "(value)", problem };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}.${i}`]);
    } else if (v && typeof v === "object") {
      for (const [k, child] of Object.entries(v)) {
        const at = path ? `${path}.${k}` : k;
        const problem = problemIn(k);
        if (problem) return { path: at, problem };
        stack.push([child, at]);
      }
    }
  }
  return null;
}

/** The value with every such character replaced by U+FFFD, so it can be kept as the evidence of what came. */
export function replaceUnstorable(value: unknown): unknown {
  if (typeof value === "string") return value.replace(UNSTORABLE_ALL, "\uFFFD");
  if (Array.isArray(value)) return value.map(replaceUnstorable);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.replace(UNSTORABLE_ALL, "\uFFFD"), replaceUnstorable(v)]));
  }
  return value;
}

/** Whether objects and arrays nest deeper than `limit` levels (counted without recursion). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [v, depth] = stack.pop()!;
    if (!v || typeof v !== "object") continue;
    if (depth + 1 > limit) return true;
    for (const child of Array.isArray(v) ? v : Object.values(v)) if (child && typeof child === "object") stack.push([child, depth + 1]);
  }
  return false;
}
