import { z } from "zod";
import { disconnectAccountWrite } from "../../db/account-store";
import { parseObject } from "../envelope";
import { defineHandler } from "./handler";

const applicationSchema = z.object({ id: z.string().min(1), object: z.literal("application") });

/**
 * A Stripe account disconnected an application. On the Connect endpoint (the event names `account`) that is
 * Tessera itself being uninstalled: the account is marked disconnected and its data kept until the vendor
 * deletes it (only Tessera's own application, when its id is known). On the operator's own endpoint (no `account`) it is some other application leaving the
 * operator's account, which changes nothing here.
 */
export const accountApplicationDeauthorized = defineHandler<{ applicationId: string }>({
  type: "account.application.deauthorized",
  async prepare(ctx) {
    const application = parseObject(applicationSchema, ctx.event);
    if (!ctx.event.account) {
      return {
        done: {
          status: "IGNORED",
          message: `Application ${application.id} was disconnected from your own Stripe account; Tessera's connection is unaffected`,
        },
      };
    }
    if (ctx.ownApplicationId && application.id !== ctx.ownApplicationId) {
      return { done: { status: "IGNORED", message: `Application ${application.id} is not Tessera (${ctx.ownApplicationId}); the connection is unaffected` } };
    }
    return { next: { applicationId: application.id } };
  },
  async apply(_tx, { applicationId }, ctx) {
    return {
      status: "PROCESSED",
      message: `Account ${ctx.account.stripeAccountId ?? ctx.account.id} disconnected application ${applicationId}; its data is kept`,
      writes: [disconnectAccountWrite(ctx.account.id, ctx.event.created)],
    };
  },
});
