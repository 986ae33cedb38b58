import type { PolicyTerms, ProductShape } from "./records";

// The part of an account's catalog that spec resolution reads, loaded per event (catalog/load-catalog.ts).

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
