import { Command } from "commander";
import { WebhookEndpointCreate } from "@tessera/shared";
import { findAccount } from "../../accounts/find-account";
import { openSecretBox } from "../../crypto/open-secret-box";
import { addWebhookEndpoint } from "../../outbound/webhook-endpoints";
import { CliError } from "../cli-error";
import { withCli } from "../cli-context";
import { ACCOUNT_OPTION } from "./options";

export function webhooksAddCommand() {
  return new Command("add")
    .description("Register an outbound webhook endpoint; prints its signing secret (whsec_…), shown this once")
    .argument("<url>", "where license events are POSTed (http or https)")
    .requiredOption(...ACCOUNT_OPTION)
    .option("--events <types>", "comma-separated types to send (license.created, license.renewed, license.disabled, license.enabled, license.refunded); default: all")
    .option("--description <text>", "what the endpoint is, for people")
    .action((url: string, opts: { account: string; events?: string; description?: string }) =>
      withCli(async ({ config, db, logger, out, note }) => {
        const parsed = WebhookEndpointCreate.safeParse({
          url,
          ...(opts.description !== undefined ? { description: opts.description } : {}),
          ...(opts.events !== undefined ? { eventTypes: opts.events.split(",").map((t) => t.trim()).filter(Boolean) } : {}),
        });
        if (!parsed.success) throw new CliError(parsed.error.issues.map((i) => `${i.path.join(".") || "input"}: ${i.message}`).join("; "));
        const account = await findAccount(db, opts.account);
        if (account.status === "DISCONNECTED") throw new CliError("The account is disconnected from Tessera: reconnect it to add endpoints");
        const box = openSecretBox(config, logger);
        const endpoint = await addWebhookEndpoint(db, { box, allowPrivateUrls: config.outboundWebhooks.allowPrivateUrls }, account.id, parsed.data);
        out(`${endpoint.id}  ${endpoint.secret}`);
        note("Verify each request's webhook-signature with this secret (Standard Webhooks); it is not shown again.");
      }),
    );
}
