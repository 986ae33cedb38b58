import { resealed, type Resealer } from "../crypto/rotate-secrets";
import { endpointSecrets, resealEndpointSecret } from "../db/webhook-endpoint-store";
import { endpointSecretContext } from "./endpoint-secret";

/** Every outbound endpoint's signing secret sealed with the current key. */
export const resealEndpointSecrets: Resealer = async (db, box) => {
  let count = 0;
  for (const endpoint of await endpointSecrets(db)) {
    const next = resealed(box, endpoint.secretEnc, endpointSecretContext(endpoint.id));
    if (next === endpoint.secretEnc) continue;
    await resealEndpointSecret(db, endpoint.id, next);
    count++;
  }
  return count;
};
