import { disconnectAccountWrite } from "../../db/account-store";
import { defineHandler } from "./handler";

/** The vendor uninstalled the app: stop processing their events, keep their data until they delete it. */
export const accountApplicationDeauthorized = defineHandler<null>({
  type: "account.application.deauthorized",
  async prepare() {
    return { next: null };
  },
  async apply(_tx, _prepared, ctx) {
    return {
      status: "PROCESSED",
      message: `Account ${ctx.account.stripeAccountId ?? ctx.account.id} disconnected; its data is kept`,
      writes: [disconnectAccountWrite(ctx.account.id, ctx.event.created)],
    };
  },
});
