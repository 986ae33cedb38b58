import type { ConsumeRequest, LicenseAnswer } from "@tessera/shared";
import { poolOf, sqlOf } from "../db/client";
import { readLicenseByKey } from "../db/licenses/license-reads";
import { consumeUnits } from "../db/licenses/license-store";
import { sqlTransaction } from "../db/sql";
import { decideConsumption } from "../licensing/rules/validation";
import { answerOf, notFoundAnswer, snapshotOf, visibleTo } from "./license-answers";
import { normaliseKey, type Caller, type LicenseApiDeps } from "./license-api-deps";

/**
 * Counts used units. The limit is enforced by the counting statement itself, so concurrent calls never
 * pass it together; the read before only answers refusals early. Counters reset at each paid period.
 */
export async function consume(deps: LicenseApiDeps, req: ConsumeRequest, caller: Caller): Promise<LicenseAnswer> {
  const now = deps.now();
  const row = visibleTo(await readLicenseByKey(sqlOf(deps.db), normaliseKey(req.key)), req);
  if (!row) return notFoundAnswer(req, now);
  const { license, machines } = snapshotOf(row);
  const refused = decideConsumption(license, req.amount, now);
  if (refused) return answerOf(license, machines, refused, req, now);
  const ctx = { accountId: license.accountId, customer: null, cause: { type: "LICENSE_API" as const, id: caller.requestId } };
  const counted = await sqlTransaction(poolOf(deps.db), (tx) => consumeUnits(tx, ctx, license.id, req.amount));
  if (!counted) {
    // Others used the units meanwhile.
    return answerOf(license, machines, { code: "CONSUMPTION_EXCEEDED", detail: `${req.amount} more would pass the limit of ${license.maxConsumptions}` }, req, now);
  }
  const after = { ...license, consumptionUsed: counted.consumptionUsed };
  return answerOf(after, machines, { code: "VALID", detail: `${req.amount} unit${req.amount === 1 ? "" : "s"} counted` }, req, now);
}
