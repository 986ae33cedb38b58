import type { PolicyTerms, ProductShape } from "../catalog/rules/shapes";

// The part of an account's catalog that spec resolution reads (catalog/load-catalog.ts loads it per event).

export interface CatalogPolicy extends Omit<PolicyTerms, "name"> {
  id: string;
  code: string;
  isDefault: boolean;
}

export interface CatalogProduct extends ProductShape {
  id: string;
  policies: CatalogPolicy[];
}

export interface CatalogBundle {
  id: string;
  code: string;
  name: string;
  members: CatalogProduct[];
}

export interface CatalogView {
  product(shortCode: string): CatalogProduct | undefined;
  bundle(code: string): CatalogBundle | undefined;
}
