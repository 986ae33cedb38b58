import { Command } from "commander";
import { findAccount } from "../../accounts/find-account";
import { replayAllFailed, replayFailedEvent, type ReplayResult } from "../../ingest/failed-events";
import { StripeAccess } from "../../stripe/stripe-access";
import { withCli } from "../cli-context";
import { CliError } from "../cli-error";
import { ACCOUNT_OPTION } from "./options";

const line = (r: ReplayResult) => `${r.stripeEventId} ${r.type}: ${r.status}${r.errorCode ? ` ${r.errorCode}` : ""}: ${r.message}`;

export function eventsReplayCommand() {
  return new Command("replay")
    .description("Run failed Stripe events again, after fixing the price metadata or the catalog")
    .argument("[id]", "the event: its id from `tessera events failed`, or its Stripe id (evt_…)")
    .option("--all", "replay every failed event of the account, oldest first")
    .requiredOption(...ACCOUNT_OPTION)
    .action((id: string | undefined, opts: { account: string; all?: boolean }) => {
      if (Boolean(id) === Boolean(opts.all)) throw new CliError("Name one event to replay, or pass --all (not both)");
      return withCli(async ({ config, db, out, note }) => {
        const account = await findAccount(db, opts.account);
        const deps = { db, stripeAccess: new StripeAccess(config) };
        const results = id ? [await replayFailedEvent(deps, account.id, id)] : await replayAllFailed(deps, account.id);
        if (results.length === 0) {
          note("No failed events.");
          return;
        }
        for (const r of results) out(line(r));
        const failed = results.filter((r) => r.status === "FAILED" || r.status === "ERROR").length;
        if (failed > 0) throw new CliError(`${failed} of ${results.length} event${results.length === 1 ? "" : "s"} still failed`);
        note("Keys of new licenses reach Stripe's metadata with the server's next write-back sweep.");
      });
    });
}
