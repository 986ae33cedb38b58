import { invalidParam } from "./errors";
import type { FormObject } from "./form";

export interface ListPage<T> {
  object: "list";
  data: T[];
  has_more: boolean;
  url: string;
}

function intParam(params: FormObject, name: string, fallback: number): number {
  const raw = params[name];
  if (raw === undefined) return fallback;
  const value = typeof raw === "string" && /^\d+$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(value) || value < 1 || value > 100) {
    throw invalidParam(name, `Invalid integer: ${String(raw)}; ${name} must be between 1 and 100.`);
  }
  return value;
}

function cursorIndex<T extends { id: string }>(items: readonly T[], params: FormObject, name: string): number | undefined {
  const cursor = params[name];
  if (cursor === undefined) return undefined;
  const index = typeof cursor === "string" ? items.findIndex((item) => item.id === cursor) : -1;
  if (index < 0) throw invalidParam(name, `Invalid ${name}: no object with id '${String(cursor)}' in this list.`);
  return index;
}

/** Cursor pagination as Stripe does it (newest-first order is the caller's job), so the SDK's auto-pagination works. */
export function paginate<T extends { id: string }>(items: readonly T[], url: string, params: FormObject): ListPage<T> {
  const limit = intParam(params, "limit", 10);
  const after = cursorIndex(items, params, "starting_after");
  const before = cursorIndex(items, params, "ending_before");
  if (before !== undefined) {
    const start = Math.max(0, before - limit);
    return { object: "list", data: items.slice(start, before), has_more: start > 0, url };
  }
  const start = after === undefined ? 0 : after + 1;
  return { object: "list", data: items.slice(start, start + limit), has_more: start + limit < items.length, url };
}
