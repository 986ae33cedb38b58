import { Command } from "commander";
import { findAccount } from "../../accounts/find-account";
import { listApiKeys } from "../../api-keys/api-key-store";
import { withCli } from "../cli-context";
import { table } from "../table";
import { ACCOUNT_OPTION } from "./options";

const when = (d: Date | null) => (d ? d.toISOString() : "-");

export function apiKeyListCommand() {
  return new Command("list")
    .description("List an account's admin API keys by prefix (the secrets are never stored)")
    .requiredOption(...ACCOUNT_OPTION)
    .action((opts: { account: string }) =>
      withCli(async ({ db, out, note }) => {
        const account = await findAccount(db, opts.account);
        const keys = await listApiKeys(db, account.id);
        if (keys.length === 0) {
          note(`Account ${account.id} has no API keys; create one with \`tessera api-key create\`.`);
          return;
        }
        const rows = keys.map((k) => [k.prefix, k.name, when(k.createdAt), when(k.lastUsedAt), when(k.revokedAt)]);
        for (const line of table([["PREFIX", "NAME", "CREATED", "LAST USED", "REVOKED"], ...rows])) out(line);
      }),
    );
}
