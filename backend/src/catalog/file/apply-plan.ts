import type { Db } from "../../db/client";
import { createBundle, updateBundle } from "../bundles";
import { withCatalogWrite, type CatalogCause } from "../catalog-write";
import { createPolicy, updatePolicy } from "../policies";
import { createProduct, updateProduct } from "../products";
import type { PlanStep } from "./plan-catalog";

/**
 * Carries out a plan in one transaction with the same service the admin API uses, so every rule and
 * CatalogChange applies; a failure leaves the catalog as it was. Returns the number of entries written.
 */
export function applyPlan(db: Db, accountId: string, steps: PlanStep[], cause: CatalogCause): Promise<number> {
  return withCatalogWrite(db, accountId, cause, async (w) => {
    let written = 0;
    for (const step of steps) {
      if (step.action !== "create" && step.action !== "update") continue;
      written++;
      if (step.action === "create") {
        if (step.entity === "product") await createProduct(w, step.input);
        else if (step.entity === "policy") await createPolicy(w, step.product, step.input);
        else await createBundle(w, step.input);
      } else {
        if (step.entity === "product") await updateProduct(w, step.code, step.patch);
        else if (step.entity === "policy") await updatePolicy(w, step.product, step.code, step.patch);
        else await updateBundle(w, step.code, step.patch);
      }
    }
    return written;
  });
}
