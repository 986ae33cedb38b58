import { Command } from "commander";
import { findAccount } from "../../accounts/find-account";
import { listWebhookEndpoints } from "../../outbound/webhook-endpoints";
import { withCli } from "../cli-context";
import { table } from "../table";
import { ACCOUNT_OPTION } from "./options";

export function webhooksListCommand() {
  return new Command("list")
    .description("List the account's outbound webhook endpoints")
    .requiredOption(...ACCOUNT_OPTION)
    .action((opts: { account: string }) =>
      withCli(async ({ db, out, note }) => {
        const account = await findAccount(db, opts.account);
        const { data } = await listWebhookEndpoints(db, account.id);
        if (data.length === 0) {
          note("No webhook endpoints. Add one with: tessera webhooks add --account <account> <url>");
          return;
        }
        const rows = data.map((e) => [e.id, e.enabled ? "enabled" : "disabled", e.eventTypes.length > 0 ? e.eventTypes.join(",") : "all", e.url, e.description ?? ""]);
        for (const line of table([["ID", "STATUS", "EVENTS", "URL", "DESCRIPTION"], ...rows])) out(line);
      }),
    );
}
