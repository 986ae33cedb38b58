import { randomBytes } from "node:crypto";
import type { SecretBox } from "../crypto/secret-box";

// Each endpoint signs with a secret of its own (Standard Webhooks: "whsec_" and base64 of random bytes).
// Tessera must sign with it on every attempt, so it is stored sealed, bound to its endpoint.

const SECRET_BYTES = 32;

export const newEndpointSecret = (): string => `whsec_${randomBytes(SECRET_BYTES).toString("base64")}`;

/** A sealed secret copied to another endpoint's row does not open there. */
export const endpointSecretContext = (endpointId: string) => `webhook-endpoint:${endpointId}:signing_secret`;

export const sealEndpointSecret = (box: SecretBox, endpointId: string, secret: string) => box.seal(secret, endpointSecretContext(endpointId));

export const openEndpointSecret = (box: SecretBox, endpointId: string, sealed: string) => box.open(sealed, endpointSecretContext(endpointId));
