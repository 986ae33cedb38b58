import type { Db } from "../../src/db/client";

export interface AdminAnswer {
  status: number;
  body: any;
}

export interface AdminClient {
  get(path: string): Promise<AdminAnswer>;
  post(path: string, body?: unknown): Promise<AdminAnswer>;
  patch(path: string, body: unknown): Promise<AdminAnswer>;
  delete(path: string): Promise<AdminAnswer>;
  request(method: string, path: string, body?: unknown): Promise<AdminAnswer>;
}

/** Calls the admin API over HTTP with `Authorization: Bearer <token>`, or without the header. */
export function adminClient(baseUrl: string, token?: string): AdminClient {
  const request = async (method: string, path: string, body?: unknown): Promise<AdminAnswer> => {
    const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
    if (body !== undefined) headers["content-type"] = "application/json";
    const res = await fetch(`${baseUrl}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
  return {
    get: (path) => request("GET", path),
    post: (path, body) => request("POST", path, body),
    patch: (path, body) => request("PATCH", path, body),
    delete: (path) => request("DELETE", path),
    request,
  };
}

/** A second tenant: a connected vendor account, whose data the first account's key must never reach. */
export async function createOtherAccount(db: Db, name: string): Promise<string> {
  const account = await db.account.create({ data: { kind: "CONNECTED", stripeAccountId: `acct_${name}`, livemode: false, displayName: name } });
  return account.id;
}
