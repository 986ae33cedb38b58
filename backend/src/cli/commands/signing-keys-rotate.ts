import { Command, InvalidArgumentError } from "commander";
import { findAccount } from "../../accounts/find-account";
import { openSecretBox } from "../../crypto/open-secret-box";
import { SigningKeys } from "../../license-api/signing-keys";
import { CliError } from "../cli-error";
import { withCli } from "../cli-context";
import { ACCOUNT_OPTION } from "./options";

const days = (text: string) => {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 0 || n > 365) throw new InvalidArgumentError("must be a whole number of days from 0 to 365");
  return n;
};

export function signingKeysRotateCommand() {
  return new Command("rotate")
    .description(
      "Give the account a new Ed25519 key for signing License API answers; the previous key stays published (GET /v1/accounts/{id}/public-key) and verifying for the overlap, so software can fetch the new one",
    )
    .requiredOption(...ACCOUNT_OPTION)
    .option("--overlap-days <days>", "how long the previous key keeps verifying", days, 30)
    .action((opts: { account: string; overlapDays: number }) =>
      withCli(async ({ config, db, logger, out, note }) => {
        const box = openSecretBox(config, logger);
        if (!box) throw new CliError("ENCRYPTION_KEY is not set: signing keys are stored sealed with it");
        const account = await findAccount(db, opts.account);
        const key = await new SigningKeys(db, box).rotate(account.id, opts.overlapDays * 86_400_000);
        out(key.keyId);
        note(`New signing key ${key.keyId} for account ${account.id}; the previous one verifies for ${opts.overlapDays} more days.`);
      }),
    );
}
