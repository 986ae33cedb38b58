import { Command } from "commander";
import { withCli } from "../cli-context";
import { table } from "../table";

export function accountsListCommand() {
  return new Command("list").description("List the accounts (connected Stripe accounts and your own)").action(() =>
    withCli(async ({ db, out, note }) => {
      const accounts = await db.account.findMany({ orderBy: { createdAt: "asc" } });
      if (accounts.length === 0) {
        note("No accounts yet: set STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET for your own Stripe account, or connect one.");
        return;
      }
      const rows = accounts.map((a) => [
        a.id,
        a.selfHostedMode ? `self:${a.selfHostedMode}` : "connected",
        a.livemode ? "live" : "test",
        a.stripeAccountId ?? "-",
        a.status.toLowerCase(),
        a.displayName ?? "",
      ]);
      for (const line of table([["ID", "REF", "MODE", "STRIPE ACCOUNT", "STATUS", "NAME"], ...rows])) out(line);
    }),
  );
}
