import type { ActivateRequest, LicenseAnswer, MachineRequest } from "@tessera/shared";
import { releaseSlot, renewSlot, takeSlot } from "../db/activation-store";
import { poolOf } from "../db/client";
import { readLicenseByKey } from "../db/licenses/license-reads";
import { recordHistory, type ChangeContext } from "../db/licenses/license-store";
import { sqlTransaction, type SqlTx } from "../db/sql";
import { machineActivated, machineDeactivated } from "../licensing/history";
import { decideActivation, decideHeartbeat, decideValidation, type LicenseSnapshot, type MachineSnapshot } from "../licensing/rules/validation";
import { answerOf, notFoundAnswer, snapshotOf, visibleTo, type Echo } from "./license-answers";
import { normaliseKey, type Caller, type LicenseApiDeps } from "./license-api-deps";

// Activation, deactivation and heartbeats: each decides under the license's row lock, so concurrent calls
// are decided one after the other and never hand out more slots than the license has. A refusal writes nothing.

type Locked = (tx: SqlTx, license: LicenseSnapshot, machines: MachineSnapshot[], now: Date) => Promise<LicenseAnswer>;

function underLicenseLock(deps: LicenseApiDeps, echo: Echo, decide: Locked): Promise<LicenseAnswer> {
  const now = deps.now();
  return sqlTransaction(poolOf(deps.db), async (tx) => {
    const row = visibleTo(await readLicenseByKey(tx, normaliseKey(echo.key), true), echo);
    if (!row) return notFoundAnswer(echo, now);
    const { license, machines } = snapshotOf(row);
    return decide(tx, license, machines, now);
  });
}

const contextOf = (license: LicenseSnapshot, caller: Caller): ChangeContext => ({
  accountId: license.accountId,
  customer: null,
  cause: { type: "LICENSE_API", id: caller.requestId },
});

const leaseEnd = (deps: LicenseApiDeps, license: LicenseSnapshot, now: Date) =>
  license.floatingUsers === null ? null : new Date(now.getTime() + deps.leaseMs);

/** Takes a slot for the machine, or renews the one it holds (idempotent: no second slot). */
export function activateMachine(deps: LicenseApiDeps, req: ActivateRequest, caller: Caller): Promise<LicenseAnswer> {
  return underLicenseLock(deps, req, async (tx, license, machines, now) => {
    const decision = decideActivation(license, machines, req.fingerprint, now);
    if (decision.kind === "refuse") return answerOf(license, machines, decision.verdict, req, now);
    const lease = leaseEnd(deps, license, now);
    let machine: MachineSnapshot;
    if (decision.kind === "renew") {
      machine = await renewSlot(tx, decision.machine.id, lease, now);
    } else {
      machine = await takeSlot(tx, license.accountId, license.id, { fingerprint: req.fingerprint, name: req.name ?? null, platform: req.platform ?? null, metadata: req.metadata ?? {} }, lease, now);
      await recordHistory(tx, contextOf(license, caller), license.id, machineActivated(req.fingerprint, machine.name, lease !== null));
    }
    const after = [...machines.filter((m) => m.fingerprint !== req.fingerprint), machine];
    const detail = decision.kind === "renew" ? "This machine was already activated" : "Machine activated";
    return answerOf(license, after, { code: "VALID", detail }, req, now, machine);
  });
}

/** Frees the machine's slot; the answer is the license as it stands for others. */
export function deactivateMachine(deps: LicenseApiDeps, req: MachineRequest, caller: Caller): Promise<LicenseAnswer> {
  return underLicenseLock(deps, req, async (tx, license, machines, now) => {
    const own = machines.find((m) => m.fingerprint === req.fingerprint);
    if (!own) return answerOf(license, machines, { code: "NOT_ACTIVATED", detail: "This machine holds no activation" }, req, now);
    await releaseSlot(tx, license.accountId, license.id, own.id, now);
    await recordHistory(tx, contextOf(license, caller), license.id, machineDeactivated(own.fingerprint, own.id));
    const after = machines.filter((m) => m.id !== own.id);
    const verdict = decideValidation(license, after, {}, now);
    return answerOf(license, after, verdict.code === "VALID" ? { code: "VALID", detail: "Machine deactivated" } : verdict, req, now);
  });
}

/** Keeps a floating lease (or a node-locked machine's last-seen time) going. */
export function heartbeat(deps: LicenseApiDeps, req: MachineRequest): Promise<LicenseAnswer> {
  return underLicenseLock(deps, req, async (tx, license, machines, now) => {
    const decision = decideHeartbeat(license, machines, req.fingerprint, now);
    if (!decision.ok) return answerOf(license, machines, decision.verdict, req, now);
    const machine = await renewSlot(tx, decision.machine.id, leaseEnd(deps, license, now), now);
    const after = machines.map((m) => (m.id === machine.id ? machine : m));
    return answerOf(license, after, { code: "VALID", detail: "Heartbeat received" }, req, now, machine);
  });
}
