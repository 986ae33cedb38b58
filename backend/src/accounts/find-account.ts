import type { Db } from "../db/client";
import { NotFoundError } from "../errors";

/** `self:test` or `self:live` names the operator's own account of that mode; anything else is an account id. */
export async function findAccount(db: Db, ref: string) {
  const mode = /^self:(test|live)$/.exec(ref)?.[1];
  const account = mode
    ? await db.account.findUnique({ where: { selfHostedMode: mode } })
    : await db.account.findUnique({ where: { id: ref } });
  if (account) return account;
  throw new NotFoundError(
    mode
      ? `There is no self-hosted ${mode} account: set STRIPE_SECRET_KEY=sk_${mode}_… and STRIPE_WEBHOOK_SECRET as for the server, or name an account id from \`tessera accounts list\``
      : `No account ${ref}; \`tessera accounts list\` shows the accounts`,
  );
}
