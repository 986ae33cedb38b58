import { createPublicKey, verify } from "node:crypto";

export interface LicenseApiAnswer {
  status: number;
  body: any;
  /** The exact bytes received, which the signature covers. */
  text: string;
  headers: Headers;
}

/** Calls the License API (/v1) over HTTP as vendors' software does: JSON bodies, no API key. */
export function licenseApiClient(baseUrl: string, headers: Record<string, string> = {}) {
  const call = async (method: string, path: string, body?: unknown): Promise<LicenseApiAnswer> => {
    const res = await fetch(`${baseUrl}/v1${path}`, {
      method,
      headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
    });
    const text = await res.text();
    return { status: res.status, text, body: text ? JSON.parse(text) : null, headers: res.headers };
  };
  return {
    post: (path: string, body: unknown) => call("POST", path, body),
    get: (path: string) => call("GET", path),
    activate: (body: object) => call("POST", "/licenses/activate", body),
    validate: (body: object) => call("POST", "/licenses/validate", body),
    deactivate: (body: object) => call("POST", "/licenses/deactivate", body),
    heartbeat: (body: object) => call("POST", "/licenses/heartbeat", body),
    consume: (body: object) => call("POST", "/licenses/consume", body),
    checkout: (body: object) => call("POST", "/licenses/checkout", body),
  };
}

/** Whether the Tessera-Signature header verifies the exact body with one of the published keys. */
export function signatureVerifies(answer: LicenseApiAnswer, keys: { keyId: string; publicKey: string }[]): boolean {
  const header = answer.headers.get("tessera-signature");
  const match = header?.match(/keyid="([^"]+)", algorithm="ed25519", signature="([^"]+)"/);
  if (!match) return false;
  const key = keys.find((k) => k.keyId === match[1]);
  if (!key) return false;
  const publicKey = createPublicKey({ key: Buffer.from(key.publicKey, "base64"), format: "der", type: "spki" });
  return verify(null, Buffer.from(answer.text), publicKey, Buffer.from(match[2]!, "base64"));
}
