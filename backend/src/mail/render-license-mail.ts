import { fillPlaceholders, MAIL_LICENSE_PLACEHOLDERS, placeholdersIn } from "@tessera/shared";

export interface MailedLicense {
  key: string;
  /** The product's (or bundle's) name. */
  product: string;
  expiresAt: Date | null;
}

export interface LicenseMailFacts {
  customerName: string | null;
  customerEmail: string;
  /** In the order they were made (a purchase's units in order). */
  licenses: MailedLicense[];
}

const perLicense = new Set<string>(MAIL_LICENSE_PLACEHOLDERS);

const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : "never");

function licenseValue(name: string, l: MailedLicense): string | undefined {
  if (name === "license_key") return l.key;
  if (name === "product") return l.product;
  if (name === "expires_at") return day(l.expiresAt);
  return undefined;
}

function purchaseValue(name: string, facts: LicenseMailFacts): string {
  if (name === "customer_name") return facts.customerName ?? facts.customerEmail;
  if (name === "customer_email") return facts.customerEmail;
  if (name === "license_count") return String(facts.licenses.length);
  // Templates are checked when saved; a name unknown here was not known then either.
  return `{{${name}}}`;
}

/**
 * The mail of one purchase. In the body, a line that names a license placeholder is written once per license;
 * in the subject each license placeholder lists the licenses' values (each once), separated by commas.
 */
export function renderLicenseMail(template: { subject: string; body: string }, facts: LicenseMailFacts): { subject: string; body: string } {
  const subject = fillPlaceholders(template.subject, (name) =>
    perLicense.has(name) ? [...new Set(facts.licenses.map((l) => licenseValue(name, l)!))].join(", ") : purchaseValue(name, facts),
  );
  const body = template.body
    .split("\n")
    .flatMap((line) => {
      if (!placeholdersIn(line).some((name) => perLicense.has(name))) return [fillPlaceholders(line, (name) => purchaseValue(name, facts))];
      return facts.licenses.map((l) => fillPlaceholders(line, (name) => licenseValue(name, l) ?? purchaseValue(name, facts)));
    })
    .join("\n");
  return { subject, body };
}
