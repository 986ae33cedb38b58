import { Command } from "commander";
import { findAccount } from "../../accounts/find-account";
import { openSecretBox } from "../../crypto/open-secret-box";
import { updateWebhookEndpoint } from "../../outbound/webhook-endpoints";
import { withCli } from "../cli-context";
import { ACCOUNT_OPTION } from "./options";

export function webhooksDisableCommand() {
  return new Command("disable")
    .description("Stop sending to an endpoint; its pending deliveries wait until it is enabled again (admin API or dashboard)")
    .argument("<id>", "an endpoint (from `tessera webhooks list`)")
    .requiredOption(...ACCOUNT_OPTION)
    .action((id: string, opts: { account: string }) =>
      withCli(async ({ config, db, logger, out }) => {
        const account = await findAccount(db, opts.account);
        const box = openSecretBox(config, logger);
        const endpoint = await updateWebhookEndpoint(db, { box, allowPrivateUrls: config.outboundWebhooks.allowPrivateUrls }, account.id, id, { enabled: false });
        out(`${endpoint.id} disabled`);
      }),
    );
}
