import { Command } from "commander";
import { findAccount } from "../../accounts/find-account";
import { listRecordedEvents } from "../../ingest/failed-events";
import { withCli } from "../cli-context";
import { table } from "../table";
import { ACCOUNT_OPTION } from "./options";

export function eventsFailedCommand() {
  return new Command("failed")
    .description("List the Stripe events that failed (newest first), with the reason")
    .requiredOption(...ACCOUNT_OPTION)
    .option("--limit <n>", "show at most n events", "100")
    .action((opts: { account: string; limit: string }) =>
      withCli(async ({ db, out, note }) => {
        const account = await findAccount(db, opts.account);
        const limit = Number(opts.limit);
        const events = await listRecordedEvents({ db }, account.id, "FAILED", Number.isInteger(limit) && limit > 0 ? limit : 100);
        if (events.length === 0) {
          note("No failed events.");
          return;
        }
        const rows = events.map((e) => [e.id, e.stripeEventId, e.type, e.errorCode ?? "-", e.receivedAt.toISOString(), String(e.replayCount), e.outcome]);
        for (const line of table([["ID", "STRIPE EVENT", "TYPE", "ERROR", "RECEIVED", "REPLAYS", "REASON"], ...rows])) out(line);
        note("Fix the price metadata or the catalog, then: tessera events replay <id> (or --all)");
      }),
    );
}
