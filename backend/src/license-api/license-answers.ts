import type { LicenseAnswer, MachineInfo } from "@tessera/shared";
import type { LicenseByKeyRow } from "../db/licenses/license-reads";
import { entitlementsOf, type LicenseSnapshot, type MachineSnapshot, type Verdict } from "../licensing/rules/validation";

/** What the software sent that the answer carries back, so it can tell the answer is for this request. */
export interface Echo {
  key: string;
  fingerprint?: string | undefined;
  nonce?: string | undefined;
  accountId?: string | undefined;
}

/** A stored license split into the rules' two inputs. */
export function snapshotOf(row: LicenseByKeyRow): { license: LicenseSnapshot; machines: MachineSnapshot[] } {
  const { machines, ...license } = row;
  return { license, machines };
}

/**
 * The license with this key as the request sees it: a key of another account than the one the request
 * names is no license at all, so it answers exactly like an unknown key.
 */
export function visibleTo(row: LicenseByKeyRow | null, echo: Echo): LicenseByKeyRow | null {
  if (!row) return null;
  return echo.accountId !== undefined && echo.accountId !== row.accountId ? null : row;
}

const machineInfo = (m: MachineSnapshot): MachineInfo => ({
  id: m.id,
  fingerprint: m.fingerprint,
  name: m.name,
  platform: m.platform,
  leaseExpiresAt: m.leaseExpiresAt?.toISOString() ?? null,
});

/** An answer about a license; `keyId` is filled in by whoever signs it. */
export function answerOf(license: LicenseSnapshot, machines: MachineSnapshot[], verdict: Verdict, echo: Echo, now: Date, machine: MachineSnapshot | null = null): LicenseAnswer {
  return {
    valid: verdict.code === "VALID",
    code: verdict.code,
    detail: verdict.detail,
    key: echo.key,
    entitlements: entitlementsOf(license, machines, now),
    machine: machine ? machineInfo(machine) : null,
    fingerprint: echo.fingerprint ?? null,
    nonce: echo.nonce ?? null,
    issuedAt: now.toISOString(),
    accountId: license.accountId,
    keyId: null,
  };
}

/** The answer for a key that is unknown (or another account's): the same bytes but for the echo and time. */
export function notFoundAnswer(echo: Echo, now: Date): LicenseAnswer {
  return {
    valid: false,
    code: "NOT_FOUND",
    detail: "No license has this key",
    key: echo.key,
    entitlements: null,
    machine: null,
    fingerprint: echo.fingerprint ?? null,
    nonce: echo.nonce ?? null,
    issuedAt: now.toISOString(),
    accountId: null,
    keyId: null,
  };
}
