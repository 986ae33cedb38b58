import { Command } from "commander";
import { PAGE_SIZE_MAX } from "@tessera/shared";
import { findAccount } from "../../accounts/find-account";
import { deliveryPage } from "../../outbound/webhook-endpoints";
import { withCli } from "../cli-context";
import { table } from "../table";
import { ACCOUNT_OPTION } from "./options";

export function webhooksDeliveriesCommand() {
  return new Command("deliveries")
    .description("List an endpoint's deliveries, newest first, with their status and last answer")
    .argument("<endpoint>", "an endpoint (from `tessera webhooks list`)")
    .requiredOption(...ACCOUNT_OPTION)
    .option("--limit <n>", `show at most n deliveries (up to ${PAGE_SIZE_MAX})`, "50")
    .action((endpointId: string, opts: { account: string; limit: string }) =>
      withCli(async ({ db, out, note }) => {
        const account = await findAccount(db, opts.account);
        const limit = Number(opts.limit);
        const page = await deliveryPage(db, account.id, endpointId, { limit: Number.isInteger(limit) && limit > 0 ? Math.min(limit, PAGE_SIZE_MAX) : 50 });
        if (page.data.length === 0) {
          note("No deliveries yet.");
          return;
        }
        const rows = page.data.map((d) => [
          d.id,
          d.eventType,
          d.status,
          String(d.attempts),
          d.lastStatusCode === null ? "-" : String(d.lastStatusCode),
          d.createdAt,
          d.nextAttemptAt ?? "-",
          d.lastError ?? "",
        ]);
        for (const line of table([["ID", "TYPE", "STATUS", "ATTEMPTS", "LAST STATUS", "CREATED", "NEXT ATTEMPT", "LAST ERROR"], ...rows])) out(line);
        note("Send one again with: tessera webhooks resend <id>");
      }),
    );
}
