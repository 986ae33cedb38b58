import type { Bundle, Policy, Product, ProductWithPolicies as ProductWithPoliciesDto } from "@tessera/shared";
import type { BundleRecord, PolicyRecord, ProductRecord, ProductWithPolicies } from "./records";

// The catalog as every API shows it: the shared DTOs of @tessera/shared, which the Stripe App reads too.

const iso = (d: Date) => d.toISOString();

export const productDto = (p: ProductRecord): Product => ({
  id: p.id,
  shortCode: p.shortCode,
  name: p.name,
  authorizationMethod: p.authorizationMethod,
  features: p.features,
  customFields: p.customFields,
  createdAt: iso(p.createdAt),
  updatedAt: iso(p.updatedAt),
});

export const policyDto = (p: PolicyRecord): Policy => ({ ...p, createdAt: iso(p.createdAt), updatedAt: iso(p.updatedAt) });

export const productWithPoliciesDto = (p: ProductWithPolicies): ProductWithPoliciesDto => ({ ...productDto(p), policies: p.policies.map(policyDto) });

export const bundleDto = (b: BundleRecord): Bundle => ({
  id: b.id,
  code: b.code,
  name: b.name,
  members: b.members,
  createdAt: iso(b.createdAt),
  updatedAt: iso(b.updatedAt),
});
