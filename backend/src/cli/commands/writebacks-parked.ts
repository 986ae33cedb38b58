import { Command } from "commander";
import { findAccount } from "../../accounts/find-account";
import { listParkedWritebacks } from "../../jobs/parked-writebacks";
import { withCli } from "../cli-context";
import { table } from "../table";
import { ACCOUNT_OPTION } from "./options";

export function writebacksParkedCommand() {
  return new Command("parked")
    .description("List license-key write-backs to Stripe that were parked, with Stripe's last answer")
    .requiredOption(...ACCOUNT_OPTION)
    .action((opts: { account: string }) =>
      withCli(async ({ db, out, note }) => {
        const account = await findAccount(db, opts.account);
        const parked = await listParkedWritebacks(db, account.id);
        if (parked.length === 0) {
          note("No parked write-backs.");
          return;
        }
        const rows = parked.map((w) => [w.id, w.objectType, w.objectId, String(w.attempts), w.parkedAt.toISOString(), w.lastError ?? "-"]);
        for (const line of table([["ID", "OBJECT", "STRIPE ID", "ATTEMPTS", "PARKED", "LAST ERROR"], ...rows])) out(line);
        note("Fix the cause, then: tessera writebacks retry <id> (or --all)");
      }),
    );
}
