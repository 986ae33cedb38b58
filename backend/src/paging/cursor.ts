import { ValidationError } from "../errors";

// Cursors are opaque to callers: the position of a page's last row, as base64url JSON.

export function encodeCursor(position: readonly (string | number)[]): string {
  return Buffer.from(JSON.stringify(position)).toString("base64url");
}

/** The position a cursor holds, read by `read` (null when its parts are not what this listing gave). */
export function decodeCursor<T>(cursor: string, read: (parts: unknown[]) => T | null): T {
  let position: T | null = null;
  try {
    const parts: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(parts)) position = read(parts);
  } catch {
    position = null;
  }
  if (position === null) {
    throw new ValidationError("cursor is not one this API gave: pass nextCursor of the previous page unchanged", [
      { path: "cursor", message: "not a cursor of this listing" },
    ]);
  }
  return position;
}

/** A timestamp part of a cursor, or null. */
export function dateOf(part: unknown): Date | null {
  if (typeof part !== "string") return null;
  const date = new Date(part);
  return Number.isNaN(date.getTime()) ? null : date;
}
