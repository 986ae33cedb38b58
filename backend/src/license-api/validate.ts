import type { LicenseAnswer, ValidateRequest } from "@tessera/shared";
import { sqlOf } from "../db/client";
import { readLicenseByKey } from "../db/licenses/license-reads";
import { decideValidation } from "../licensing/rules/validation";
import { answerOf, notFoundAnswer, snapshotOf, visibleTo } from "./license-answers";
import { normaliseKey, type LicenseApiDeps } from "./license-api-deps";

/** One read on the key's unique index, then the rules; the last-validated stamp is written later, in a batch. */
export async function validateLicense(deps: LicenseApiDeps, req: ValidateRequest): Promise<LicenseAnswer> {
  const now = deps.now();
  const row = visibleTo(await readLicenseByKey(sqlOf(deps.db), normaliseKey(req.key)), req);
  if (!row) return notFoundAnswer(req, now);
  const { license, machines } = snapshotOf(row);
  const verdict = decideValidation(
    license,
    machines,
    { fingerprint: req.fingerprint, features: req.features, userEmail: req.userEmail, versionReleasedAt: req.version ? new Date(req.version.releasedAt) : undefined },
    now,
  );
  deps.stamps.note(license.id, now);
  const machine = req.fingerprint === undefined ? null : (machines.find((m) => m.fingerprint === req.fingerprint) ?? null);
  return answerOf(license, machines, verdict, req, now, machine);
}
