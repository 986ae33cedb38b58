import { Command } from "commander";
import { findAccount } from "../../accounts/find-account";
import { retryParkedWritebacks } from "../../jobs/parked-writebacks";
import { CliError } from "../cli-error";
import { withCli } from "../cli-context";
import { ACCOUNT_OPTION } from "./options";

export function writebacksRetryCommand() {
  return new Command("retry")
    .description("Send parked write-backs again: the server's worker writes them on its next run")
    .argument("[id]", "a parked write-back (from `tessera writebacks parked`)")
    .requiredOption(...ACCOUNT_OPTION)
    .option("--all", "every parked write-back of the account")
    .action((id: string | undefined, opts: { account: string; all?: boolean }) =>
      withCli(async ({ db, out }) => {
        if (Boolean(id) === Boolean(opts.all)) throw new CliError("Name one write-back to retry, or pass --all (not both)");
        const account = await findAccount(db, opts.account);
        const retried = await retryParkedWritebacks(db, account.id, id);
        out(`${retried} write-back(s) due again`);
      }),
    );
}
