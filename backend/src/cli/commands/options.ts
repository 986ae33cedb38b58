export const ACCOUNT_OPTION = [
  "--account <account>",
  "the account: its id (see `tessera accounts list`), or self:test / self:live for your own Stripe account",
] as const;
