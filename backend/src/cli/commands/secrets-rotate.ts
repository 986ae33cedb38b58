import { Command } from "commander";
import { resealOAuthTokens } from "../../connect/reseal-tokens";
import { openSecretBox } from "../../crypto/open-secret-box";
import { rotateSecrets } from "../../crypto/rotate-secrets";
import { resealEndpointSecrets } from "../../outbound/reseal-endpoint-secrets";
import { SecretBoxError } from "../../crypto/secret-box";
import { resealSigningKeys } from "../../license-api/reseal-signing-keys";
import { CliError } from "../cli-error";
import { withCli } from "../cli-context";

export function secretsRotateCommand() {
  return new Command("rotate")
    .description(
      "Re-seal every stored secret with ENCRYPTION_KEY: run after moving the old key to ENCRYPTION_KEYS_RETIRED and setting a new ENCRYPTION_KEY; afterwards the old key can be dropped",
    )
    .action(() =>
      withCli(async ({ config, db, logger, out }) => {
        const box = openSecretBox(config, logger);
        if (!box) throw new CliError("ENCRYPTION_KEY is not set: there is no key to re-seal with");
        const resealers = { "OAuth tokens": resealOAuthTokens, "Signing keys": resealSigningKeys, "Webhook endpoint secrets": resealEndpointSecrets };
        const counts = await rotateSecrets(db, box, resealers).catch((err: unknown) => {
          if (!(err instanceof SecretBoxError)) throw err;
          throw new CliError(`${err.message}: put the key that sealed it in ENCRYPTION_KEYS_RETIRED and run again`);
        });
        for (const [what, count] of Object.entries(counts)) out(`${what}: ${count} re-sealed`);
      }),
    );
}
