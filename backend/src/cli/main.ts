import { Command } from "commander";
import { AppError } from "../errors";
import { ConfigError } from "../config";
import { CliError } from "./cli-error";
import { accountsListCommand } from "./commands/accounts-list";
import { apiKeyCreateCommand } from "./commands/api-key-create";
import { apiKeyListCommand } from "./commands/api-key-list";
import { apiKeyRevokeCommand } from "./commands/api-key-revoke";
import { catalogApplyCommand } from "./commands/catalog-apply";
import { eventsFailedCommand } from "./commands/events-failed";
import { eventsReplayCommand } from "./commands/events-replay";
import { secretsRotateCommand } from "./commands/secrets-rotate";
import { signingKeysRotateCommand } from "./commands/signing-keys-rotate";
import { webhooksAddCommand } from "./commands/webhooks-add";
import { webhooksDeliveriesCommand } from "./commands/webhooks-deliveries";
import { webhooksDisableCommand } from "./commands/webhooks-disable";
import { webhooksListCommand } from "./commands/webhooks-list";
import { webhooksResendCommand } from "./commands/webhooks-resend";
import { writebacksParkedCommand } from "./commands/writebacks-parked";
import { writebacksRetryCommand } from "./commands/writebacks-retry";

// `pnpm tessera <command>`: operator tasks against the same database and configuration as the server.

function program() {
  const group = (name: string, description: string, ...commands: Command[]) => {
    const g = new Command(name).description(description);
    for (const c of commands) g.addCommand(c);
    return g;
  };
  return new Command("tessera")
    .description("Tessera operator commands (configured by the same environment as the server)")
    .addCommand(group("accounts", "Accounts", accountsListCommand()))
    .addCommand(group("api-key", "Admin API keys", apiKeyCreateCommand(), apiKeyListCommand(), apiKeyRevokeCommand()))
    .addCommand(group("catalog", "Products, policies and bundles", catalogApplyCommand()))
    .addCommand(group("events", "Received Stripe events", eventsFailedCommand(), eventsReplayCommand()))
    .addCommand(group("secrets", "Secrets Tessera stores sealed (OAuth tokens, signing keys, webhook endpoint secrets)", secretsRotateCommand()))
    .addCommand(group("signing-keys", "The keys that sign License API answers", signingKeysRotateCommand()))
    .addCommand(
      group(
        "webhooks",
        "Outbound webhooks: license events sent to your endpoints",
        webhooksListCommand(),
        webhooksAddCommand(),
        webhooksDisableCommand(),
        webhooksDeliveriesCommand(),
        webhooksResendCommand(),
      ),
    )
    .addCommand(group("writebacks", "License keys owed to Stripe metadata", writebacksParkedCommand(), writebacksRetryCommand()));
}

/** One line on stderr and an exit code: 2 for configuration, 1 for everything else (usage errors are commander's). */
function report(err: unknown): number {
  if (err instanceof ConfigError) {
    process.stderr.write(`error: invalid configuration: ${err.problems.join("; ")}\n`);
    return 2;
  }
  const known = err instanceof CliError || err instanceof AppError;
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`error: ${known ? message : `unexpected: ${message.replace(/\s+/g, " ").trim()}`}\n`);
  return 1;
}

program()
  .parseAsync(process.argv)
  .catch((err: unknown) => {
    process.exitCode = report(err);
  });
