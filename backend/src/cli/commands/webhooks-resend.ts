import { Command } from "commander";
import { findAccount } from "../../accounts/find-account";
import { resendDelivery } from "../../outbound/webhook-endpoints";
import { withCli } from "../cli-context";
import { ACCOUNT_OPTION } from "./options";

export function webhooksResendCommand() {
  return new Command("resend")
    .description("Send a delivery again with the same webhook-id: the server's worker sends it on its next run")
    .argument("<id>", "a delivery (from `tessera webhooks deliveries`)")
    .requiredOption(...ACCOUNT_OPTION)
    .action((id: string, opts: { account: string }) =>
      withCli(async ({ db, out }) => {
        const account = await findAccount(db, opts.account);
        const delivery = await resendDelivery(db, account.id, id);
        out(`${delivery.id} ${delivery.status}, due now`);
      }),
    );
}
