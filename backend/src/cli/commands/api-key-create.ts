import { Command } from "commander";
import { findAccount } from "../../accounts/find-account";
import { createApiKey } from "../../api-keys/api-key-store";
import { withCli } from "../cli-context";
import { ACCOUNT_OPTION } from "./options";

export function apiKeyCreateCommand() {
  return new Command("create")
    .description("Create an admin API key; the key is printed once, on stdout")
    .requiredOption(...ACCOUNT_OPTION)
    .requiredOption("--name <name>", "what the key is for, e.g. ci or billing-team")
    .action((opts: { account: string; name: string }) =>
      withCli(async ({ db, out, note }) => {
        const account = await findAccount(db, opts.account);
        const key = await createApiKey(db, account.id, opts.name);
        out(key.token);
        note(`Created API key "${key.name}" (prefix ${key.prefix}) for account ${account.id}.`);
        note("This is the only time the key is shown; store it now. Send it as: Authorization: Bearer <key>");
      }),
    );
}
