import { z } from "zod";
import { Timestamp } from "./common";

// The License API that vendors' software calls from each customer's machine (/v1/licenses/*): requests,
// answers and validation codes. The typed client (`@tessera/shared/client`) reads the same shapes.

/** Why a license is or is not valid for this request; only VALID is valid. */
export const VALIDATION_CODES = [
  "VALID",
  "NOT_FOUND",
  "DISABLED",
  "EXPIRED",
  "NOT_ACTIVATED",
  "TOO_MANY_ACTIVATIONS",
  "NO_FLOATING_SEAT",
  "CONSUMPTION_EXCEEDED",
  "FEATURE_MISSING",
  "MAINTENANCE_EXPIRED",
  "USER_NOT_AUTHORIZED",
] as const;
export const ValidationCode = z.enum(VALIDATION_CODES).meta({
  id: "ValidationCode",
  description:
    "VALID, or why not: NOT_FOUND (no such key), DISABLED (by hand, refund, cancelled subscription), EXPIRED, NOT_ACTIVATED (this fingerprint holds no activation), TOO_MANY_ACTIVATIONS, NO_FLOATING_SEAT, CONSUMPTION_EXCEEDED (no units left), FEATURE_MISSING, MAINTENANCE_EXPIRED (the version was released after maintenance ended), USER_NOT_AUTHORIZED (the email is not a user of this license)",
});
export type ValidationCode = z.infer<typeof ValidationCode>;

const text = (max: number) => z.string().min(1).max(max);
export const LicenseKeyField = text(200).meta({ description: "The license key, e.g. ABCDE-FGHIJ-KLMNO-PQRST", example: "7KQ2M-X9D4H-PW3RT-JN6VB" });
export const FingerprintField = text(255).meta({ description: "A stable identifier of the machine, chosen by the vendor's software", example: "9f86d081884c7d65" });
/** Pins the request to the vendor's account: a key of another account then answers exactly like an unknown key. */
export const AccountField = text(100).meta({ description: "The vendor's account id (the one whose public key the software trusts); a key of another account answers NOT_FOUND" });
export const NonceField = text(128).meta({ description: "A fresh random value; the signed answer carries it back, so an old answer cannot be replayed" });

/** The version the software runs; its release date is compared with the license's maintenance end. */
export const ProductVersion = z
  .object({
    name: text(100).optional().meta({ example: "4.2.0" }),
    releasedAt: z.iso.datetime({ offset: true }).meta({ description: "When this version was released (the vendor builds it into the software)", example: "2026-03-01T00:00:00Z" }),
  })
  .strict()
  .meta({ id: "ProductVersion" });

export const ActivateRequest = z
  .object({
    key: LicenseKeyField,
    fingerprint: FingerprintField,
    name: text(200).optional().meta({ description: "A name for the machine the vendor or customer recognises", example: "Ada's laptop" }),
    platform: text(100).optional().meta({ example: "macos-arm64" }),
    metadata: z.record(z.string().max(100), z.union([z.string().max(500), z.number(), z.boolean(), z.null()])).optional(),
    nonce: NonceField.optional(),
    accountId: AccountField.optional(),
  })
  .strict()
  .meta({ id: "ActivateRequest" });
export type ActivateRequest = z.infer<typeof ActivateRequest>;

export const ValidateRequest = z
  .object({
    key: LicenseKeyField,
    fingerprint: FingerprintField.optional(),
    features: z.array(text(100)).max(100).optional().meta({ description: "Features the software needs; FEATURE_MISSING when one is not licensed" }),
    version: ProductVersion.optional(),
    userEmail: z.email().max(320).optional().meta({ description: "On user-authorised licenses: the person using the software" }),
    nonce: NonceField.optional(),
    accountId: AccountField.optional(),
  })
  .strict()
  .meta({ id: "ValidateRequest" });
export type ValidateRequest = z.infer<typeof ValidateRequest>;

export const MachineRequest = z
  .object({ key: LicenseKeyField, fingerprint: FingerprintField, nonce: NonceField.optional(), accountId: AccountField.optional() })
  .strict()
  .meta({ id: "MachineRequest" });
export type MachineRequest = z.infer<typeof MachineRequest>;

export const ConsumeRequest = z
  .object({
    key: LicenseKeyField,
    amount: z.int().min(1).max(1_000_000).default(1).meta({ description: "Units used" }),
    fingerprint: FingerprintField.optional(),
    nonce: NonceField.optional(),
    accountId: AccountField.optional(),
  })
  .strict()
  .meta({ id: "ConsumeRequest" });
export type ConsumeRequest = z.infer<typeof ConsumeRequest>;

