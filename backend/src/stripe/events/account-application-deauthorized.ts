import { defineHandler } from "./handler";

/** The vendor uninstalled the app: stop processing their events, keep their data until they delete it. */
export const accountApplicationDeauthorized = defineHandler<null>({
  type: "account.application.deauthorized",
  async prepare() {
    return { next: null };
  },
  async apply(tx, _prepared, ctx) {
    await tx.$executeRaw`UPDATE "Account" SET status = 'DISCONNECTED', "disconnectedAt" = ${ctx.event.created}, "updatedAt" = now()
      WHERE id = ${ctx.account.id}`;
    return { status: "PROCESSED", message: `Account ${ctx.account.stripeAccountId ?? ctx.account.id} disconnected; its data is kept` };
  },
});
