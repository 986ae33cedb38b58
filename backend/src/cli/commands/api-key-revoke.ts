import { Command } from "commander";
import { revokeApiKey } from "../../api-keys/api-key-store";
import { withCli } from "../cli-context";

export function apiKeyRevokeCommand() {
  return new Command("revoke")
    .description("Revoke an admin API key; requests with it are refused from now on")
    .argument("<prefix>", "the key's prefix: the part after tsk_, as `tessera api-key list` shows it")
    .action((prefix: string) =>
      withCli(async ({ db, out }) => {
        const key = await revokeApiKey(db, prefix);
        out(
          key.alreadyRevoked
            ? `API key ${prefix} ("${key.name}") was already revoked on ${key.revokedAt!.toISOString()}`
            : `Revoked API key ${prefix} ("${key.name}") of account ${key.accountId}`,
        );
      }),
    );
}