export const CheckoutRequest = z
  .object({
    key: LicenseKeyField,
    fingerprint: FingerprintField,
    ttlSeconds: z.int().min(3600).max(366 * 86400).optional().meta({ description: "How long the file is good for (default 30 days; never past the license's expiry)" }),
    nonce: NonceField.optional(),
    accountId: AccountField.optional(),
  })
  .strict()
  .meta({ id: "CheckoutRequest" });
export type CheckoutRequest = z.infer<typeof CheckoutRequest>;

/** What a license grants, as the software needs it. */
export const Entitlements = z
  .object({
    licenseType: z.enum(["perpetual", "time-limited", "subscription", "consumption"]),
    product: z.string().nullable(),
    expiresAt: Timestamp.nullable(),
    graceUntil: Timestamp.nullable().meta({ description: "Unpaid subscription: valid until then" }),
    maintenanceUntil: Timestamp.nullable(),
    features: z.array(z.string()),
    featureSets: z.array(z.object({ set: z.int(), mask: z.int() })).meta({ description: "QLM-style feature sets (set index, bitmask)" }),
    customFields: z.record(z.string(), z.string()),
    majorVersion: z.int().nullable(),
    minorVersion: z.int().nullable(),
    maxActivations: z.int(),
    activationsUsed: z.int(),
    floatingUsers: z.int().nullable(),
    maxLicenseUsers: z.int().nullable(),
    consumptionUsed: z.int(),
    maxConsumptions: z.int().nullable(),
  })
  .meta({ id: "Entitlements" });
export type Entitlements = z.infer<typeof Entitlements>;

/** The machine an answer is about, when the request named one. */
export const MachineInfo = z
  .object({
    id: z.string(),
    fingerprint: z.string(),
    name: z.string().nullable(),
    platform: z.string().nullable(),
    leaseExpiresAt: Timestamp.nullable().meta({ description: "Floating licenses: send a heartbeat before then" }),
  })
  .meta({ id: "Machine" });
export type MachineInfo = z.infer<typeof MachineInfo>;

/** Every answer of the License API: signed (header Tessera-Signature) over its exact bytes. */
export const LicenseAnswer = z
  .object({
    valid: z.boolean(),
    code: ValidationCode,
    detail: z.string().meta({ description: "A sentence for people; software reads `code`" }),
    key: z.string().meta({ description: "The key as asked" }),
    entitlements: Entitlements.nullable().meta({ description: "null for NOT_FOUND" }),
    machine: MachineInfo.nullable(),
    fingerprint: z.string().nullable(),
    nonce: z.string().nullable(),
    issuedAt: Timestamp,
    accountId: z.string().nullable().meta({ description: "Whose public key verifies the signature (null for NOT_FOUND, signed by the server key of no account)" }),
    keyId: z.string().nullable(),
  })
  .meta({ id: "LicenseAnswer" });
export type LicenseAnswer = z.infer<typeof LicenseAnswer>;

export const OfflineLicense = z
  .object({
    file: z.string().nullable().meta({ description: "-----BEGIN TESSERA LICENSE FILE----- … base64 of the signed JSON and its signature; null when the answer is not VALID" }),
    expiresAt: Timestamp.nullable(),
    answer: LicenseAnswer,
  })
  .meta({ id: "OfflineLicense" });
export type OfflineLicense = z.infer<typeof OfflineLicense>;

export const PublicKey = z
  .object({
    keyId: z.string(),
    algorithm: z.literal("ed25519"),
    publicKey: z.string().meta({ description: "SPKI DER, base64" }),
    publicKeyPem: z.string(),
    createdAt: Timestamp,
    retiresAt: Timestamp.nullable().meta({ description: "A previous key still accepted until then; null for the current key" }),
  })
  .meta({ id: "PublicKey" });
export type PublicKey = z.infer<typeof PublicKey>;

export const PublicKeys = z.object({ accountId: z.string(), keys: z.array(PublicKey) }).meta({ id: "PublicKeys" });
export type PublicKeys = z.infer<typeof PublicKeys>;

/** Header carrying an answer's signature: `keyid="…", algorithm="ed25519", signature="<base64>"`. */
export const SIGNATURE_HEADER = "Tessera-Signature";

/** What an offline license file holds (base64 JSON inside the armour), signed over `payload`'s exact text. */
export const OfflineFileContent = z.object({ payload: z.string(), keyId: z.string(), algorithm: z.literal("ed25519"), signature: z.string() });
export type OfflineFileContent = z.infer<typeof OfflineFileContent>;

/** The signed text of an offline file: the answer for the machine, and until when the file may be used. */
export const OfflinePayload = z.object({ answer: LicenseAnswer, expiresAt: Timestamp });
export type OfflinePayload = z.infer<typeof OfflinePayload>;

export const OFFLINE_FILE_BEGIN = "-----BEGIN TESSERA LICENSE FILE-----";
export const OFFLINE_FILE_END = "-----END TESSERA LICENSE FILE-----";
