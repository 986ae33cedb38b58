import { accountsWithTokens, resealAccountTokens } from "../db/account-store";
import { resealed, type Resealer } from "../crypto/rotate-secrets";
import { tokenContext } from "./token-seal";

/** Every account's OAuth tokens sealed with the current key. */
export const resealOAuthTokens: Resealer = async (db, box) => {
  let count = 0;
  for (const account of await accountsWithTokens(db)) {
    if (!account.stripeAccountId) continue;
    const { stripeAccountId, livemode } = account;
    const next = {
      accessTokenEnc: account.accessTokenEnc && resealed(box, account.accessTokenEnc, tokenContext(stripeAccountId, livemode, "access")),
      refreshTokenEnc: account.refreshTokenEnc && resealed(box, account.refreshTokenEnc, tokenContext(stripeAccountId, livemode, "refresh")),
    };
    const changed = Number(next.accessTokenEnc !== account.accessTokenEnc) + Number(next.refreshTokenEnc !== account.refreshTokenEnc);
    if (changed > 0) await resealAccountTokens(db, account.id, next);
    count += changed;
  }
  return count;
};
