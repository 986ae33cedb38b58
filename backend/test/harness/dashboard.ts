import Stripe from "stripe";

/** The Stripe App's signing secret in tests. */
export const TEST_APP_SECRET = "absec_tesseratestappsecret";

export interface DashboardIdentity {
  user_id: string;
  account_id: string;
  mode: "test" | "live";
}

export interface DashboardAnswer {
  status: number;
  body: any;
  headers: Headers;
}

/** What Stripe's fetchStripeSignature() gives a view: a signature over exactly {user_id, account_id}. */
export function appSignature(identity: Pick<DashboardIdentity, "user_id" | "account_id">, secret = TEST_APP_SECRET, timestamp?: number): string {
  const payload = JSON.stringify({ user_id: identity.user_id, account_id: identity.account_id });
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, ...(timestamp ? { timestamp } : {}) });
}

/**
 * Calls the dashboard API as the Stripe App does: identity in the query of a GET, in the JSON body of
 * anything else, and the signature header. `signature` overrides the header (undefined: none).
 */
export function dashboardClient(baseUrl: string, identity: DashboardIdentity, opts: { signature?: () => string | undefined } = {}) {
  const signature = opts.signature ?? (() => appSignature(identity));
  const request = async (method: string, path: string, input: Record<string, unknown> = {}): Promise<DashboardAnswer> => {
    const url = new URL(baseUrl + path);
    const headers: Record<string, string> = {};
    const sig = signature();
    if (sig !== undefined) headers["Stripe-Signature"] = sig;
    let body: string | undefined;
    if (method === "GET") {
      for (const [k, v] of Object.entries({ ...input, ...identity })) if (v !== undefined) url.searchParams.set(k, String(v));
    } else {
      headers["Content-Type"] = "application/json";
      body = JSON.stringify({ ...input, ...identity });
    }
    const res = await fetch(url, { method, headers, ...(body !== undefined ? { body } : {}) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null, headers: res.headers };
  };
  return {
    get: (path: string, query?: Record<string, unknown>) => request("GET", path, query),
    post: (path: string, body?: Record<string, unknown>) => request("POST", path, body),
    patch: (path: string, body: Record<string, unknown>) => request("PATCH", path, body),
    request,
  };
}

export type DashboardClient = ReturnType<typeof dashboardClient>;
