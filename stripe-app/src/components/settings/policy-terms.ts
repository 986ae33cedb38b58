import { LICENSE_TYPES, type Policy } from "@tessera/shared";

/** The terms a policy can set, each with how its text field reads and writes it. Empty text leaves a term to the product's default (null). */
export type TermKind = "text" | "int" | "bool" | "licenseType";

export const POLICY_TERMS = [
  { key: "licenseType", label: "License type", kind: "licenseType" },
  { key: "validDuration", label: "Valid for (e.g. 30d, 1y)", kind: "text" },
  { key: "maxActivations", label: "Max activations", kind: "int" },
  { key: "floatingCloud", label: "Floating cloud users", kind: "int" },
  { key: "enableMaintenance", label: "Maintenance", kind: "bool" },
  { key: "maintenanceDuration", label: "Maintenance for (e.g. 1y)", kind: "text" },
  { key: "maxLicenseUsers", label: "Max license users", kind: "int" },
  { key: "isLicenseManager", label: "Customer manages the license", kind: "bool" },
  { key: "assignCustomerAsUser", label: "Customer is a user", kind: "bool" },
  { key: "unpaidActiveLicensePeriod", label: "Works unpaid for (e.g. 7d)", kind: "text" },
  { key: "addedDays", label: "Added days", kind: "int" },
  { key: "maxConsumptions", label: "Max consumptions", kind: "int" },
] as const satisfies readonly { key: keyof Policy; label: string; kind: TermKind }[];

export type TermKey = (typeof POLICY_TERMS)[number]["key"];

export const LICENSE_TYPE_OPTIONS = LICENSE_TYPES;

/** A term as its field shows it. */
export function termText(value: string | number | boolean | null | undefined): string {
  return value === null || value === undefined ? "" : String(value);
}

/** A term's text as the contract takes it; text that is no number is passed on for the schema to name the problem. */
export function termValue(kind: TermKind, text: string): string | number | boolean | null {
  const trimmed = text.trim();
  if (trimmed === "") return null;
  if (kind === "int") return /^-?\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
  if (kind === "bool") return trimmed === "true";
  return trimmed;
}
